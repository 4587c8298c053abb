"""Addresses that last, and what crawlers and feed readers are given."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from archive.models import Document

from .factory import make_document

pytestmark = pytest.mark.django_db

CANONICAL = (
    "/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/"
)


def test_a_document_lives_at_its_id_and_slug(client, seed):
    assert seed.get_absolute_url() == CANONICAL
    assert client.get(CANONICAL).status_code == 200


@pytest.mark.parametrize(
    "old",
    ["/documents/110371/", "/documents/110371/old-title/", "/documents/110371/ciphered-telegram/"],
)
def test_the_id_alone_or_a_wrong_slug_redirects_permanently(client, seed, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == CANONICAL


def test_the_query_survives_the_redirect(client, seed):
    response = client.get("/documents/110371/?q=Malik&show=original")
    assert response["Location"] == CANONICAL + "?q=Malik&show=original"


def test_a_retitled_document_keeps_its_old_links(client, seed):
    Document.objects.filter(pk=seed.pk).update(title="Mao to Stalin, 30 June 1951")
    response = client.get(CANONICAL)
    assert response.status_code == 301
    assert response["Location"] == "/documents/110371/mao-to-stalin-30-june-1951/"


def test_cyrillic_titles_get_latin_slugs(db):
    document = make_document(record_id=2, title="Шифртелеграмма № 21336 Мао Цзе-дуна")
    assert document.get_absolute_url() == "/documents/2/shifrtelegramma-no-21336-mao-tsze-duna/"


def test_a_draft_does_not_redirect_the_public(db):
    make_document(record_id=3, status="draft", title="Secret draft title")
    response = Client().get("/documents/3/")
    assert response.status_code == 404
    assert b"secret-draft-title" not in response.content


@pytest.mark.parametrize("url", ["/", "/documents/", "/persons/joseph-stalin/", CANONICAL])
def test_every_page_declares_its_canonical_address(client, seed, url):
    html = client.get(url).content.decode()
    path = url.split("?")[0]
    assert f'<link rel="canonical" href="http://testserver{path}">' in html


def test_sitemap_lists_published_documents_persons_and_collections(client, seed):
    make_document(record_id=4, status="draft", title="Draft")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver" + CANONICAL in locations
    assert "http://testserver/persons/joseph-stalin/" in locations
    assert "http://testserver/collections/korean-war/" in locations
    assert not any("/documents/4/" in location for location in locations)


def test_atom_feed_of_new_documents(client, seed):
    make_document(record_id=4, status="draft", title="Draft")
    response = client.get("/feeds/documents.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == [seed.title]
    assert entries[0].find(f"{atom}author/{atom}name").text == "Mao Zedong"
    # The entry's id is the record's, so a retitled document is not a new entry.
    assert entries[0].find(f"{atom}id").text == "oai:cold-war-archive.example.org:110371"
    # save(), not QuerySet.update(): an update sends no signal, so it would not move the
    # public version on, and the cached feed would rightly stay as it was.
    seed.title = "Письмо 김일성"
    seed.save()
    root = ET.fromstring(client.get("/feeds/documents.atom").content)
    (entry,) = root.findall(f"{atom}entry")
    assert entry.find(f"{atom}id").text == "oai:cold-war-archive.example.org:110371"
    assert entry.find(f"{atom}title").text == "Письмо 김일성"
    assert (
        'rel="alternate" type="application/atom+xml" href="/feeds/documents.atom"'
        in client.get("/").content.decode()
    )


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_first_publication_is_remembered(db):
    document = make_document(record_id=6, status="draft")
    assert document.published_at is None
    document.status = Document.Status.PUBLISHED
    document.save()
    first = document.published_at
    assert first is not None
    document.status = Document.Status.DRAFT
    document.save()
    document.status = Document.Status.PUBLISHED
    document.save()
    assert document.published_at == first


def test_the_permanent_address_redirects_for_the_price_of_the_title(
    client, seed, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the public version, and the title
        response = client.get("/documents/110371/?show=original")
    assert response.status_code == 301
    assert response["Location"] == seed.get_absolute_url() + "?show=original"
    assert client.get("/documents/999999/").status_code == 404
