"""Where a document comes from and who brought it to us: its sources, its credits, and the
notes its texts carry.

A collection prints a record's provenance as one run of sentences: archival
references in the Russian hierarchy or in another archive's own system,
publications the document is printed in, prose about how it came to light, and the
people who obtained and translated it. Each notation has a module of its own, with
its tests beside it in tests/test_sources_<module>.py:

* russian.py — fond, opis, delo, papka, por., list(y), in every way they are written;
* archives.py — references in other archives' systems, kept as written;
* published.py — documentary volumes, journals and bulletins;
* credits.py — "Translated by …", "Obtained for CWIHP by …" and the like;
* repositories.py — the archives under every name citations give them (the gazetteer);
* reading.py — a whole source string into sources and credits, each read by its module;
* notes.py — numbered notes of a text and their markers, and notes in brackets;
* models.py — Source, Credit and Note; admin.py — their place in the admin.

What no module understands is kept as written and reported, never refused.
"""
