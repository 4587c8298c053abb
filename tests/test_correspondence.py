import pytest

from archive.correspondence import correspondents

from .factory import make_document, make_person, make_role

pytestmark = pytest.mark.django_db


def names(found):
    return [(c.person.name, len(c.sent_to), len(c.received_from)) for c in found]


def test_the_relay_chain_of_the_seed(seed):
    from archive.models import Person

    kim, mao, stalin = (
        Person.objects.get(slug=s) for s in ("kim-il-sung", "mao-zedong", "joseph-stalin")
    )
    # Equal counts: by sort name, and Stalin sorts as "Stalin, Joseph".
    assert names(correspondents(mao)) == [("Kim Il Sung", 0, 1), ("Joseph Stalin", 1, 0)]
    assert names(correspondents(kim)) == [("Mao Zedong", 1, 0)]
    assert names(correspondents(stalin)) == [("Mao Zedong", 0, 1)]


def test_mentioned_persons_are_not_correspondents(seed):
    from archive.models import Person

    assert correspondents(Person.objects.get(slug="matthew-ridgway")) == []


def test_drafts_and_counts(db):
    a, b = make_person("A"), make_person("B")
    for status in ("published", "published", "draft"):
        document = make_document(status=status)
        make_role(document, a, "author")
        make_role(document, b, "recipient")
    reply = make_document()
    make_role(reply, b, "author")
    make_role(reply, a, "recipient")
    assert names(correspondents(a)) == [("B", 2, 1)]
