"""A whole source string into its sources and credits, each read by its own notation.

A collection writes, after a record's title and date, everything it knows about
where the document comes from, in one run of sentences:

    APRF: F. 39, Op. 1, D. 31, L. 34. Reprinted in Andrei Ledovskii, …, p. 421.
    Translated for CWIHP from Russian by Sergey Radchenko. Published in CWIHP Bulletin #16.

The string is cut into clauses where a phrase opens one ("Reprinted in",
"Published as", "translation from", "Also available at", "Translated by",
"Obtained for", "This document was made possible…"); what comes before the first
is where the original is held. Each clause is read by the module for its
notation (russian, archives, published, credits). A clause none of them
understands is kept as written, as a source of its own, and listed in `kept`
for the importer to report; nothing is dropped and nothing refused.
"""

import re
from dataclasses import dataclass, field, replace

from . import archives, credits, published, russian
from .repositories import Names

# Kinds of source and their relation to the record: the values Source stores.
ARCHIVAL, ARCHIVAL_OTHER, PUBLISHED = "archival", "archival_other", "published"
PROVENANCE, VERBATIM = "provenance", "verbatim"
HELD, PUBLISHED_IN, REPRINTED_IN, PUBLISHED_AS = (
    "held",
    "published_in",
    "reprinted_in",
    "published_as",
)
TRANSLATION_FROM, ORIGINAL_FROM, ALSO_AT = "translation_from", "original_from", "also_available"

# Phrases that open a clause, and the relation of the source the clause names.
_OPENERS = [
    (r"reprinted\s+in", REPRINTED_IN),
    (r"published\s+as", PUBLISHED_AS),
    (r"(?:first\s+|originally\s+|also\s+)?published\s+in", PUBLISHED_IN),
    (r"(?:english\s+|the\s+)?translation\s+(?:is\s+)?(?:taken\s+)?from", TRANSLATION_FROM),
    (r"(?:russian\s+|the\s+)?original\s+(?:text\s+)?(?:is\s+)?(?:taken\s+)?from", ORIGINAL_FROM),
    (r"(?:also\s+available|a\s+copy\s+is\s+(?:also\s+)?(?:held|available)|copy\s+also)"
     r"\s+(?:at|in)", ALSO_AT),
    (r"source\s*:", HELD),
]  # fmt: skip
_OPENER = re.compile(
    r"(?:^|(?<=[.;])\s+|(?<=[.;]\s)|,\s+(?=translation\s+from))"
    r"(?=(?:" + "|".join(pattern for pattern, _relation in _OPENERS) + r")\b"
    r"|(?:" + credits.OPENING.pattern.lstrip("^") + r"))",
    re.IGNORECASE,
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-zА-Яа-яЁё]|vol|vols|no|nos|pp|ed|eds|comp|cde|gen|dr|mr|mrs|st|op|ll|"
    r"ark|spr|por|fond|opis|delo|papka|list|listy|doc|inv|sygn|sv|bd|kn|tom|ch|str)|№)\.$",
    re.IGNORECASE,
)
# A publication named after an archive ("RGASPI Bulletin") is a publication still.
_JOURNAL = re.compile(r"\b(?:Bulletin|Journal|Review|Yearbook|eds?\.)", re.IGNORECASE)
_PUBLISHING = {PUBLISHED_IN, REPRINTED_IN, PUBLISHED_AS, TRANSLATION_FROM, ORIGINAL_FROM}
# Small words an archive's name may hold in lower case: "Archive of the President".
_NAME_WORDS = {"of", "the", "and", "for", "in", "de", "der", "des", "du", "la", "di", "und"}
_PROSE = re.compile(
    r"\b(?:was|were|is|are|has|had|have|been|found|donated|declassified|released|held|kept|"
    r"given|received|discovered|provided|located|copied|transferred)\b",
    re.IGNORECASE,
)


@dataclass
class SourceReading:
    """One source as read, with the values a Source stores."""

    kind: str
    relation: str
    as_written: str
    archive: str = ""  # the repository's name as written, where one is named
    repository: object = None  # what the name lookup found, or None
    levels: dict = field(default_factory=dict)  # fond … listy, listy_plural, notation
    reference: str = ""  # another system's levels, as written
    publication: object = None  # a published.Publication

    @property
    def citation(self):
        """How the source prints: standard notation where it was read, else as written."""
        if self.kind == ARCHIVAL:
            name = getattr(self.repository, "abbreviation", "") or self.archive
            return russian.format_reference(name, **self.levels)
        if self.kind == PUBLISHED and self.publication is not None:
            return str(self.publication)
        return self.as_written


@dataclass
class Reading:
    sources: list = field(default_factory=list)
    credits: list = field(default_factory=list)  # credits.Credit
    kept: list = field(default_factory=list)  # what was kept as written, not understood


def read(text, names=None):
    """The sources and credits of a source string. `names`: a repositories.Names."""
    names = names or Names()
    reading = Reading()
    text = " ".join((text or "").split())
    for clause in _clauses(text):
        relation, body = _opening(clause)
        found = credits.read(clause) if relation is None and credits.is_credit(clause) else []
        if found:
            reading.credits.extend(found)
            _rest_of_credit(clause, names, reading)
        elif relation is not None and not body.strip(" .;,:"):
            _keep(clause, reading, relation)  # an opening phrase and nothing after it
        elif relation in _PUBLISHING:
            _publication_or_archive(body, relation, names, reading)
        else:  # what comes before the first opening phrase, or "Also available at"
            _location(body, names, reading, relation=relation or HELD)
    return reading


def _rest_of_credit(clause, names, reading):
    """What follows a semicolon in a credit ("…; edited by X"), read on its own: another
    credit, or kept as written."""
    if ";" not in clause:
        return
    rest = clause.split(";", 1)[1].strip(" .")
    found = credits.read(rest) if credits.is_credit(rest) else []
    reading.credits.extend(found)
    if not found and rest:
        _keep(rest, reading)


def _clauses(text):
    starts = sorted({0, *(m.start() for m in _OPENER.finditer(text))})
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [piece.strip(" ;,") for piece in pieces if piece.strip(" ;,.")]


def _opening(clause):
    for pattern, relation in _OPENERS:
        match = re.match(rf"(?:{pattern})\s*", clause, re.IGNORECASE)
        if match:
            return relation, clause[match.end() :]
    return None, clause


def _publication_or_archive(body, relation, names, reading):
    """ "Reprinted in <a book>", or "translation from <an archive's copy>"."""
    if not published.looks_published(body) and _archival(body, names):
        _location(body, names, reading, relation=relation)
        return
    publication = published.read(body)
    written = body.strip().rstrip(".")
    reading.sources.append(SourceReading(PUBLISHED, relation, written, publication=publication))


def _archival(text, names):
    return bool(russian.read(text)) or archives.read(text, names) is not None


def _location(text, names, reading, relation=HELD):
    """Where the original is held: Russian references, other archives, a book, or prose."""
    for sentence in _sentences(text):
        if not _in_russian(sentence, relation, names, reading):
            for piece in _pieces(sentence):
                _piece(piece, relation, names, reading)


def _in_russian(text, relation, names, reading):
    """Add the references of `text` if it is Russian references; say whether it was.

    Words before the first archive are kept as written ("Wilson Center Digital Archive,
    APRF, f. 45"); a sentence ending in an archive's name is narrowed to the name
    ("translation from the Russian copy in RGANI, f. 5"), never to words the gazetteer does
    not know; a known archive may also be named after the levels ("Fond 558, …, RGASPI").
    Another archive's reference may follow the last one, after "and" or ";" (it is read on
    its own).
    """
    found = _archive_after(text, names) or russian.read(text)
    references = _named(found.references, names)
    if references is None:
        return False
    if names.at_start(found.before) is not None and names.get(references[0].archive) is None:
        # "ANIC, Fond CC al PCR, Secția Relații Externe, f. 1-30": the known archive named
        # first holds the reference; the words before "f." are its levels, not an archive.
        return False
    rest = text[found.end :]
    joined = re.match(r"^\s*(?:[;,]\s*)?(?:and\s+|и\s+)?(?P<next>\S.*)$", rest, re.IGNORECASE)
    follows = bool(joined and rest.strip(" .;,")) and names.at_start(joined["next"]) is not None
    # What follows may be another archive's reference; the references themselves must still
    # read whole, or a level given twice or garbled would be dropped without a word.
    if not found.complete and not (follows and russian.read(text[: found.end]).complete):
        return False
    before = found.before.strip(" ,;:.")
    if before and _is_prose(before):
        reading.sources.append(SourceReading(PROVENANCE, relation, before))
    elif before:
        _keep(before, reading, relation)
    for reference, as_read in zip(references, found.references, strict=True):
        source = _russian(reference, relation, names)
        if reference is not as_read:  # the sentence's words before the name stay with it
            source.as_written = as_read.written
        reading.sources.append(source)
    if follows:
        _piece(joined["next"], relation, names, reading)
    return True


def _archive_after(text, names):
    """ "Fond 558, opis 11, delo 342, RGASPI": references with no archive before them, in the
    archive the gazetteer knows named after them, as other archives' references are written;
    a russian.Reading that ends after the name, or None."""
    found = russian.read(text)
    if not found.references or any(r.archive for r in found.references):
        return None
    rest = text[found.end :]
    name = rest.strip(" .,;:")
    if names.get(name) is None:
        return None
    named = russian.read(text[: found.end], default_archive=name)
    if not named:
        return None
    end = found.end + rest.index(name) + len(name)
    *others, last = named.references
    last = replace(last, written=last.written + text[found.end : end])
    return russian.Reading([*others, last], named.before, named.complete, end)


def _named(references, names):
    """The references, each in an archive named as an archive is, narrowed to the known name
    a sentence ends in; None if any is in no archive that can be told (a sentence's words, or
    nothing at all)."""
    if not references or any(not r.fond for r in references):
        return None
    named = [r if _archive_name(r.archive, names) else _narrowed(r, names) for r in references]
    if not all(_archive_name(r.archive, names) for r in named):
        return None
    return named


def _archive_name(name, names):
    """Whether words before a fond are an archive's name, not a sentence that ends in one."""
    if names.get(name) is not None:
        return True
    if not name.strip() or archives.LEVEL_START.match(name):
        # Nothing is no archive; "Dosar 12/1964, f. 1-30" is another system's level, then
        # its leaves.
        return False
    if _known_tail(name, names):
        return False  # "Moscow and APRF": words before a known name are no part of it
    words = name.split()
    return len(words) <= 8 and all(
        w[0].isupper() or w in _NAME_WORDS for w in words if w[0].isalpha()
    )


def _piece(piece, relation, names, reading):
    if _in_russian(piece, relation, names, reading):
        return
    if names.at_start(piece) is not None and not _JOURNAL.search(piece):
        # A known archive first ("IPN BU 0296/124, t. 2"): a reference, whatever its levels.
        _other(piece, relation, names, reading)
        return
    if _is_prose(piece):
        _prose(piece, relation, names, reading)
        return
    if published.looks_published(piece):
        publication = published.read(piece)
        written = piece.strip().rstrip(".")
        kind_relation = PUBLISHED_IN if relation == HELD else relation
        reading.sources.append(
            SourceReading(PUBLISHED, kind_relation, written, publication=publication)
        )
        return
    _other(piece, relation, names, reading)


def _prose(piece, relation, names, reading):
    """A sentence about the document, kept as written; an archival reference inside it is
    read too, as a source of its own, where its archive can be told. Where it cannot ("…found
    in Moscow, f. 45"), no archive is guessed from the sentence's words: it is reported."""
    written = piece.strip()
    reading.sources.append(SourceReading(PROVENANCE, relation, written))
    references = [_named([r], names) for r in russian.read(piece).references]
    for named in references:
        if named is not None:
            reading.sources.append(_russian(named[0], relation, names))
    if None in references:
        reading.kept.append(written)


def _other(piece, relation, names, reading):
    """A reference in another archive's system, or the piece kept as written."""
    other = archives.read(piece, names)
    if (
        other is not None
        and russian.has_levels(piece)
        and not archives.has_own_levels(other.reference)
    ):
        # Levels of the Russian hierarchy that do not make a reference ("APRF, op. 1"): kept
        # with its repository, as written, and reported, rather than read wrong. A reference
        # in levels of its own ("Dosar 12/1964, f. 1-30") is understood as it is.
        reading.kept.append(piece.strip())
    if other is not None:
        reading.sources.append(
            SourceReading(
                ARCHIVAL_OTHER,
                relation,
                other.written,
                repository=other.repository,
                reference=other.reference,
            )
        )
        return
    _keep(piece, reading, relation)


def _is_prose(text):
    """A sentence about the document rather than a reference: several words, a verb, and
    mostly small words ("The original was found in the papers of…")."""
    words = text.split()
    small = sum(1 for word in words if word[:1].islower())
    return len(words) >= 6 and bool(_PROSE.search(text)) and small >= 0.4 * len(words)


def _russian(reference, relation, names):
    repository = names.get(reference.archive)
    levels = {level: getattr(reference, level) for level in russian.LEVELS}
    levels |= {"listy_plural": reference.listy_plural, "notation": reference.notation}
    return SourceReading(
        ARCHIVAL,
        relation,
        reference.written,
        archive=reference.archive,
        repository=repository,
        levels=levels,
    )


def _narrowed(reference, names):
    """A reference whose archive's name is the end of a sentence ("…is held at RGASPI"):
    the archive is the longest name the gazetteer knows at the end. Capitalized words alone
    ("…found in Moscow") are no archive: the reference is left as it was, for the caller to
    keep as written and report."""
    tail = _known_tail(reference.archive, names)
    if not tail:
        return reference
    written = reference.written[reference.written.find(tail) :]
    return replace(reference, archive=tail, written=written)


def _known_tail(name, names):
    """The longest name the gazetteer knows that ends `name`, shorter than it; or ""."""
    words = name.split()
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if names.get(tail) is not None:
            return tail
    return ""


def _keep(text, reading, relation=HELD):
    # The relation is what the opening phrase said ("Also available at"): the words kept
    # are the rest of the clause, so the phrase lives on only in the relation.
    written = text.strip()
    reading.sources.append(SourceReading(VERBATIM, relation, written))
    reading.kept.append(written)


def _sentences(text):
    """Sentences of the location part: a full stop ends one unless it ends an abbreviation,
    or the next word is an archival level ("АП РФ. Ф. 39. Оп. 1.")."""
    sentences, start = [], 0
    for match in re.finditer(r"\.\s+(?=[A-ZА-ЯЁ])", text):
        before = text[start : match.start() + 1]
        after = text[match.end() :]
        if _ABBREVIATION.search(before) or russian.starts_with_level(after):
            continue
        sentences.append(before)
        start = match.end()
    sentences.append(text[start:])
    return [sentence.strip() for sentence in sentences if sentence.strip(" .;,")]


def _pieces(sentence):
    """A sentence's references, at semicolons; a piece that continues the levels of the one
    before it ("Collection: …; Series: …; Folder: …") stays with it."""
    pieces = []
    for part in re.split(r";\s*(?:and\s+)?", sentence):
        if not part.strip(" .,"):
            continue
        continues = pieces and archives.LEVEL_START.match(part) and not russian.read(part)
        if continues:
            pieces[-1] += "; " + part
        else:
            pieces.append(part)
    return pieces
