import pytest
from django.core.management import call_command

from archive.models import Document, Person

pytestmark = pytest.mark.django_db


def test_seed_loads_into_an_empty_archive_only(capsys):
    call_command("seed")
    assert "Seed loaded: 1 document(s)." in capsys.readouterr().out
    document = Document.objects.get(record_id=110371)
    document.title = "Edited by an archivist"
    document.save()

    call_command("seed")
    assert "already holds 1 document(s); seed not loaded" in capsys.readouterr().out
    assert Document.objects.get(record_id=110371).title == "Edited by an archivist"


def test_seed_force_reloads_the_seed_records(capsys):
    call_command("seed")
    Document.objects.filter(record_id=110371).update(title="Changed")
    call_command("seed", force=True)
    assert Document.objects.get(record_id=110371).title.startswith("Ciphered Telegram No. 21336")
    assert Person.objects.filter(slug="joseph-stalin").count() == 1
