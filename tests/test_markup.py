import random
import re

import archive.markup
from archive.markup import pieces, plain_text, render_passage, split_passages
from archive.sources.models import marker_id


def test_everything_is_escaped_before_marking():
    html = render_passage('<b onclick="x">*<i>*</b> & [<script>]')
    assert "<b" not in html and "<script>" not in html and "<i>" not in html
    assert "&lt;b onclick=&quot;x&quot;&gt;" in html
    assert '<span class="editorial supplied">[&lt;script&gt;]<span' in html


def test_handwriting_and_editorial_marks():
    html = render_passage("ВТОРОЕ УПРАВЛЕНИЕ *тов. Сталину*\nTo Comrade FILIPPOV [Stalin]")
    assert html == (
        'ВТОРОЕ УПРАВЛЕНИЕ <em class="handwriting">тов. Сталину</em>\n'
        'To Comrade FILIPPOV <span class="editorial supplied">[Stalin]'
        '<span class="visually-hidden" lang="en"> (supplied by the editor)</span></span>'
    )


def test_a_lone_asterisk_or_bracket_is_left_as_written():
    assert render_passage("5 * 3 [unclosed") == "5 * 3 [unclosed"


def test_plain_text_drops_only_the_handwriting_marks():
    assert plain_text("*Макаров* /Макаров/ [sic]") == "Макаров /Макаров/ [sic]"


def test_split_passages_keeps_each_block_exactly():
    pasted = "Первый абзац\r\nвторая строка  \r\n\r\n  \r\n\tПодпись\n\n\n"
    assert split_passages(pasted) == ["Первый абзац\nвторая строка  ", "\tПодпись"]
    assert split_passages("   \n\n") == []


def test_marks_never_interleave():
    html = render_passage("*a [b* c]")
    assert html == '<em class="handwriting">a [b</em> c]'


def test_highlights_are_marked_inside_and_outside_marks():
    content = "To Comrade FILIPPOV [Stalin] *тов. Сталину*"
    start = content.index("Stalin")
    russian = content.index("Сталину")
    html = render_passage(content, [(start, start + 6), (russian, russian + 7)])
    assert '<span class="editorial supplied">[<mark>Stalin</mark>]<span' in html
    assert '<em class="handwriting">тов. <mark>Сталину</mark></em>' in html


def test_note_markers_cannot_carry_markup_in_their_ids():
    html = render_passage("text[1]", notes={"1": 'en-note-"><script>x'}, anchors=set())
    assert "<script>" not in html and '"><' not in html
    assert 'href="#en-note-&quot;&gt;&lt;script&gt;x"' in html


def test_a_note_marked_twice_and_a_note_labelled_like_the_repeat_have_distinct_ids():
    # Two notes both marked "[1]" are labelled "1" and "1-2"; the second marker of note 1
    # must not take the id that note 1-2's back-link returns to.
    anchors = set()
    notes = {"1": "en-note-1", "1-2": "en-note-1-2"}
    html = render_passage("a[1] b[1]", notes=notes, anchors=anchors)
    assert anchors == {"en-noteref-1", "en-noteref2-1"}
    assert html.count(' id="') == 2
    assert marker_id("en-note-1-2") not in anchors


def test_passages_without_a_mark_character_are_read_as_the_full_scan_reads_them(monkeypatch):
    """pieces() skips the scan for marks where none of their characters is: built from
    every kind of mark and from text near to them, each passage reads as the scan does."""
    fragments = [
        "{sic Филипову Филиппову}", "{gap}", "*тов. Сталину*", "[Translator's note: x]",
        "[1]", "[2]", "¹", "²⁰", "word1)", "(1)", " x/ ", " ХХ/ ", "[Stalin]", "5 * 3",
        "[unclosed", "}", "a/b", "x", "х", "12", "(", " ", "\n", "Mao", "ответ", "ǆ",
    ]  # fmt: skip
    draw = random.Random(14)
    passages = ["".join(draw.choices(fragments, k=draw.randint(0, 6))) for _ in range(3000)]
    notes = {"1": "n1", "20": "n20", "x": "nx", "xx": "nxx"}
    guarded = [pieces(passage, notes) for passage in passages]
    monkeypatch.setattr(archive.markup, "_MARK_CHARACTERS", re.compile(""))  # always scans
    assert guarded == [pieces(passage, notes) for passage in passages]
    assert sum(len(found) > 1 for found in guarded) > 1000  # marks were there to find
