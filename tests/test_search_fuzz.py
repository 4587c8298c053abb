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
    "ъ", "Ь", "_", "__", "ʹ", "ʺ", "-ъ", "ъ*", "Коммерсантъ", "the",
]  # fmt: skip
WORDS = [
    "Malik", "Малика", "Filippov", "радио", "Риджу*", "-Malik", "the", "и", "f.", "45", "а",
    "Stalin", "Сталину", "Mao", "21336", "1951", '"военных действий"', "Ridg*", "Korea", "ГЕНШТАБ",
    "Ким", "OR", "Елезов", "2204", "Beijing", "Top", "secret", "telegram", "ЦЗЕ-ДУН", "ВКП",
]  # fmt: skip

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
def test_every_result_is_explained(seed, query):
    """What the database found, the page can show: a name, a passage or a detail that matched."""
    parsed = search.parse(query)
    documents = list(Document.objects.published().search(parsed).by_relevance(parsed))
    explanations = search.explain(documents, parsed)
    if parsed.clauses:
        for document in documents:
            explanation = explanations[document.pk]
            assert explanation.reasons or explanation.snippets, query


@FUZZ
@given(query=queries)
def test_any_query_highlights_the_document_page(client, seed, query):
    assert (
        client.get(
            "/documents/110371/ciphered-telegram-no-21336-from-beijing-mao-zedong-to-cde-filippov-stalin/",
            {"q": query},
        ).status_code
        == 200
    )


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
