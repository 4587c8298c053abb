"""The three-way merge of a re-imported record: the base, the file and the archive.

All three are exchange objects (archive.exchange): the base is what the record's file
gave when it was last imported, the file what it gives now, the archive what
export_document() gives of the document as it stands. Each thing in them is merged
on its own:

* a document field (the date, the citation and the rights key by key);
* sources, credits, particulars, and each text's passages and notes, as sequences:
  an item is known by its place among the items around it that did not change, so a
  passage the file inserts does not shift the ones after it into conflict, and a
  passage the file changed merges with its neighbour an archivist changed;
* roles, by person and role; texts, by code.

What only the file changed is applied; what only the archive changed is kept; where
both changed it differently, the archive's stays and a Conflict records the file's.
"""

import json
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..exchange import ExchangeError

# The record's identity; the persons are gathered from both sides, not merged.
NOT_MERGED = {"format", "record_id", "persons"}
# Fields merged key by key: a corrected citation does not clash with a new URL.
BY_KEY = {"date", "source", "rights"}
# Parts merged as sequences, and what one of their items is called in a report.
SEQUENCES = {"sources": "source", "credits": "credit", "particulars": "particular"}
TEXT_SEQUENCES = {"passages": "passage", "notes": "note"}
# Items merged field by field where both sides changed one. Not sources or credits: their
# "as written" follows from their other fields, and a mix of two versions would belie it.
BY_FIELD = {"passages", "notes"}


@dataclass
class Conflict:
    """A thing both the file and the archive changed since the base, differently."""

    what: str  # "title", "date.value", "source 2", "passage ru 3", "role Mao Zedong (author)"
    location: dict  # where the file's value goes when accepted (archive.merging.resolve)
    base: object
    file: object
    archive: object


class Merge:
    """Merges a file's exchange object with the archive's, given the base.

    Called by import_document(merge=…) with the file's object and the document's
    export; returns the object to write. `skip` names the parts not merged (those the
    import keeps as the archive has them, or sets from the command line): the file's
    value is passed on for import_document() to treat as it does without a merge.
    Afterwards `applied`, `kept` and `conflicts` say what became of each difference.
    """

    def __init__(self, base=None, skip=(), base_path=""):
        self.base = base
        self.base_path = base_path
        self.skip = set(skip)
        self.applied, self.kept, self.conflicts = [], [], []

    def __call__(self, data, before):
        self.applied, self.kept, self.conflicts = [], [], []
        if self.base is None or before is None:
            return data  # nothing to merge with: the file's object is written as it is
        try:
            return self._merged(data, before)
        except (KeyError, TypeError, AttributeError) as error:
            # As import_document() says of an object it cannot write.
            raise ExchangeError(
                f"the object is malformed: {type(error).__name__} {error}"
            ) from None

    def _merged(self, data, before):
        base = _by_slug(self.base, before.get("persons") or [])
        # As it will be stored and read back: lists, not tuples, so equal values compare equal.
        data = json.loads(json.dumps(data))
        merged = dict(data)
        for key, value in data.items():
            if key in NOT_MERGED or key in self.skip:
                continue
            was, now = base.get(key), before.get(key)
            if key in SEQUENCES:
                merged[key] = self._sequence(SEQUENCES[key], key, None, was, value, now)
            elif key == "roles":
                merged[key] = self._keyed(_role_key, self._role, was, value, now)
            elif key == "texts":
                merged[key] = self._keyed(_text_key, self._text, was, value, now)
            elif key in BY_KEY and isinstance(value, dict) and isinstance(now, dict):
                merged[key] = self._by_key(key, was if isinstance(was, dict) else {}, value, now)
            else:
                merged[key] = self._value(key, {"field": key}, was, value, now)
        if "persons" in data:
            merged["persons"] = _persons(data["persons"], before.get("persons") or [])
        for conflict in self.conflicts:
            # Accepting a role, credit or particular later needs the persons it names.
            named = _persons_named(conflict.file)
            if named:
                conflict.location["persons"] = [
                    p for p in data.get("persons") or [] if person_key(p) in named
                ]
        return merged

    def _value(self, what, location, base, file, archive):
        """One thing, merged whole: the file's value where only the file changed it."""
        if file == archive:
            return archive
        if file == base:
            self.kept.append(what)
            return archive
        if archive == base:
            self.applied.append(what)
            return file
        self.conflicts.append(Conflict(what, location, base, file, archive))
        return archive

    def _by_key(self, key, base, file, archive):
        return {
            name: self._value(
                f"{key}.{name}", {"field": key, "key": name}, base.get(name), new, archive.get(name)
            )
            for name, new in file.items()
        }

    def _sequence(self, noun, part, code, base, file, archive):
        """A list of items, merged by the edits each side made to the base."""
        base, file, archive = base or [], file or [], archive or []
        if file == archive:
            return archive
        where = {"part": part, **({"text": code} if code is not None else {})}
        by_field = part in BY_FIELD

        def name(start, count):
            qualifier = f" {code}" if code is not None else ""
            if count > 1:
                return f"{noun}s{qualifier} {start + 1}–{start + count}"
            return f"{noun}{qualifier} {start + 1}" + (" (removed)" if count == 0 else "")

        def items(start, was, new, now):
            # Item for item: each merged on its own, so that a passage the file changed and
            # its neighbour an archivist changed both hold.
            for offset, triple in enumerate(zip(was, new, now, strict=True)):
                at = start + offset
                place = {**where, "start": at, "stop": at + 1}
                yield from self._item(name(at, 1), place, *triple, by_field=by_field)

        (by_file, in_file), (by_archive, in_archive) = _edits(base, file), _edits(base, archive)
        sides = [(file, in_file), (archive, in_archive)]
        merged, at = [], 0
        for start, stop, ours, theirs in _clusters(by_file, by_archive):
            # What neither side edited (a passage the file only paired anew) merges item for item.
            untouched = (_at(side, where_in, at, start) for side, where_in in sides)
            merged += items(len(merged), base[at:start], *untouched)
            at, was = stop, base[start:stop]
            ours = _version(file, in_file, start, stop, ours)
            theirs = _version(archive, in_archive, start, stop, theirs)
            if ours == theirs:
                merged += theirs
            elif len(ours) == len(theirs) == len(was):
                merged += items(len(merged), was, ours, theirs)
            elif ours == was:
                self.kept.append(name(len(merged), len(theirs)))
                merged += theirs
            elif theirs == was:
                self.applied.append(name(len(merged), len(ours)))
                merged += ours
            else:  # both rewrote this stretch, into different numbers of items
                place = {**where, "start": len(merged), "stop": len(merged) + len(theirs)}
                self.conflicts.append(
                    Conflict(name(len(merged), len(theirs)), place, was, ours, theirs)
                )
                merged += theirs
        untouched = (_at(side, where_in, at, len(base)) for side, where_in in sides)
        merged += items(len(merged), base[at:], *untouched)
        return merged

    def _item(self, what, location, base, file, archive, by_field=False):
        """One item of a sequence, as a list of it. A passage is merged field by field: the
        file pairs it anew (its alignment key) while an archivist corrects its content."""
        if file == archive:
            return [archive]
        if not by_field or not all(isinstance(v, dict) for v in (base, file, archive)):
            return self._value(what, location, [base], [file], [archive])
        merged, theirs, applied, kept = {}, {}, [], []
        for key in dict.fromkeys([*archive, *file]):
            was, new, now = base.get(key), file.get(key), archive.get(key)
            merged[key] = theirs[key] = now
            if new == now:
                continue
            if new == was:
                kept.append(key)
            elif now == was:
                merged[key] = theirs[key] = new
                applied.append(key)
            else:
                theirs[key] = new
        whole = not (applied and kept)
        if applied:
            self.applied.append(what if whole else f"{what} ({', '.join(applied)})")
        if kept:
            self.kept.append(what if whole else f"{what} ({', '.join(kept)})")
        if theirs != merged:
            # The document holds `merged`; accepting puts the file's values of the fields both
            # changed in their place, and leaves the rest as merged.
            self.conflicts.append(Conflict(what, location, [base], [theirs], [merged]))
        return [merged]

    def _keyed(self, key, merge_one, base, file, archive):
        """Items known by a key (a role by person and role, a text by code), each merged on
        its own; in the archive's order, the file's new items after the item before them."""
        base, file, archive = base or [], file or [], archive or []
        if file == archive:
            return archive
        was, new, now = ({key(item): item for item in items} for items in (base, file, archive))
        chosen = {}
        for k in dict.fromkeys([*now, *new, *was]):
            item = merge_one(k, was.get(k), new.get(k), now.get(k))
            if item is not None:
                chosen[k] = item
        order = [k for k in now if k in chosen]
        for index, k in enumerate(new):
            if k in chosen and k not in order:
                before = next((p for p in reversed(list(new)[:index]) if p in order), None)
                order.insert(order.index(before) + 1 if before is not None else 0, k)
        return [chosen[k] for k in order]

    def _role(self, key, base, file, archive):
        person, role = key
        where = {"part": "roles", "key": list(key)}
        return self._value(f"role {person} ({role})", where, base, file, archive)

    def _text(self, code, base, file, archive):
        where = {"part": "texts", "key": code}
        if file is None or archive is None:
            # Added or removed on one side: the text is one thing.
            return self._value(f"text {code}", where, base, file, archive)
        if file == archive:
            return archive
        base = base or {}  # both added a text with this code: every part of it is new
        merged = {}
        for name in dict.fromkeys([*archive, *file]):
            if name in TEXT_SEQUENCES:
                merged[name] = self._sequence(
                    TEXT_SEQUENCES[name], name, code, *_parts(name, base, file, archive)
                )
            elif name == "code":
                merged[name] = code
            else:
                merged[name] = self._value(
                    f"text {code} {name}",
                    {**where, "field": name},
                    *_parts(name, base, file, archive),
                )
        return merged


def _parts(name, *items):
    return [item.get(name) for item in items]


def _role_key(role):
    return (role.get("person"), role.get("role"))


def _text_key(text):
    return text.get("code")


def person_key(person):
    """How an object names a person: by slug, or by name if the archive had none yet."""
    return person.get("slug") or person.get("name")


# The parts of an object whose items name a person.
NAMING_PARTS = ("roles", "particulars", "credits")


def _by_slug(base, archive_persons):
    """The base with the persons it named by name (new then, made by that import) named
    by the slug the archive gave them, as the archive and every later file name them:
    else a role of theirs is a different role on each side, and one an archivist deleted
    comes back with the next import."""
    slugs = {}
    for person in archive_persons:
        if person.get("slug") and person.get("name"):
            slugs.setdefault(person["name"], person["slug"])
    renamed = {
        person["name"]: slugs[person["name"]]
        for person in base.get("persons") or []
        if not person.get("slug") and person.get("name") in slugs
    }
    if not renamed:
        return base
    base = dict(base)
    for part in NAMING_PARTS:
        base[part] = [
            {**item, "person": renamed.get(item.get("person"), item.get("person"))}
            if isinstance(item, dict)
            else item
            for item in base.get(part) or []
        ]
    base["persons"] = [
        {**person, "slug": renamed[person["name"]]} if person.get("name") in renamed else person
        for person in base.get("persons") or []
    ]
    return base


def _persons(file, archive):
    """The file's persons, and the archive's that it lacks: a role or credit the archive
    keeps names its person, and the import must know whom it names."""
    known = {person_key(p) for p in file}
    missing = [p for p in archive if person_key(p) not in known]
    return sorted([*file, *missing], key=person_key) if missing else file


def _persons_named(value):
    """The persons a value names (as its roles, credits and particulars name them)."""
    if isinstance(value, list):
        return set().union(*(_persons_named(item) for item in value))
    if isinstance(value, dict) and isinstance(value.get("person"), str):
        return {value["person"]}
    return set()


def _key(item):
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _identity(item):
    """What an item is, for finding it again: a passage without its alignment key, which the
    importer renumbers from the first passage it pairs differently."""
    if isinstance(item, dict) and "alignment_key" in item:
        item = {key: value for key, value in item.items() if key != "alignment_key"}
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _edits(base, other):
    """The edits that make `other` of `base`, as (start, stop, items) for base[start:stop],
    and for each base item neither edits, the index of its counterpart in `other`."""
    keys = [[_identity(item) for item in items] for items in (base, other)]
    matcher = SequenceMatcher(None, *keys, autojunk=False)
    edits, counterparts = [], {}
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            counterparts.update(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            edits.append((i1, i2, other[j1:j2]))
    return edits, counterparts


def _at(items, counterparts, start, stop):
    """The counterparts of base[start:stop], which the side did not edit."""
    return [items[counterparts[i]] for i in range(start, stop)]


def _clusters(by_file, by_archive):
    """The stretches of the base that either side edited: (start, stop, the file's edits,
    the archive's). Edits of the two sides share a stretch where they overlap, or insert
    at the same place; edits that only touch (a change beside an insertion) do not."""
    edits = sorted(
        [(s, t, r, True) for s, t, r in by_file] + [(s, t, r, False) for s, t, r in by_archive],
        key=lambda edit: (edit[0], edit[1]),
    )
    clusters = []
    for start, stop, items, from_file in edits:
        last = clusters[-1] if clusters else None
        if last and ((start < last[1] and last[0] < stop) or start == stop == last[0] == last[1]):
            last[1] = max(last[1], stop)
        else:
            last = [start, stop, [], []]
            clusters.append(last)
        last[2 if from_file else 3].append((start, stop, items))
    return clusters


def _version(items, counterparts, start, stop, edits):
    """base[start:stop] as one side has it: its edits, and its own items for the rest."""
    result, at = [], start
    for edit_start, edit_stop, inserted in edits:
        result += _at(items, counterparts, at, edit_start) + inserted
        at = edit_stop
    return result + _at(items, counterparts, at, stop)


def describe(value, limit=None, against=None):
    """A value as a person reads it: a passage's content, a source as written, a role's person.

    `against`: the value it is set beside. Where both read the same (a role whose note
    differs, a passage whose kind does), the fields that differ are added, so that the two
    sides of a conflict never look alike.
    """
    text = _described(value)
    if against is not None and text == _described(against):
        differing = _differences(value, against)
        if differing:
            text += " [" + "; ".join(f"{name}: {shown}" for name, shown in differing) + "]"
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _differences(value, other):
    """[(field, value)] where two items (or lists of one item) differ, in the first's terms."""
    if isinstance(value, list) and isinstance(other, list) and len(value) == len(other) == 1:
        value, other = value[0], other[0]
    if not (isinstance(value, dict) and isinstance(other, dict)):
        return []
    return [
        (name, json.dumps(value.get(name), ensure_ascii=False))
        for name in sorted(set(value) | set(other))
        if value.get(name) != other.get(name)
    ]


def _described(value):
    if value is None or value == [] or value == "":
        return "(nothing)"
    if isinstance(value, list):
        text = "; ".join(_described(item) for item in value)
    elif isinstance(value, dict):
        if "content" in value:
            text = value["content"]
        elif "passages" in value:
            text = f"the text {value.get('code')} ({len(value['passages'])} passages)"
        elif value.get("as_written"):
            text = value["as_written"]
        elif "person" in value and "role" in value:
            text = f"{value['person']} ({value['role']})"
        elif "name" in value:
            text = value["name"]
        else:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return text
