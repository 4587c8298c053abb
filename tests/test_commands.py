import pytest
from django.core.management import call_command

from archive.models import Document

pytestmark = pytest.mark.django_db


def test_seed_loads_into_an_empty_archive_only(capsys):
    call_command("seed")
    assert "Seed loaded: 1 document(s)." in capsys.readouterr().out
    document = Document.objects.get(record_id=110371)
    document.title = "Edited by an archivist"
    document.save()

    call_command("seed")
    assert "already holds 1 document(s); seed not loaded." in capsys.readouterr().out
    assert Document.objects.get(record_id=110371).title == "Edited by an archivist"


def test_seed_never_touches_an_archive_with_other_records(capsys):
    from .factory import make_document, make_text

    own = make_document(record_id=5)
    make_text(own, passages=["Запись архивиста"])
    call_command("seed")
    assert not Document.objects.filter(record_id=110371).exists()
    assert own.texts.get().passages.get().content == "Запись архивиста"
