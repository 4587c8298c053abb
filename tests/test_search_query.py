"""Reading what a historian types, without a database."""

import pytest

from archive.search.query import MAX_QUERY_LENGTH, Phrase, Term, parse


def shape(query):
    def describe(item):
        if isinstance(item, Phrase):
            return ("phrase", item.words)
        return ("prefix", item.prefixes) if item.prefixes else ("word", item.text)

    return (
        [tuple(describe(item) for item in clause) for clause in query.clauses],
        [describe(item) for item in query.excluded],
    )


def test_words_must_all_match():
    assert shape(parse("Malik radio")) == ([(("word", "Malik"),), (("word", "radio"),)], [])


@pytest.mark.parametrize("quotes", ['"{}"', "«{}»", "“{}”", "„{}“"])
def test_phrases_in_any_quotation_marks(quotes):
    query = parse(quotes.format("прекращения военных действий"))
    assert shape(query) == ([(("phrase", ("прекращения", "военных", "действий")),)], [])


def test_prefix_exclusion_not_and_or():
    assert shape(parse("Риджу* -Malik")) == ([(("prefix", ("ridzhu",)),)], [("word", "Malik")])
    assert shape(parse("Ridgway NOT Malik"))[1] == [("word", "Malik")]
    assert shape(parse("Stalin OR Filippov Malik"))[0] == [
        (("word", "Stalin"), ("word", "Filippov")),
        (("word", "Malik"),),
    ]


def test_hyphenated_words_are_a_phrase():
    (clause,) = parse("Il-sung").clauses
    assert clause[0].words == ("Il", "sung")


@pytest.mark.parametrize(
    "typed",
    [
        '"unbalanced',
        "AND",
        "OR",
        "NEAR",
        "*",
        "^",
        ":",
        "NOT",
        "-",
        '""',
        "a*",
        "NEAR(a b)",
        "\x00",
    ],
)
def test_stray_syntax_is_tidied_never_an_error(typed):
    parse(typed)  # no exception
    parse(f"Malik {typed} radio")


def test_an_unbalanced_quote_is_reported():
    query = parse('"прекращения военных')
    assert len(query.clauses) == 2
    assert "quotation mark was not closed" in query.messages[0]


def test_only_stop_words_leave_an_empty_query_with_a_message():
    query = parse("the and of и в")
    assert not query
    assert "only very common words" in query.messages[0]


def test_long_queries_are_cut_and_said_to_be():
    query = parse("переговоры " * 2000)
    assert query
    assert f"first {MAX_QUERY_LENGTH} characters" in query.messages[0]


def test_control_characters_are_dropped():
    assert shape(parse("Ma\x00lik")) == ([(("word", "Ma"),), (("word", "lik"),)], [])


def test_a_term_knows_its_keys():
    (clause,) = parse("Malika").clauses
    term = clause[0]
    assert isinstance(term, Term)
    assert "malik" in term.keys and "malika" in term.keys
