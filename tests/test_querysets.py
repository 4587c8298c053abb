"""archive.querysets: what a list of documents reads with its rows."""

import pytest

from archive.models import Document
from archive.querysets import ListedRole

from .factory import make_document, make_person, make_role

pytestmark = pytest.mark.django_db


def test_a_list_reads_every_role_in_order_with_its_persons_name():
    document = make_document()
    stalin, mao, kim = make_person("Joseph Stalin"), make_person("Mao Zedong"), make_person("Kim")
    make_role(document, stalin, role="recipient", name_as_written="ФИЛИПОВУ", position=2)
    make_role(document, kim, role="mentioned", position=3)
    make_role(document, mao, role="author", position=1)

    (listed,) = Document.objects.filter(pk=document.pk).for_list()

    assert listed.listed_roles == [
        ListedRole("author", mao.pk, "Mao Zedong", ""),
        ListedRole("recipient", stalin.pk, "Joseph Stalin", "ФИЛИПОВУ"),
        ListedRole("mentioned", kim.pk, "Kim", ""),
    ]
    # A row shows who wrote to whom: the mentioned are left to the search's reasons.
    assert [role.person_name for role in listed.principal_roles] == ["Mao Zedong", "Joseph Stalin"]


def test_each_document_of_each_batch_gets_its_own_roles(django_assert_num_queries):
    documents = [make_document() for _ in range(5)]
    for number, document in enumerate(documents):
        make_role(document, make_person(f"Author {number}"))
    lonely = make_document()  # no role at all

    with django_assert_num_queries(4):  # the documents; the roles of each batch of two
        listed = list(Document.objects.order_by("pk").for_list().iterator(chunk_size=2))

    names = {document.pk: [r.person_name for r in document.principal_roles] for document in listed}
    assert names == {
        **{document.pk: [f"Author {n}"] for n, document in enumerate(documents)},
        lonely.pk: [],
    }


def test_a_document_read_otherwise_says_its_roles_were_not_read():
    document = make_document()
    make_role(document, make_person("Mao Zedong"))

    assert Document.objects.get(pk=document.pk).principal_roles is None


def test_a_whole_list_reads_its_roles_in_one_query(django_assert_num_queries):
    documents = [make_document() for _ in range(120)]  # more than one iterator() chunk
    person = make_person("Mao Zedong")
    for document in documents:
        make_role(document, person)

    with django_assert_num_queries(2):  # the documents, then all their roles
        listed = list(Document.objects.order_by("pk").for_list())

    assert all(document.principal_roles[0].person_name == "Mao Zedong" for document in listed)
