"""Hypothesis strategies for requests to every public URL, and hand-picked edge cases.

Shared by tests/test_fuzz.py (a few hundred requests) and bench/fuzz.py (ten thousand).
The strategies only produce raw inputs (ids, slugs, filters, dates, search strings,
OAI-PMH arguments, repeated and malformed parameters); tests/promises.py works out what
each request must be answered with, and judges the answer.
"""

import base64
import datetime
import json
from urllib.parse import quote

from hypothesis import strategies as st

from .promises import (
    CITATIONS,
    COLLECTIONS,
    FACETS,
    OAI_VERBS,
    PERSONS,
    REPOSITORIES,
    SEED_ID,
    SEED_OAI_ID,
    SEED_SLUG,
    STATIC_FILES,
    browse_request,
    citation_request,
    collection_request,
    document_request,
    encode_query,
    export_request,
    home_request,
    listing_request,
    manifest_request,
    media_request,
    oai_request,
    person_request,
    repository_request,
    scan_request,
    segment,
    sitemap_request,
    static_request,
    stray_request,
)

# --- Raw inputs ----------------------------------------------------------------------------

SPECIALS = [
    "", " ", "\x00", "a\x00b", "\t", "\r\n", "\x1b[31m", "\x7f", "\u202eevil\u202c", "\u200f",
    "שלום", "مرحبا", "毛泽东", "김일성", "😀", "🇷🇺", "e\u0301", "ﬁ", "\ufeff", "\uffff", "İ", "ß",
    "ё", "%", "%00", "%%", "+", "&", "=", "#", "?", ";", ".", "..", "../../etc/passwd", "'", '"',
    "\\", "<script>alert(1)</script>", "' OR '1'='1", "NULL", "None", "null", "[]", "{}", "true",
    "-1", "0", "1e309", "NaN", "١٢٣", "Ⅻ", "²",
]  # fmt: skip
LONG = ["x" * 10_000, "переговоры " * 1_000, "😀" * 2_500, "\x00" * 1_000, "\u202e" * 1_000]
junk = st.one_of(st.sampled_from(SPECIALS + LONG), st.text(max_size=24))

SEARCH_WORDS = [
    "Malik", "Малика", "Filippov", "радио", "Риджу*", "-Malik", "the", "Stalin", "1951", "f. 45",
    '"военных действий"', "OR", "NOT", "NEAR(", "*", '"', "(", ")", ":", "^", "毛泽东", "Ким",
]  # fmt: skip
search_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(SEARCH_WORDS), junk), max_size=6).map(" ".join),
    st.sampled_from(LONG),
)

record_ids = st.one_of(
    st.just(str(SEED_ID)),
    st.sampled_from(
        [
            "0110371", "000000000110371", "0", "1", "110370", "110372", "2147483647",
            "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "9" * 40, "9" * 5000, "-1", "-110371", "+110371", "110371.0",
            "1e5", "0x1AF23", " 110371", "110371 ", "١١٠٣٧١", "abc",
        ]
    ),
    st.integers(min_value=0, max_value=10**30).map(str),
    junk,
)  # fmt: skip
slug_like = st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True)
document_slugs = st.one_of(
    st.just(SEED_SLUG),
    st.sampled_from(
        ["old-title", "ciphered-telegram", SEED_SLUG.upper(), SEED_SLUG + "-", "x" * 300]
    ),
    slug_like,
    junk,
)

form_dates = st.one_of(
    st.dates().map(lambda d: f"{d.year:04}-{d.month:02}-{d.day:02}"),
    st.dates().map(lambda d: f"{d.month:02}/{d.day:02}/{d.year:04}"),
    st.sampled_from(
        [
            "1951-06-30", " 1951-06-30 ", "June 30, 1951", "30 June 1951", "Jun 30 1951",
            "1951-6-3", "06/30/51", "0001-01-01", "9999-12-31", "1951-02-30", "1951-13-01",
            "1951-00-10", "0000-01-01", "10000-01-01", "-1951-06-30", "1951-06-31", "19510630",
            "30.06.1951", "today", "   ", "1951-06-30T00:00:00", "١٩٥١-٠٦-٣٠",
        ]
    ),
    junk,
)  # fmt: skip
pages = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "0", "1", "2", "last", "1.5", " 2 ", "١", "9" * 5000, "-0", "1_0"]),
    junk,
)


def _facet(name, near_misses=()):
    return st.tuples(
        st.just(name),
        st.one_of(st.sampled_from([*FACETS[name], "", *near_misses]), junk),
    )


browse_param = st.one_of(
    st.tuples(st.just("q"), search_text),
    st.tuples(st.sampled_from(["date_from", "date_to"]), form_dates),
    _facet("person", ["Mao-Zedong", "mao_zedong", "mao-zedong ", "stalin", "1"]),
    _facet("role", ["Author", "authors", "relayed-author"]),
    _facet("repository", ["APRF", "avp rf", "АВП РФ", "1"]),
    _facet("language", ["RU", "rus", "ru-RU", "xx"]),
    _facet("type", ["Letter", "telegrams", "1"]),
    _facet("collection", ["Korean War", "korean_war", "1"]),
    _facet("sort", ["relevance ", "+date", "--date", "pk", "?", "random"]),
    st.tuples(st.just("page"), pages),
    st.tuples(junk, junk),
)
RAW_QUERIES = [
    "%", "%zz", "%ff%fe", "q=%E2%82", "&&&", "=", "==", "q", "q&q", ";q=1", "q=%00", "%00=%00",
    "page=1;page=2", "q=a+b&q=", "person=%C0%AF", "date_from=%FF", "sort=%00",
    "q=" + "%F0%9F%98%80" * 500,
]  # fmt: skip
# Only values the filters accept (the text box takes anything), so that most requests
# get past the form to the search, the facet counts and the results.
valid_browse_param = st.one_of(
    st.tuples(st.just("q"), search_text),
    st.tuples(
        st.sampled_from(["date_from", "date_to"]),
        st.dates().map(lambda d: f"{d.year:04}-{d.month:02}-{d.day:02}"),
    ),
    *(st.tuples(st.just(name), st.sampled_from(["", *values])) for name, values in FACETS.items()),
    st.tuples(st.just("page"), pages),
)
browse_queries = st.one_of(
    st.lists(valid_browse_param, max_size=6).map(encode_query),
    st.lists(browse_param, max_size=8).map(encode_query),
    st.tuples(
        st.lists(browse_param, max_size=4).map(encode_query), st.sampled_from(RAW_QUERIES)
    ).map("&".join),
)
junk_queries = st.one_of(
    st.lists(st.tuples(junk, junk), max_size=4).map(encode_query),
    st.sampled_from(RAW_QUERIES),
)
detail_queries = st.lists(
    st.one_of(
        st.tuples(
            st.just("show"), st.one_of(st.sampled_from(["both", "original", "translation"]), junk)
        ),
        st.tuples(st.just("translation"), st.one_of(st.sampled_from(["ru", "en", "zh", ""]), junk)),
        st.tuples(st.just("q"), search_text),
        st.tuples(junk, junk),
    ),
    max_size=5,
).map(encode_query)

# OAI-PMH arguments: mostly well-formed requests, so the answers go past argument checking.
oai_dates = st.one_of(
    st.dates().map(lambda d: f"{d.year:04}-{d.month:02}-{d.day:02}"),
    st.datetimes().map(
        lambda m: f"{m.year:04}-{m.month:02}-{m.day:02}T{m.hour:02}:{m.minute:02}:{m.second:02}Z"
    ),
    st.sampled_from(
        [
            "1951-06-30", "2026-11-28T07:04:30Z", "0001-01-01", "0001-01-01T00:00:00Z",
            "9999-12-31", "9999-12-31T23:59:59Z", "1951-6-30", "1951-06-30T12:00:00",
            "1951-06-30t12:00:00z", "1951-02-30", "1951-06-30T24:00:00Z", "1951-06-30T23:59:60Z",
            "1951-06-30T12:00:00.5Z", "1951-06-30T12:00:00+01:00", "1951", "1951-06", "",
            "١٩٥١-٠٦-٣٠",
        ]
    ),
    junk,
)  # fmt: skip
_moments = st.one_of(
    st.none(),
    # Moments at the ends of time, which an offset pushes past them.
    st.sampled_from(
        ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01", "2026-11-28"]
    ),
    st.datetimes(timezones=st.just(datetime.UTC)).map(datetime.datetime.isoformat),
    st.datetimes().map(datetime.datetime.isoformat),
    junk,
    st.integers(),
)
token_states = st.fixed_dictionaries(
    {
        "from": _moments,
        "until": _moments,
        "set": st.one_of(st.none(), st.sampled_from(COLLECTIONS), junk, st.integers()),
        "after": st.one_of(
            st.none(),
            st.tuples(_moments, st.integers(min_value=-(2**70), max_value=2**70)).map(list),
            st.lists(st.one_of(junk, st.integers()), max_size=3),
            junk,
        ),
        "cursor": st.one_of(st.integers(min_value=-5, max_value=2**70), st.booleans(), junk),
        "total": st.one_of(st.none(), st.integers(min_value=-5, max_value=2**70), junk),
    }
)


def _token(state):
    text = json.dumps(state, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


tokens = st.one_of(
    token_states.map(_token),
    st.tuples(token_states.map(_token), st.integers(min_value=1, max_value=20)).map(
        lambda pair: pair[0][: -pair[1]]
    ),
    st.sampled_from(["", "=", "e30", "bnVsbA", "W10", "!!!", "a" * 4096]),
    junk,
)
OAI_VALUES = {
    "identifier": st.one_of(
        st.just(SEED_OAI_ID),
        st.sampled_from(
            [
                "oai:cold-war-archive.example.org:0110371", "oai:cold-war-archive.example.org:1",
                "oai:cold-war-archive.example.org:", "oai:cold-war-archive.example.org:-1",
                f"{SEED_OAI_ID}\x00", SEED_OAI_ID + "9" * 30, "oai:example.org:110371",
                "110371", ":110371", "oai:cold-war-archive.example.org:١١٠٣٧١",
            ]
        ),
        junk,
    ),
    "metadataPrefix": st.one_of(
        st.just("oai_dc"), st.sampled_from(["OAI_DC", "oai_dc ", "marc21", "mods", ""]), junk
    ),
    "from": oai_dates,
    "until": oai_dates,
    "set": st.one_of(
        st.sampled_from([*COLLECTIONS, "", "korean", "korean-war korean-war-armistice"]), junk
    ),
    "resumptionToken": tokens,
}  # fmt: skip


@st.composite
def _oai_well_formed(draw):
    verb = draw(st.sampled_from(sorted(OAI_VERBS)))
    required, optional = OAI_VERBS[verb]
    pairs = [("verb", verb)]
    for name in sorted(required):
        pairs.append((name, draw(OAI_VALUES[name])))
    for name in sorted(optional):
        if draw(st.booleans()):
            pairs.append((name, draw(OAI_VALUES[name])))
    if "resumptionToken" in optional and draw(st.booleans()):
        pairs = [("verb", verb), ("resumptionToken", draw(tokens))]  # a harvest going on
    return pairs


oai_any_argument = st.one_of(
    st.tuples(
        st.just("verb"),
        st.one_of(
            st.sampled_from(sorted(OAI_VERBS)),
            st.sampled_from(["identify", "GETRECORD", "ListRecords ", "", "List Records"]),
            junk,
        ),
    ),
    *(st.tuples(st.just(name), values) for name, values in OAI_VALUES.items()),
    st.tuples(st.sampled_from(["Verb", "identifier ", "metadataprefix", "from_", ""]), junk),
    st.tuples(junk, junk),
)
oai_queries = st.one_of(
    _oai_well_formed().map(encode_query),
    st.tuples(_oai_well_formed(), st.lists(oai_any_argument, min_size=1, max_size=2)).map(
        lambda parts: encode_query(parts[0] + parts[1])
    ),
    st.lists(oai_any_argument, max_size=6).map(encode_query),
    st.sampled_from(RAW_QUERIES),
)

# --- Every URL family ---------------------------------------------------------------------

# Pages without parameters of their own, by the family their answers are judged as.
LISTING_PAGES = {
    "persons": "/persons/",
    "repositories": "/repositories/",
    "collections": "/collections/",
    "feed": "/feeds/documents.atom",
    "robots": "/robots.txt",
    "admin": "/admin/login/",
}

FAMILIES = {
    "home": st.builds(home_request, junk_queries),
    "lists": st.builds(
        lambda page, query: listing_request(page[0], page[1], query),
        st.sampled_from(sorted(LISTING_PAGES.items())),
        junk_queries,
    ),
    "browse": st.builds(browse_request, browse_queries),
    "export": st.builds(export_request, st.sampled_from(["csv", "json"]), browse_queries),
    "document": st.one_of(
        # The page itself, highlighting whatever it is asked to, and every other address.
        st.builds(document_request, st.just(str(SEED_ID)), st.just(SEED_SLUG), detail_queries),
        st.builds(
            document_request, record_ids, st.one_of(st.none(), document_slugs), detail_queries
        ),
    ),
    "citation": st.builds(
        citation_request,
        record_ids,
        st.one_of(
            st.sampled_from(CITATIONS),
            st.sampled_from(
                ["cite.xml", "cite.BIB", "tei.json", "cite", "manifest.xml", "cite.bib."]
            ),
        ),
        junk_queries,
    ),
    "manifest": st.builds(manifest_request, record_ids, junk_queries),
    "scan": st.builds(
        scan_request,
        record_ids,
        st.one_of(st.sampled_from(["1", "0", "2", "99999999999999999999"]), junk),
        st.one_of(st.sampled_from(["full", "thumbnail", "FULL", "medium"]), junk),
    ),
    "person": st.builds(
        person_request,
        st.one_of(
            st.sampled_from(PERSONS), st.sampled_from(["stalin", "Mao-Zedong"]), slug_like, junk
        ),
        junk_queries,
    ),
    "repository": st.builds(
        repository_request,
        st.one_of(
            st.sampled_from(list(REPOSITORIES)),
            st.sampled_from(["APRF", "AVP RF", "avprf", "АВП РФ", "  rgaspi ", "Avp  Rf", "апрф"]),
            slug_like,
            junk,
        ),
        junk_queries,
    ),
    "collection": st.builds(
        collection_request,
        st.one_of(st.sampled_from(COLLECTIONS), slug_like, junk),
        st.lists(st.tuples(st.just("page"), pages), max_size=2).map(encode_query),
    ),
    "oai": st.builds(oai_request, oai_queries, st.sampled_from(["GET", "POST"])),
    "sitemap": st.builds(
        sitemap_request,
        st.one_of(
            st.just(""), st.lists(st.tuples(st.just("p"), pages), max_size=2).map(encode_query)
        ),
    ),
    "static": st.builds(
        static_request,
        st.one_of(st.sampled_from(STATIC_FILES), junk.map(lambda name: "/static/" + segment(name))),
    ),
    "media": st.builds(media_request, st.one_of(st.sampled_from(["scans/1.jpg", ""]), junk)),
    "stray": st.builds(
        stray_request,
        st.sampled_from(["documents", "persons", "collections", "oai", "feeds", "no-such-page"]),
        junk.filter(bool),
    ),
}
# Anything at all: what the benchmark draws from.
any_request = st.one_of(*FAMILIES.values())


def _oai_list(**arguments):
    return oai_request(
        encode_query({"verb": "ListRecords", "metadataPrefix": "oai_dc", **arguments})
    )


def _oai_token(**state):
    first_page = {"from": None, "until": None, "set": None, "after": None, "cursor": 0, "total": 1}
    token = _token({**first_page, **state})
    return oai_request(encode_query({"verb": "ListIdentifiers", "resumptionToken": token}))


# A valid value of each OAI-PMH argument.
_OAI_VALUES = {
    "identifier": SEED_OAI_ID,
    "metadataPrefix": "oai_dc",
    "from": "1951-01-01",
    "until": "2100-01-01",
    "set": "korean-war",
}


def _every_oai_argument():
    """Each verb with its required arguments, alone and with each optional one: every line
    of the protocol's table, which random drawing reaches only now and then."""
    for verb, (required, optional) in sorted(OAI_VERBS.items()):
        arguments = {"verb": verb, **{name: _OAI_VALUES[name] for name in required}}
        yield oai_request(encode_query(arguments))
        for name in sorted(optional - {"resumptionToken"}):
            yield oai_request(encode_query({**arguments, name: _OAI_VALUES[name]}))


# Sent every time, whatever is generated: the ends of every range, and what breaks databases.
EDGE_CASES = [
    *_every_oai_argument(),
    home_request(),
    browse_request(),
    browse_request(encode_query({"q": "Malik", "person": "yakov-malik", "role": "mentioned"})),
    browse_request(encode_query({"date_from": "0001-01-01", "date_to": "9999-12-31"})),
    browse_request(encode_query({"date_from": "9999-12-31"})),
    browse_request(encode_query({"date_from": "1952-01-01", "date_to": "1951-01-01"})),
    browse_request(encode_query({"person": "\x00"})),
    browse_request(encode_query({"type": "letter\x00", "collection": "\x00"})),
    browse_request("page=" + "9" * 5000),
    browse_request(encode_query({"q": "x" * 10_000, "sort": "title"})),
    export_request("csv"),
    export_request("json", encode_query({"q": "Stalin", "sort": "-date"})),
    export_request("csv", encode_query({"repository": "a\x00"})),
    export_request("json", encode_query({"date_to": "1951-02-30"})),
    document_request(str(SEED_ID), SEED_SLUG, encode_query({"q": "Filippov", "show": "original"})),
    document_request(
        str(SEED_ID), query=encode_query({"show": "translation", "translation": "en"})
    ),
    document_request(str(SEED_ID), "old-title"),
    document_request("0110371", SEED_SLUG),
    document_request("2147483648"),
    document_request("9223372036854775808", SEED_SLUG),
    document_request("18446744073709551616"),
    document_request("9" * 40),
    *(citation_request(str(SEED_ID), name) for name in CITATIONS),
    citation_request("9223372036854775808", "cite.bib"),
    citation_request("9" * 40, "tei.xml"),
    # A slug without its slash and a query too long to be kept by the slash's redirect.
    citation_request(str(SEED_ID), "cite", encode_query({"q": "переговоры " * 1000})),
    citation_request(str(SEED_ID), "cite", encode_query({"q": "переговоры"})),
    manifest_request(str(SEED_ID)),
    manifest_request("9" * 40),
    scan_request(str(SEED_ID), "1", "full"),
    scan_request(str(SEED_ID), "99999999999999999999", "thumbnail"),
    person_request("joseph-stalin"),
    person_request("no-such-person"),
    repository_request("avp-rf"),
    repository_request("АВП РФ"),
    repository_request("\x00"),
    repository_request("a\x00b"),
    collection_request("korean-war", "page=-1"),
    collection_request("korean-war", "page=" + "9" * 5000),
    sitemap_request(),
    sitemap_request("p=2"),
    sitemap_request("p=" + "9" * 5000),
    *(listing_request(family, path) for family, path in LISTING_PAGES.items()),
    static_request("/static/css/archive.css"),
    oai_request("verb=Identify"),
    oai_request("verb=Identify", method="POST"),
    oai_request("verb=ListSets"),
    oai_request("verb=ListMetadataFormats&identifier=" + quote(SEED_OAI_ID)),
    oai_request(
        encode_query({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": SEED_OAI_ID})
    ),
    oai_request(
        encode_query(
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": SEED_OAI_ID + "\x00"}
        )
    ),
    oai_request(encode_query({"verb": "ListMetadataFormats", "identifier": "\x00\x01"})),
    _oai_list(),
    _oai_list(set="korean-war", **{"from": "1951-01-01"}),
    _oai_list(until="9999-12-31"),
    _oai_list(until="9999-12-31T23:59:59Z"),
    _oai_list(**{"from": "0001-01-01", "until": "0001-01-01"}),
    _oai_list(**{"from": "١٩٥١-٠٦-٣٠"}),
    _oai_list(set="\x00"),
    _oai_list(set="korean war"),  # no setSpec has a space
    _oai_token(**{"from": "0001-01-01T00:00:00+05:00"}),
    _oai_token(until="9999-12-31T23:59:59-05:00"),
    _oai_token(after=["2026-11-28T07:04:30+00:00", 2**70], cursor=100, total=101),
    _oai_token(set="\x00", cursor=0),
]
