"""Bad queries never fail: generated queries against the search page and the document page."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive import search
from archive.models import Document

pytestmark = pytest.mark.django_db

SYNTAX = [
    '"', "'", "«", "»", "„", "“", "*", "**", "^", ":", "-", "--", "+", "(", ")", "{", "}", "[", "]",
    "AND", "OR", "NOT", "NEAR", "NEAR(", "near/3", "&", "|", "!", "<->", ":*", "\\", "/", "%", "_",
    "\x00", "\x1b", "\u202e", "\u200f", "😀", "🇷🇺", "שלום", "مرحبا", "毛泽东", "김일성", "ё", "й",
    "e\u0301", "ﬁ", "Ⅻ", "²", "0x", "--", "'; DROP TABLE archive_document; --", "title:", "rowid",
]  # fmt: skip
WORDS = ["Malik", "Малика", "Filippov", "радио", "Риджу*", "-Malik", "the", "и", "f.", "45", "а"]

queries = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.text(max_size=12)),
    max_size=12,
).map(lambda parts: " ".join(parts))

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(query=queries)
def test_any_query_gives_a_results_page(client, seed, query):
    response = client.get("/documents/", {"q": query})
    assert response.status_code == 200


@FUZZ
@given(query=queries)
def test_any_query_can_be_searched_ranked_and_explained(seed, query):
    documents = list(Document.objects.published().search(query).by_relevance(query))
    search.explain(documents, search.parse(query))


@FUZZ
@given(query=queries)
def test_any_query_highlights_the_document_page(client, seed, query):
    assert client.get("/documents/110371/", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "переговоры " * 1_000,
        '"' * 5_000,
        "*" * 10_000,
        "Malik\x00" * 100,
        "\u202eMalik\u202c радио",
        "😀" * 3_000,
        "the of and и в на",
    ],
)
def test_extreme_queries(client, seed, query):
    response = client.get("/documents/", {"q": query})
    assert response.status_code == 200
