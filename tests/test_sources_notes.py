"""Numbered notes of a text, their markers, and notes in brackets: archive.sources.notes."""

import pytest

from archive.sources.notes import INLINE, FoundNote, kind_of, markers_in, split_notes


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("The Soviet side agreed[1] to the proposal.[2]", {"1", "2"}),
        ("Kim Il Sung said that the army is ready1).", {"1"}),
        ("Top secret x/ copy", {"x"}),
        ("Совершенно секретно х/", {"x"}),  # the typist's cross, in Cyrillic
        ("The plenum¹ met in Moscow²³.", {"1", "23"}),
    ],
)
def test_markers_of_every_kind_are_found_with_their_labels(text, labels):
    assert markers_in(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "f. 45, op. 1, d. 339",
        "the points 1) and 2) of the agenda",  # a list, not a marker: a space before it
        "in (1950) and [sic]",
        "a ratio 1/2",
    ],
)
def test_numbers_in_ordinary_text_are_no_markers(text):
    assert markers_in(text) == set()


def test_bracketed_notes_at_the_end_are_taken_out_of_the_passages():
    contents = [
        "The Soviet side agreed[1] to the proposal.",
        "It was signed in Moscow.[2]",
        "[1] Stalin agreed on 14 May.",
        "[2] The treaty of 14 February 1950.",
    ]
    assert split_notes(contents) == (
        [0, 1],
        [
            FoundNote("1", "[1]", "note", "Stalin agreed on 14 May."),
            FoundNote("2", "[2]", "note", "The treaty of 14 February 1950."),
        ],
    )


def test_a_notes_heading_goes_with_the_notes():
    contents = [
        "Kim Il Sung said that the army is ready1).",
        "Notes",
        "1) Kim Il Sung, of the DPRK.",
    ]
    passages, notes = split_notes(contents)
    assert passages == [0]
    assert [(note.marker, note.content) for note in notes] == [("1)", "Kim Il Sung, of the DPRK.")]


def test_a_russian_heading_goes_with_the_notes():
    passages, notes = split_notes(["Текст[1].", "Примечания", "[1] Примечание."])
    assert passages == [0]
    assert [note.content for note in notes] == ["Примечание."]


def test_a_numbered_list_whose_numbers_the_text_never_uses_stays_in_the_text():
    contents = ["We propose:", "1) to withdraw the troops;", "2) to hold talks."]
    assert split_notes(contents) == ([0, 1, 2], [])


@pytest.mark.parametrize(
    ("contents", "marker", "label"),
    [
        (["Top secret x/ copy", "Text of the telegram.", "x/ Written by hand."], "x/", "x"),
        (["The plenum¹ met in Moscow.", "¹ The July 1953 plenum."], "¹", "1"),
    ],
)
def test_cross_and_superscript_notes_are_found(contents, marker, label):
    passages, (note,) = split_notes(contents)
    assert passages == list(range(len(contents) - 1))
    assert (note.marker, note.label) == (marker, label)


def test_several_notes_in_one_block_and_a_note_over_several_lines():
    passages, notes = split_notes(["Text[1] here[2].", "[1] First,\nstill the first.\n[2] Second."])
    assert passages == [0]
    assert [note.content for note in notes] == ["First,\nstill the first.", "Second."]


def test_a_note_between_passages_is_taken_out_where_its_marker_is_used():
    assert split_notes(["A point[1]", "[1] in the middle", "More text."])[0] == [0, 2]


def test_notes_with_the_same_marker_get_labels_of_their_own():
    _passages, notes = split_notes(["Text[1] here.", "[1] First.", "[1] Again."])
    assert [note.label for note in notes] == ["1", "1-2"]


@pytest.mark.parametrize("contents", [[], ["Only one block [1]"], ["[1] A text that begins so."]])
def test_a_text_with_no_notes_keeps_all_its_blocks(contents):
    assert split_notes(contents) == (list(range(len(contents))), [])


@pytest.mark.parametrize(
    ("text", "label", "content"),
    [
        (
            "He met Mao [Translator's note: in Zhongnanhai] at noon.",
            "Translator's note",
            "in Zhongnanhai",
        ),
        ("the [trans. note--illegible] words", "trans. note", "illegible"),
        ("[Ed. note: the date is wrong]", "Ed. note", "the date is wrong"),
        ("[Editor's note — a later hand]", "Editor's note", "a later hand"),
    ],
)
def test_notes_in_brackets_are_found_where_they_stand(text, label, content):
    (match,) = INLINE.finditer(text)
    assert (match["label"], match["content"]) == (label, content)


@pytest.mark.parametrize("text", ["[sic]", "[illegible]", "[1]", "[Translator's note"])
def test_other_brackets_are_no_notes(text):
    assert INLINE.search(text) is None


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("Translator's note: Mao means the Politburo.", "translator"),
        ("Trans. note: illegible", "translator"),
        ("Примечание переводчика: неразборчиво", "translator"),
        ("Ed. note: the date is wrong", "editor"),
        ("Editor's note: a later hand", "editor"),
        ("Прим. ред.: дата неверна", "editor"),
        ("Stalin agreed on 14 May.", "note"),
        ("", "note"),
    ],
)
def test_the_kind_of_a_note_is_read_from_its_first_words(content, kind):
    assert kind_of(content) == kind


def test_a_numbered_note_that_is_a_translators_note_has_that_kind():
    _passages, (note,) = split_notes(["Mao said[1]:", "[1] Translator's note: the Politburo."])
    assert note.kind == "translator"
