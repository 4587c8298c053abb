"""The timeline and the correspondence network: what they draw, link, hide and escape."""

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from archive.changes import deferred
from archive.models import Collection, Document, Person
from archive.pictures import person_network
from archive.pictures.network import RELAYED, WROTE, correspondence_network
from archive.pictures.timeline import timeline

from .factory import make_document, make_person, make_role
from .html import page_text
from .promises import CANONICAL

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
SEED = CANONICAL


# --- Reading the pictures ---------------------------------------------------------------


def svgs(html):
    """Each <svg> element of the page, parsed as XML: it must be well-formed on its own."""
    return [ET.fromstring(found) for found in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


def the_svg(response):
    assert response.status_code == 200
    found = svgs(response.content.decode())
    assert len(found) == 1
    return found[0]


def links(svg):
    """[(href, aria-label, <title>)] of every link in the drawing."""
    found = []
    for a in svg.iter(f"{SVG}a"):
        title = a.find(f"{SVG}title")
        found.append(
            (a.get("href"), a.get("aria-label"), title.text if title is not None else None)
        )
    return found


def links_with(svg, css_class):
    return [
        (a.get("href"), a.get("aria-label"))
        for a in svg.iter(f"{SVG}a")
        if css_class in a.get("class", "").split()
    ]


class _Hrefs(HTMLParser):
    """Links inside the element with the given class, outside any <svg>."""

    def __init__(self, css_class):
        super().__init__(convert_charrefs=True)
        self.css_class, self.depth, self.in_svg, self.hrefs = css_class, 0, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.in_svg += 1
        if self.depth:
            self.depth += 1
        elif self.css_class in (attrs.get("class") or "").split():
            self.depth = 1
        if self.depth and not self.in_svg and tag == "a":
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1
        if self.depth:
            self.depth -= 1


def hrefs_in(html, css_class):
    parser = _Hrefs(css_class)
    parser.feed(html)
    return parser.hrefs


def assert_accessible(svg, html):
    """The checks a screen reader and the Content-Security-Policy depend on."""
    assert svg.get("role") is None  # role="img" would hide the links inside
    title, desc = list(svg)[:2]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text.strip() and desc.text.strip()
    ids = {element.get("id") for element in svg.iter() if element.get("id")}
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert {title.get("id"), desc.get("id")} <= ids
    for href, label, link_title in links(svg):
        assert href and label and label.strip() and link_title == label
    # Text is near-black on the white the drawing lays under it, 17:1.
    assert svg.find(f"{SVG}rect").get("fill") == "#ffffff"
    parents = {child: parent for parent in svg.iter() for child in parent}
    for text in svg.iter(f"{SVG}text"):
        fill = text.get("fill") or parents[text].get("fill")
        assert fill == "#1a1a1a"
    for element in svg.iter():
        assert element.get("style") is None
        assert element.tag != f"{SVG}style"
        for value in element.attrib.values():
            if value.startswith("url(#"):
                assert value[5:-1] in ids  # markers point at markers on the page
    # No inline style anywhere (style-src 'self'), and the pictures' own stylesheet.
    assert " style=" not in html and "<style" not in html
    assert '<link rel="stylesheet" href="/static/css/pictures.css">' in html


def named(slug):
    return Person.objects.get(slug=slug)


def edges_of(network):
    return [(e.source.slug, e.target.slug, e.kind, len(e.documents)) for e in network.edges]


# --- The network ------------------------------------------------------------------------


def test_the_seed_network_is_the_relay_chain(seed):
    network = correspondence_network()
    assert sorted(edges_of(network)) == [
        ("kim-il-sung", "mao-zedong", RELAYED, 1),
        ("kim-il-sung", "mao-zedong", WROTE, 1),
        ("mao-zedong", "joseph-stalin", WROTE, 1),
    ]
    # Mentioned persons, decipherers and typists wrote to nobody.
    assert sorted(node.person.slug for node in network.nodes) == [
        "joseph-stalin",
        "kim-il-sung",
        "mao-zedong",
    ]


def test_the_network_page_draws_the_chain_with_links_to_the_document(client, seed):
    response = client.get("/correspondence/")
    svg = the_svg(response)
    edges = links_with(svg, "network__edge")
    assert sorted(label for _href, label in edges) == [
        "Kim Il Sung wrote to Mao Zedong: " + seed.title,
        "Mao Zedong wrote to Joseph Stalin: " + seed.title,
        "Message from Kim Il Sung relayed through Mao Zedong: " + seed.title,
    ]
    assert {href for href, _label in edges} == {SEED}
    relay = next(a for a in svg.iter(f"{SVG}a") if "network__edge--relay" in a.get("class"))
    line = relay.find(f"{SVG}path[@class='network__line']")
    assert line.get("stroke-dasharray")  # dashed
    assert line.get("marker-end") == f"url(#{svg.find(f'.//{SVG}marker').get('id')})"
    assert "".join(relay.find(f"{SVG}text").itertext()) == "relayed through"
    assert "Kim Il Sung wrote to Mao Zedong" in page_text(response.content.decode())


def test_network_nodes_link_to_person_pages(client, seed):
    svg = the_svg(client.get("/correspondence/"))
    nodes = links_with(svg, "network__node")
    assert sorted(nodes) == [
        ("/persons/joseph-stalin/", "Joseph Stalin: 1 document"),
        ("/persons/kim-il-sung/", "Kim Il Sung: 1 document"),
        ("/persons/mao-zedong/", "Mao Zedong: 1 document"),
    ]
    for href, _label in nodes:
        assert client.get(href).status_code == 200


def test_the_network_is_accessible_and_well_formed(client, seed):
    response = client.get("/correspondence/")
    html = response.content.decode()
    assert_accessible(the_svg(response), html)
    assert "<h1>Correspondence network</h1>" in html
    assert 'class="breadcrumbs"' in html


def test_the_network_text_lists_the_same_links(client, seed):
    response = client.get("/correspondence/")
    drawn = {href for href, _label, _title in links(the_svg(response))}
    written = set(hrefs_in(response.content.decode(), "network-list"))
    assert drawn == written


def test_an_arrow_for_several_documents_leads_to_their_list_with_every_link(client, db):
    a, b = make_person("Alpha"), make_person("Beta")
    documents = [
        make_document(title=f"Letter {n}", date=datetime.date(1950, n, 1)) for n in (1, 2, 3)
    ]
    for document in documents:
        make_role(document, a, "author")
        make_role(document, b, "recipient")
    response = client.get("/correspondence/")
    (href, label), *_ = links_with(the_svg(response), "network__edge")
    assert label == "Alpha wrote to Beta: 3 documents, listed below the picture"
    html = response.content.decode()
    assert href.startswith("#") and f'<li id="{href[1:]}">' in html
    item = html.split(f'<li id="{href[1:]}">')[1].split("</ul>")[0]
    assert [d.get_absolute_url() for d in documents] == re.findall(
        r'href="(/documents/[^"]+)"', item
    )
    written = hrefs_in(html, "network-list")
    assert [d.get_absolute_url() for d in documents] == [
        h for h in written if h.startswith("/documents/")
    ]


def test_arrows_between_the_same_persons_bend_apart(db):
    a, b = make_person("Alpha"), make_person("Beta")
    for author, recipient in [(a, b), (b, a)]:
        document = make_document()
        make_role(document, author, "author")
        make_role(document, recipient, "recipient")
    there, back = correspondence_network().edges
    assert (there.source, back.source) == (a, b)
    assert " Q" in there.curve.d and " Q" in back.curve.d
    # Each bends to its own side: the control points differ.
    assert there.curve.d.split(" Q")[1].split()[:2] != back.curve.d.split(" Q")[1].split()[:2]


def test_the_network_draws_at_most_its_limit_of_persons(client, db):
    hub = make_person("Hub")
    for n in range(5):
        document = make_document()
        make_role(document, hub, "author")
        make_role(document, make_person(f"Correspondent {n}"), "recipient")
    network = correspondence_network(limit=3)
    assert len(network.nodes) == 3 and network.hidden == 3
    assert "Hub" in [node.person.name for node in network.nodes]
    drawn = {node.person.pk for node in network.nodes}
    assert all({e.source.pk, e.target.pk} <= drawn for e in network.edges)
    html = render_to_string("archive/includes/network_figure.html", {"network": network})
    assert "Only the 3 persons in most documents are drawn: 3 more are left out" in page_text(html)


def test_drafts_never_reach_the_network(client, seed):
    secret_a, secret_b = make_person("Secret Sender"), make_person("Secret Receiver")
    draft = make_document(status="draft", title="Draft letter")
    make_role(draft, secret_a, "author")
    make_role(draft, secret_b, "recipient")
    kim, stalin = named("kim-il-sung"), named("joseph-stalin")
    draft_to_stalin = make_document(status="draft", title="Another draft")
    make_role(draft_to_stalin, kim, "author")
    make_role(draft_to_stalin, stalin, "recipient")
    html = client.get("/correspondence/").content.decode()
    for hidden in ("Secret Sender", "Secret Receiver", "Draft letter", "Another draft"):
        assert hidden not in html
    assert ("kim-il-sung", "joseph-stalin", WROTE, 1) not in edges_of(correspondence_network())
    assert ("kim-il-sung", "joseph-stalin", WROTE, 1) not in edges_of(person_network(stalin))


def test_hostile_names_and_titles_are_escaped_in_the_network(client, db):
    a, b = make_person('<script>alert("x")</script> & Co'), make_person("B & <b>")
    document = make_document(title="<script>alert(1)</script> & friends")
    make_role(document, a, "author")
    make_role(document, b, "recipient")
    response = client.get("/correspondence/")
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>" not in html
    svg = the_svg(response)  # parses: every & is escaped
    (_href, label), *_ = links_with(svg, "network__edge")
    assert label == (
        '<script>alert("x")</script> & Co wrote to B & <b>: <script>alert(1)</script> & friends'
    )
    assert_accessible(svg, html)


# --- A person's part of the network -----------------------------------------------------


def test_a_persons_network_holds_their_letters_and_the_relays_they_take_part_in(seed):
    stalin = named("joseph-stalin")
    network = person_network(stalin)
    assert network.centre == stalin
    # Stalin's letter came from Mao, and carried Kim Il Sung's message relayed through him.
    assert sorted(edges_of(network)) == [
        ("kim-il-sung", "mao-zedong", RELAYED, 1),
        ("kim-il-sung", "mao-zedong", WROTE, 1),
        ("mao-zedong", "joseph-stalin", WROTE, 1),
    ]
    assert [node.person.slug for node in network.nodes if node.is_centre] == ["joseph-stalin"]
    ridgway = Person.objects.get(slug="matthew-ridgway")  # only mentioned
    assert person_network(ridgway).edges == []
    assert (
        render_to_string(
            "archive/includes/network_figure.html", {"network": person_network(ridgway)}
        ).strip()
        == ""
    )


def test_a_persons_network_leaves_out_letters_between_others(db):
    me, other, third = make_person("Me"), make_person("Other"), make_person("Third")
    mine = make_document()
    make_role(mine, me, "author")
    make_role(mine, other, "author")
    make_role(mine, third, "recipient")
    theirs = make_document()
    make_role(theirs, other, "author")
    make_role(theirs, third, "recipient")
    assert edges_of(person_network(me)) == [(me.slug, third.slug, WROTE, 1)]


def test_the_include_draws_a_persons_network_with_its_own_ids(seed):
    mao = named("mao-zedong")
    html = render_to_string(
        "archive/includes/network_figure.html", {"network": person_network(mao)}
    )
    (svg,) = svgs(html)
    assert svg.get("aria-labelledby") == "person-network-title person-network-desc"
    assert svg.find(f"{SVG}title").text == "Correspondence of Mao Zedong"
    hrefs = {href for href, _label, _title in links(svg)}
    assert hrefs == {
        SEED,
        "/persons/kim-il-sung/",
        "/persons/mao-zedong/",
        "/persons/joseph-stalin/",
    }
    assert set(hrefs_in(html, "network-list")) == hrefs


def test_a_persons_network_takes_one_query(seed, django_assert_num_queries):
    mao = named("mao-zedong")
    with django_assert_num_queries(1):
        network = person_network(mao)
        render_to_string("archive/includes/network_figure.html", {"network": network})


# --- The timeline -----------------------------------------------------------------------


def test_the_seed_timeline_marks_the_document(client, seed):
    response = client.get("/timeline/")
    svg = the_svg(response)
    label = f"{seed.title}, 30 June 1951"
    assert links(svg) == [(SEED, label, label)]
    html = response.content.decode()
    assert_accessible(svg, html)
    assert "<h1>Timeline of the documents</h1>" in html
    assert 'class="breadcrumbs"' in html
    years = [text.text for text in svg.iter(f"{SVG}text")]
    assert years == ["1951"]
    assert svg.find(f"{SVG}desc").text == "1 dated document in 1951, one mark each."


def test_the_timeline_text_lists_the_same_links(client, db):
    for n in range(4):
        make_document(title=f"Telegram {n}", date=datetime.date(1950 + n, 3, 1))
    response = client.get("/timeline/")
    drawn = [href for href, _label, _title in links(the_svg(response))]
    assert len(drawn) == 4
    assert hrefs_in(response.content.decode(), "picture-table") == drawn
    text = page_text(response.content.decode())
    assert "1 March 1950" in text and "Telegram 0" in text


def test_partial_dates_are_hollow_marks(client, db):
    make_document(title="Day", date=datetime.date(1950, 5, 2))
    make_document(title="Month", date=datetime.date(1950, 5, 1), date_precision="month")
    make_document(title="About", date=datetime.date(1950, 5, 9), date_approximate=True)
    marks = {mark.document.title: mark.exact for mark in timeline(_published()).marks}
    assert marks == {"Day": True, "Month": False, "About": False}


def _published():
    return Document.objects.published()


def _drawn(svg, title):
    """The shape drawn in the link for the document titled `title`."""
    (link,) = [a for a in svg.iter(f"{SVG}a") if a.get("aria-label").startswith(f"{title}, ")]
    return link[1]  # after its <title>


def test_a_range_is_drawn_as_a_bar_across_its_days(client, db):
    make_document(title="Range", date=None, date_edtf="1951-06-29/1951-07-30")
    make_document(title="Day", date=datetime.date(1951, 6, 29))
    make_document(title="Next", date=datetime.date(1951, 7, 31))
    make_document(title="Month", date=None, date_edtf="1951-06")
    found = timeline(_published())
    assert {m.document.title: m.span for m in found.marks} == {
        "Range": True,
        "Day": False,
        "Next": False,
        "Month": False,  # a month alone is one period, a hollow mark in its middle
    }
    assert found.spans
    response = client.get("/timeline/")
    html = response.content.decode()
    svg = the_svg(response)
    assert_accessible(svg, html)
    bar, day = _drawn(svg, "Range"), _drawn(svg, "Day")
    assert (bar.tag, day.tag, _drawn(svg, "Month").tag) == (
        f"{SVG}rect",
        f"{SVG}circle",
        f"{SVG}circle",
    )
    # From the start of 29 June (where Day's mark stands) to the start of 31 July (Next's).
    left, width = float(bar.get("x")), float(bar.get("width"))
    assert left == pytest.approx(float(day.get("cx")), abs=0.06)
    assert left + width == pytest.approx(float(_drawn(svg, "Next").get("cx")), abs=0.15)
    # Piled apart, not drawn over each other.
    assert float(bar.get("y")) + 5 != float(day.get("cy"))
    # The words say it too: in the link's name, the table and the caption.
    labels = [label for _href, label, _title in links(svg)]
    assert "Range, 29 June – 30 July 1951" in labels
    assert "<tr><td>29 June – 30 July 1951</td>" in html
    assert "A document dated by a range is drawn as a bar" in page_text(html)


def test_an_open_range_is_drawn_to_the_edge_of_the_picture(client, db):
    make_document(title="Day", date=datetime.date(1951, 6, 29))
    make_document(title="Later", date=None, date_edtf="1951-08/..")
    response = client.get("/timeline/")
    svg = the_svg(response)
    bar = _drawn(svg, "Later")
    assert bar.tag == f"{SVG}rect"
    axis_end = timeline(_published()).right
    assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(float(axis_end))
    assert "Later, not before August 1951" in [label for _h, label, _t in links(svg)]


def test_month_bars_count_a_range_in_each_month_it_reaches(client, db, monkeypatch):
    monkeypatch.setattr("archive.pictures.timeline.MAX_MARKS", 2)
    make_document(title="Range", date=None, date_edtf="1951-06-29/1951-07-02")
    make_document(title="June", date=datetime.date(1951, 6, 10))
    make_document(title="August", date=datetime.date(1951, 8, 10))
    found = timeline(_published())
    assert found.per == "month" and found.spread_years
    bars = {bar.label: (bar.count, bar.url) for bar in found.bars}
    assert {label: count for label, (count, _url) in bars.items()} == {
        "June 1951": 2,
        "July 1951": 1,
        "August 1951": 1,
    }
    # Each bar's link finds what it counts: the browse page matches ranges by overlap.
    response = client.get(bars["July 1951"][1])
    assert [d.title for d in response.context["documents"]] == ["Range"]


@pytest.fixture
def filtered(db):
    """Two persons and two collections, each with its own documents, and one draft."""
    korea = Collection.objects.create(name="Korea", slug="korea")
    berlin = Collection.objects.create(name="Berlin", slug="berlin")
    stalin, truman = make_person("Stalin", slug="stalin"), make_person("Truman", slug="truman")
    documents = {}
    for title, person, collection in [
        ("Stalin in Korea", stalin, korea),
        ("Stalin in Berlin", stalin, berlin),
        ("Truman in Korea", truman, korea),
    ]:
        document = make_document(title=title)
        make_role(document, person, "author")
        document.collections.add(collection)
        documents[title] = document
    return documents


def marked_titles(response):
    return sorted(label.split(",")[0] for _href, label, _title in links(the_svg(response)))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Stalin in Berlin", "Stalin in Korea", "Truman in Korea"]),
        ({"person": "stalin"}, ["Stalin in Berlin", "Stalin in Korea"]),
        ({"collection": "korea"}, ["Stalin in Korea", "Truman in Korea"]),
        ({"person": "stalin", "collection": "korea"}, ["Stalin in Korea"]),
    ],
)
def test_filters_narrow_the_marks(client, filtered, params, expected):
    response = client.get("/timeline/", params)
    assert marked_titles(response) == expected
    html = response.content.decode()
    for value in params.values():
        assert f'<option lang="en" value="{value}" selected>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"person": "nobody"},
        {"collection": "no-such-collection"},
        {"person": "stalin", "collection": "<script>"},
        {"person": "drafty"},  # known only from a draft
    ],
)
def test_invalid_filters_give_their_error_and_no_picture(client, filtered, params):
    draft = make_document(status="draft", title="Draft")
    make_role(draft, make_person("Drafty", slug="drafty"), "author")
    response = client.get("/timeline/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert svgs(html) == []
    assert "Select a valid choice" in html
    assert "Please correct the marked filter to see the timeline." in page_text(html)
    assert "<script>" not in html.split("<main", 1)[1]


def test_drafts_never_reach_the_timeline(client, filtered):
    draft = make_document(status="draft", title="Secret draft", date=datetime.date(1960, 1, 1))
    make_role(draft, make_person("Drafty", slug="drafty"), "author")
    html = client.get("/timeline/").content.decode()
    assert "Secret draft" not in html and "Drafty" not in html
    assert marked_titles(client.get("/timeline/")) == [
        "Stalin in Berlin",
        "Stalin in Korea",
        "Truman in Korea",
    ]


def test_undated_documents_are_counted_not_drawn(client, db):
    make_document(title="Dated")
    make_document(title="Undated one", date=None)
    make_document(title="Undated two", date=None)
    response = client.get("/timeline/")
    assert marked_titles(response) == ["Dated"]
    assert "Undated, and so not drawn: 2 documents." in page_text(response.content.decode())
    assert "Undated one" not in response.content.decode()


def test_only_undated_documents_draw_nothing(client, db):
    make_document(title="Undated", date=None)
    html = client.get("/timeline/").content.decode()
    assert svgs(html) == []
    assert "Undated, and so not drawn: 1 document." in page_text(html)


def make_many(count, start, step_days, **fields):
    with deferred():
        return [
            make_document(
                title=f"Report {n}", date=start + datetime.timedelta(days=n * step_days), **fields
            )
            for n in range(count)
        ]


def test_above_the_threshold_bars_per_year_link_to_the_browse_page(client, db):
    stalin = make_person("Stalin", slug="stalin")
    documents = make_many(201, datetime.date(1949, 12, 1), 9)  # to mid-1954
    with deferred():
        for document in documents:
            make_role(document, stalin, "author")
    response = client.get("/timeline/", {"person": "stalin"})
    svg = the_svg(response)
    bars = links(svg)
    counts = {}
    for document in documents:
        counts[document.date.year] = counts.get(document.date.year, 0) + 1
    assert [label for _href, label, _title in bars] == [
        f"{year}: {n} documents" for year, n in sorted(counts.items())
    ]
    href = bars[1][0]
    assert href == "/documents/?date_from=1950-01-01&date_to=1950-12-31&person=stalin"
    assert f'href="{href.replace("&", "&amp;")}"' in response.content.decode()
    assert_accessible(svg, response.content.decode())
    # The bar's link finds the documents it counts.
    browse = page_text(client.get(href).content.decode())
    assert f"{counts[1950]} documents" in browse
    assert hrefs_in(response.content.decode(), "picture-table") == [h for h, _l, _t in bars]


def test_a_short_span_has_a_bar_per_month(client, db, monkeypatch):
    monkeypatch.setattr("archive.pictures.timeline.MAX_MARKS", 5)
    make_many(8, datetime.date(1951, 5, 20), 6)  # 20 May to 1 July 1951
    make_document(title="Some time in 1951", date=datetime.date(1951, 1, 1), date_precision="year")
    found = timeline(_published())
    assert found.per == "month"
    bars = {bar.label: (bar.count, bar.url) for bar in found.bars}
    assert bars["June 1951"] == (6, "/documents/?date_from=1951-06-01&date_to=1951-06-30")
    assert bars["January 1951"][0] == 1  # the document dated only to 1951, in every month
    assert bars["May 1951"][0] == 3
    assert found.spread_years
    browse = page_text(client.get(bars["June 1951"][1]).content.decode())
    assert "6 documents" in browse


def test_documents_piled_on_a_few_days_are_counted_in_bars(db):
    make_many(30, datetime.date(1951, 6, 1), 0)  # all on one day
    found = timeline(_published())
    assert found.marks == [] and [(b.label, b.count) for b in found.bars] == [("June 1951", 30)]


def test_hostile_titles_are_escaped_in_the_timeline(client, db):
    make_document(title="<script>alert(1)</script> & friends")
    response = client.get("/timeline/")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in html
    ((_href, label, _title),) = links(the_svg(response))
    assert label.startswith("<script>alert(1)</script> & friends, ")


def test_coordinates_stay_numbers_in_russian(client, seed):
    response = client.get("/ru/timeline/")
    svg = the_svg(response)
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", svg.get("viewBox"))
    for circle in svg.iter(f"{SVG}circle"):
        assert re.fullmatch(r"[\d.]+", circle.get("cx"))
    assert links(svg)[0][0] == "/ru" + SEED
    network = the_svg(client.get("/ru/correspondence/"))
    for path in network.iter(f"{SVG}path"):
        assert "," not in path.get("d")


# --- Both pages -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/timeline/", "/correspondence/"])
def test_pages_are_read_not_posted_to(client, seed, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def _letters(count):
    """`count` letters among a few persons, with relays, in two collections."""
    korea = Collection.objects.get_or_create(name="Korea", slug="korea")[0]
    persons = [make_person(f"Writer {n}") for n in range(4)]
    with deferred():
        for n in range(count):
            document = make_document(date=datetime.date(1950, 1, 1) + datetime.timedelta(n * 40))
            make_role(document, persons[n % 4], "author")
            make_role(document, persons[(n + 1) % 4], "recipient")
            make_role(document, persons[(n + 2) % 4], "relayed_author")
            make_role(document, persons[n % 4], "relayed_recipient")
            document.collections.add(korea)
    return persons


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "url", ["/timeline/", "/timeline/?collection=korea&person={slug}", "/correspondence/"]
)
def test_query_counts_do_not_grow_with_the_documents(
    client, db, url, django_assert_max_num_queries
):
    url = url.format(slug=_letters(3)[0].slug)
    few = queries(client, url)
    _letters(27)
    with django_assert_max_num_queries(few):
        client.get(url)
    assert few <= 8


def test_bars_take_no_more_queries_than_marks(client, db, monkeypatch):
    _letters(3)
    marks = queries(client, "/timeline/")
    monkeypatch.setattr("archive.pictures.timeline.MAX_MARKS", 2)
    _letters(30)
    assert queries(client, "/timeline/") <= marks
