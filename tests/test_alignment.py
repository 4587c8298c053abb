from types import SimpleNamespace

from archive.alignment import align


def passages(*keys):
    """Stand-ins for passages: only the alignment key matters to align()."""
    return [SimpleNamespace(alignment_key=key, name=f"{n}:{key}") for n, key in enumerate(keys)]


def shape(rows):
    return [
        ([p.alignment_key for p in row.original], [p.alignment_key for p in row.translation])
        for row in rows
    ]


def test_one_to_one():
    assert shape(align(passages(1, 2, 3), passages(1, 2, 3))) == [
        ([1], [1]),
        ([2], [2]),
        ([3], [3]),
    ]


def test_unaligned_passages_keep_their_place_on_rows_of_their_own():
    rows = align(passages(1, None, None, 2), passages(1, None, 2))
    assert shape(rows) == [([1], [1]), ([None], []), ([None], []), ([], [None]), ([2], [2])]


def test_consecutive_passages_with_one_key_share_a_cell():
    rows = align(passages(1, 2, 2, 3), passages(1, 2, 3, 3))
    assert shape(rows) == [([1], [1]), ([2, 2], [2]), ([3], [3, 3])]


def test_a_key_missing_on_one_side_is_shown_alone():
    assert shape(align(passages(1, 5, 2), passages(1, 2))) == [([1], [1]), ([5], []), ([2], [2])]


def test_crossed_keys_lose_nothing():
    rows = align(passages(1, 2), passages(2, 1))
    kept = sorted(p.name for row in rows for p in row.original + row.translation)
    assert kept == sorted(p.name for p in passages(1, 2) + passages(2, 1))
    assert shape(rows) == [([], [2]), ([1], [1]), ([2], [])]


def test_only_an_original_or_only_a_translation():
    assert shape(align(passages(1, 2), [])) == [([1], []), ([2], [])]
    assert shape(align([], passages(None, 1))) == [([], [None]), ([], [1])]
    assert align([], []) == []


def test_row_reports_whether_it_pairs_two_texts():
    rows = align(passages(1, None), passages(1))
    assert [row.is_aligned for row in rows] == [True, False]
