"""Three states of a change form compared: opened (base), posted (yours), stored (now).

The save is refused when the stored state is not the opened one. The conflict page lists,
per field and per inline row, what changed on either side; `reapplied` makes the form data
that saves the archivist's own changes onto the stored version.
"""

import re
from dataclasses import dataclass, field

from .state import MAIN


class EditConflict(Exception):
    """Raised inside the save's transaction, so that nothing of it is written."""

    def __init__(self, obj, base, opened_at, yours, now, now_data):
        super().__init__(f"{obj} changed since the form was opened")
        self.obj, self.base, self.opened_at = obj, base, opened_at
        self.yours, self.now, self.now_data = yours, now, now_data


@dataclass
class Change:
    """One field of the form (or of a row of an inline) and its three values."""

    section: str  # MAIN, or an inline's prefix
    row: str  # the row's id, "new-…", or "" for the form's own fields
    name: str
    base: object
    yours: object
    now: object

    @property
    def kind(self):
        mine, theirs = self.yours != self.base, self.now != self.base
        if mine and theirs:
            return "same" if self.yours == self.now else "conflict"
        return "yours" if mine else "theirs"


@dataclass
class RowChange:
    """A whole row added or deleted on one side."""

    section: str
    row: str
    what: str  # "deleted by you", "deleted since", "added by you", "added since"
    values: dict = field(default_factory=dict)


def compare(base, yours, now):
    """[Change] of every field that differs between the three states, [RowChange] besides."""
    changes, rows = [], []
    for section in dict.fromkeys([*base, *now, *yours]):
        if section == MAIN:
            changes += _fields(section, "", base[MAIN], yours.get(MAIN, {}), now.get(MAIN, {}))
            continue
        b, y, n = base.get(section, {}), yours.get(section, {}), now.get(section, {})
        for row in dict.fromkeys([*b, *n, *y]):
            old, mine, theirs = b.get(row), y.get(row, b.get(row)), n.get(row)
            if row.startswith("new-"):
                rows.append(RowChange(section, row, "added by you", mine or {}))
            elif old is None:
                rows.append(RowChange(section, row, "added since", theirs or {}))
            elif theirs is None:
                rows.append(RowChange(section, row, "deleted since", old))
            elif mine is None:
                rows.append(RowChange(section, row, "deleted by you", old))
            else:
                changes += _fields(section, row, old, mine, theirs)
    return changes, rows


def _fields(section, row, base, yours, now):
    return [
        Change(section, row, name, base.get(name), yours.get(name, base.get(name)), now.get(name))
        for name in dict.fromkeys([*base, *now])
        if not (yours.get(name, base.get(name)) == base.get(name) == now.get(name))
    ]


def reapplied(posted, conflict, changes, rows):
    """Form data for the stored version with the archivist's changes made again on it.

    `posted` is what they sent; fields they left alone take the stored values, fields they
    changed take theirs (theirs win where both changed: they are choosing to save them).
    Returns (data, not_reapplied): their changes to rows deleted since cannot be made.
    """
    data = conflict.now_data.copy()
    posted_rows = _row_indexes(posted)
    stored_rows = _row_indexes(data)
    added = {}
    for change in changes:
        if change.kind not in ("yours", "conflict"):
            continue
        if change.section == MAIN:
            _copy(posted, change.name, data, change.name)
        else:
            mine = posted_rows[change.section][change.row]
            there = stored_rows[change.section][change.row]
            _copy(
                posted,
                f"{change.section}-{mine}-{change.name}",
                data,
                f"{change.section}-{there}-{change.name}",
            )
    lost = []
    for row in rows:
        if row.what == "deleted by you":
            data[f"{row.section}-{stored_rows[row.section][row.row]}-DELETE"] = "on"
        elif row.what == "added by you":
            added.setdefault(row.section, []).append(int(row.row.removeprefix("new-")))
        elif row.what == "deleted since" and _changed_by_you(changes, row):
            lost.append(row)
    for section, numbers in added.items():
        total = int(data[f"{section}-TOTAL_FORMS"])
        for offset, number in enumerate(numbers):
            _copy_row(posted, f"{section}-{number}-", data, f"{section}-{total + offset}-")
        data[f"{section}-TOTAL_FORMS"] = str(total + len(numbers))
    return data, lost


def _changed_by_you(changes, row):
    return any(c.section == row.section and c.row == row.row for c in changes)


def _row_indexes(data):
    """{prefix: {row id: index}} from the "<prefix>-<index>-id" fields of form data."""
    found = {}
    for key in data:
        match = re.fullmatch(r"(.+)-(\d+)-id", key)
        if match and data.get(key):
            found.setdefault(match[1], {})[data[key]] = match[2]
    return found


def _copy(source, name, target, target_name):
    """A field's posted values, with those of its parts ("date_0", "date_1")."""
    pattern = re.compile(rf"{re.escape(name)}(_\d+)?")
    for key in [k for k in target if pattern.fullmatch(k)]:
        del target[key]
    for key in [k for k in source if pattern.fullmatch(k)]:
        target.setlist(target_name + key[len(name) :], source.getlist(key))


def _copy_row(source, prefix, target, target_prefix):
    for key in source:
        if key.startswith(prefix) and key != f"{prefix}id":
            target.setlist(target_prefix + key[len(prefix) :], source.getlist(key))
