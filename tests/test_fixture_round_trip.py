"""dumpdata → flush → loaddata gives the same archive (natural keys for shared records).

The search index is left out of the dump: it is derived from the documents, and
loading them rebuilds it.
"""

import pytest
from django.core.management import call_command

from archive.corpus import CorpusWriter
from archive.models import Document
from archive.search import engine, rebuild

pytestmark = pytest.mark.django_db(transaction=True)


def dump(path):
    call_command(
        "dumpdata",
        "archive",
        natural_foreign=True,
        natural_primary=True,
        exclude=["archive.searchchange", "archive.publicversion"],
        indent=1,
        output=str(path),
        verbosity=0,
    )
    return path.read_text(encoding="utf-8")


def test_dumpdata_flush_loaddata_gives_an_identical_archive(seed, tmp_path):
    CorpusWriter(seed=3).write(15, first_record_id=700)
    Document.objects.filter(record_id=700).update(status="draft")
    rebuild()  # the corpus writer leaves indexing to the end, as a bulk load does
    Document.objects.get(record_id=701).delete()  # leaves a withdrawal behind
    first = dump(tmp_path / "first.json")
    assert '"model": "archive.withdrawal"' in first
    assert '"document": [\n   110371\n  ]' in first  # natural keys, not row ids

    index = search_entries()
    assert len(index["records"]) == 14  # the published documents

    call_command("flush", interactive=False, verbosity=0)
    assert Document.objects.count() == 0
    call_command("loaddata", str(tmp_path / "first.json"), verbosity=0)
    assert dump(tmp_path / "second.json") == first
    assert search_entries() == index


def search_entries():
    """What the index holds, by record number: which documents, and what some searches find."""
    records = dict(Document.objects.values_list("pk", "record_id"))
    found = {
        query: sorted(d.record_id for d in Document.objects.search(query))
        for query in ("Filippov", "переговоры", "Ridgway", '"f. 45"', "negot*")
    }
    return {"records": sorted(records[pk] for pk in engine.indexed_ids()), "found": found}
