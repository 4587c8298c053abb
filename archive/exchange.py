"""The exchange format: one document, everything it holds, as one JSON object.

docs/exchange-format.md describes it. export_document() writes it;
import_document() reads it back, creating or updating the document with that
record id, matching persons, repositories and vocabulary by their keys and
names, never duplicating them. Exporting what was imported gives the same
object again. The text importer (archive.importing) builds the same objects,
so every way in goes through import_document().
"""

import copy
import datetime
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects

from . import changes, history
from .chronology import edtf
from .chronology.models import refresh_first_instant
from .chronology.zones import to_utc
from .markup import as_written
from .models import (
    Classification,
    Collection,
    Credit,
    Discrepancy,
    Document,
    DocumentRelation,
    DocumentType,
    Event,
    HandlingStep,
    InferredDating,
    Note,
    Particular,
    Passage,
    Place,
    Repository,
    RepositoryName,
    Role,
    Scan,
    Source,
    Subject,
    Text,
    WrittenDate,
)
from .persons import PersonDirectory
from .querysets import exchange_lookups, lookup_part, repository_names
from .search.index import reindex
from .sources.models import ARCHIVAL_FIELDS, PUBLICATION_FIELDS
from .sources.russian import format_reference

FORMAT = "cold-war-archive/2"
# Objects of the first version, with "references" where sources are now, are still read.
FORMATS = (FORMAT, "cold-war-archive/1")

VOCABULARY_FIELDS = ["slug", "name", "name_ru"]
PERSON_FIELDS = [
    "slug", "name", "sort_name", "name_ru", "name_native", "description", "wikidata_id",
]  # fmt: skip
REPOSITORY_FIELDS = [
    "abbreviation", "abbreviation_ru", "slug", "name_en", "name_ru", "location", "website",
]  # fmt: skip
SOURCE_FIELDS = ["kind", "relation", "as_written", *ARCHIVAL_FIELDS, *PUBLICATION_FIELDS, "note"]
CREDIT_FIELDS = ["role", "name", "organisation", "source_language", "as_written"]
NOTE_FIELDS = ["label", "marker", "kind", "content"]
RELATION_FIELDS = ["evidence", "certainty", "asserted_by", "status", "note"]
# Parts added in this format's later life. An object without one (an older export, a
# record file that does not say) leaves the document's as they are: an archivist's work.
LATER_PARTS = ["written_dates", "inferred_datings", "handling_steps", "events", "discrepancies"]
LATER_DATE_KEYS = ["edtf", "last", "uncertain", "reason"]
# The first relation kinds, as older objects name them (migration 0013 renamed them).
OLD_RELATION_KINDS = {"relays": "forwards", "related": "references"}
# What a source's field is when an object leaves it out.
_DEFAULTS = {"kind": "archival", "relation": "held", "listy_plural": False, "editors": False,
             "notation": "ru"}  # fmt: skip


class ExchangeError(ValueError):
    """A document object that cannot be imported; the message says where and why."""


# --- Out ---------------------------------------------------------------------------------------


def export_document(document):
    """The exchange object of a document fetched with Document.objects.for_exchange()."""
    persons = {}
    for person in [
        *(r.person for r in document.roles.all()),
        *(p.person for p in document.particulars.all() if p.person),
        *(c.person for c in document.credits.all() if c.person),
    ]:
        persons.setdefault(person.slug, person)
    # A passage names its page by the page's number among the document's scans (1, 2…).
    scan_numbers = {scan.pk: n for n, scan in enumerate(_ordered(document.scans.all()), start=1)}
    passages = {p.pk: p for text in document.texts.all() for p in text.passages.all()}
    return {
        "format": FORMAT,
        "record_id": document.record_id,
        "status": document.status,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "title": document.title,
        "date": {
            "value": document.date.isoformat() if document.date else None,
            "precision": document.date_precision,
            "approximate": document.date_approximate,
            "as_written": document.date_as_written,
            "edtf": document.date_edtf,
            "last": document.date_last.isoformat() if document.date_last else None,
            "uncertain": document.date_uncertain,
            "reason": document.date_reason,
        },
        "written_dates": [
            {"language": w.language, "text": w.text} for w in _ordered(document.written_dates.all())
        ],
        "inferred_datings": [
            {"edtf": d.date_edtf, "reason": d.reason, "made_by": d.made_by, "note": d.note}
            for d in _ordered(document.inferred_datings.all())
        ],
        "handling_steps": [
            {
                "kind": step.kind,
                "as_written": step.as_written,
                "place": step.place.slug if step.place else None,
                "local_date": step.local_date.isoformat() if step.local_date else None,
                "local_time": step.local_time.isoformat("minutes") if step.local_time else None,
                "zone": step.zone,
                "note": step.note,
            }
            for step in _ordered(document.handling_steps.all())
        ],
        "discrepancies": [
            {
                "first_place": d.first_place,
                "first_passage": _anchor(passages.get(d.first_passage_id)),
                "first_reading": d.first_reading,
                "second_place": d.second_place,
                "second_passage": _anchor(passages.get(d.second_passage_id)),
                "second_reading": d.second_reading,
                "note": d.note,
                "status": d.status,
                "flagged_by": d.flagged_by,
            }
            for d in _ordered(document.discrepancies.all())
        ],
        "events": sorted(
            (
                {
                    "slug": event.slug,
                    "name": event.name,
                    "date_edtf": event.date_edtf,
                    "description": event.description,
                }
                for event in document.events.all()
            ),
            key=lambda e: e["slug"],
        ),
        "type": vocabulary_entry(document.document_type),
        "classifications": vocabulary_entries(document.classifications.all()),
        "summary": document.summary,
        "original_language": document.original_language,
        "source": {
            "site": document.source_site,
            "url": document.source_url,
            "recommended_citation": document.recommended_citation,
        },
        "archive_stamps": document.archive_stamps.split("\n") if document.archive_stamps else [],
        "rights": {"statement": document.rights_statement, "url": document.rights_url},
        "collections": vocabulary_entries(document.collections.all(), ["description"]),
        "places": vocabulary_entries(document.places.all()),
        "subjects": vocabulary_entries(document.subjects.all()),
        "persons": [person_entry(person) for _slug, person in sorted(persons.items())],
        "roles": [
            {
                "person": role.person.slug,
                "role": role.role,
                "name_as_written": role.name_as_written,
                "note": role.note,
            }
            for role in _ordered(document.roles.all())
        ],
        "sources": [
            {
                **{name: getattr(source, name) for name in SOURCE_FIELDS[:3]},
                "repository": repository_entry(source.repository) if source.repository else None,
                **{name: getattr(source, name) for name in SOURCE_FIELDS[3:]},
            }
            for source in _ordered(document.sources.all())
        ],
        "credits": [
            {
                **{name: getattr(credit, name) for name in CREDIT_FIELDS},
                "person": credit.person.slug if credit.person else None,
                "text": credit.text.code if credit.text else None,
            }
            for credit in _ordered(document.credits.all())
        ],
        "particulars": [
            {
                "kind": p.kind,
                "value": p.value,
                "value_en": p.value_en,
                "person": p.person.slug if p.person else None,
                "note": p.note,
            }
            for p in _ordered(document.particulars.all())
        ],
        "scans": [
            {"label": scan.label, "source_url": scan.source_url, "image": scan.image.name or None}
            for scan in _ordered(document.scans.all())
        ],
        "texts": [
            {
                "code": text.code,
                "language": text.language,
                "kind": text.kind,
                "credit": text.credit,
                "label": text.label,
                "passages": [
                    _passage_entry(p, scan_numbers)
                    for p in sorted(text.passages.all(), key=lambda p: p.position)
                ],
                "notes": [
                    {name: getattr(note, name) for name in NOTE_FIELDS}
                    for note in sorted(text.notes.all(), key=lambda n: (n.position, n.pk))
                ],
            }
            for text in _ordered(document.texts.all())
        ],
        "relations": sorted(
            (
                {
                    "kind": r.kind,
                    "record_id": r.target.record_id if r.target else None,
                    **{name: getattr(r, name) for name in RELATION_FIELDS},
                }
                for r in document.relations_from.all()
            ),
            key=_relation_order,
        ),
    }


def _passage_entry(passage, scan_numbers):
    entry = {
        "alignment_key": passage.alignment_key,
        "kind": passage.kind,
        "quote_depth": passage.quote_depth,
        "run_in": passage.run_in,
        "content": passage.content,
    }
    # Only when linked: a record file knows nothing of pages, and says the same text.
    if passage.scan_id in scan_numbers:
        entry["scan"] = scan_numbers[passage.scan_id]
    if passage.region:
        entry["region"] = passage.region
    return entry


def _anchor(passage):
    """A passage named as its page names it, "ru-12", or None."""
    return f"{passage.text.code}-{passage.position}" if passage is not None else None


def _relation_order(relation):
    """By the document linked to (suggestions not yet linked last), then kind and evidence."""
    record_id = relation.get("record_id")
    return (record_id is None, record_id or 0, relation.get("kind", ""), relation["evidence"])


def _ordered(objects):
    return sorted(objects, key=lambda o: (o.position, o.pk))


def vocabulary_entry(term, extra=()):
    return {name: getattr(term, name) for name in [*VOCABULARY_FIELDS, *extra]}


def vocabulary_entries(terms, extra=()):
    """The entries of several terms, in the order of their slugs: stable from run to run."""
    return sorted((vocabulary_entry(term, extra) for term in terms), key=lambda v: v["slug"])


def repository_entry(repository):
    entry = {name: getattr(repository, name) for name in REPOSITORY_FIELDS}
    fixed = {name for name in entry.values() if name}
    entry["names"] = sorted(n for n in repository_names(repository) if n and n not in fixed)
    return entry


def person_entry(person):
    data = {name: getattr(person, name) for name in PERSON_FIELDS}
    data["birth_date"] = person.birth_date.isoformat() if person.birth_date else None
    data["death_date"] = person.death_date.isoformat() if person.death_date else None
    data["aliases"] = sorted(
        (
            {"name": a.name, "kind": a.kind, "language": a.language, "note": a.note}
            for a in person.aliases.all()
        ),
        key=lambda a: (a["kind"], a["name"]),
    )
    return data


# --- In ----------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    record_id: int
    outcome: str  # "created", "updated" or "unchanged"
    changed: list = field(default_factory=list)  # the parts of the object that differ
    new_persons: list = field(default_factory=list)
    new_terms: list = field(default_factory=list)
    pending_relations: list = field(default_factory=list)


def import_document(
    data,
    directory=None,
    dry_run=False,
    keep=(),
    comment=None,
    merge=None,
    user=None,
    after_write=None,
):
    """Create or update the document of an exchange object, in one transaction.

    `keep` names parts ("collections", "status"…) that an existing document keeps
    as they are: a source that does not carry them must not erase them. Nothing
    is written when `dry_run` is true, or when the document would come out as it
    already is. Relations to documents not (yet) in the archive are returned in
    `pending_relations`, for link_relations() once they are. With a `comment`, the
    change is a revision in the document's edit history, revertible in the admin, made by
    `user` if one is given. With a `merge` (archive.merging.Merge), an existing document
    gets the object it gives of the file's and the document's own (a re-import keeps
    archivists' work). `after_write(document)`, if given, runs once the document is written
    and read back with all its parts, in the same transaction and revision (the importer's
    suggested relations and flagged notes); it returns whether it wrote any.
    """
    if not isinstance(data, dict) or data.get("format") not in FORMATS:
        raise ExchangeError(f"not an exchange object: “format” must be “{FORMAT}”")
    data = upgraded(data)
    directory = directory or PersonDirectory()
    record_id = _required(data, "record_id", int)
    if transaction.get_connection().in_atomic_block:
        # Within the caller's transaction (an import that merges, an accepted conflict): an
        # admin save holds the row it saves (archive.editing); wait for it, then read, so
        # that what is merged and written is never older than that save.
        list(Document.objects.select_for_update().filter(record_id=record_id).values_list("pk"))
    existing = Document.objects.for_exchange().filter(record_id=record_id).first()
    before = export_document(existing) if existing else None
    if merge is not None and before is not None:
        data = merge(data, before)
    data = _keep_corrections(data, before)
    data = _completed(data, before)
    result = ImportResult(record_id, "updated" if existing else "created")
    kept = set(keep) if existing else set()
    if before is not None and _as_kept(data, before, kept) == before:
        # Re-importing what is already there is the common case: answer it without writing.
        result.outcome = "unchanged"
        return result
    rolled_back = True
    try:
        with transaction.atomic():
            recording = history.revision(comment, user, manual=True) if comment else nullcontext()
            with recording:
                with changes.deferred():
                    document, rewritten = _write(data, existing, directory, result, kept, before)
                    # Read back once with everything it holds: the readers after the write,
                    # the revision (which follows its parts from memory), the search outbox
                    # and the export that says what changed all use it.
                    stored = _read_back(document.pk, existing, rewritten, data)
                    if after_write is not None and after_write(stored):
                        _read_again(stored, AFTER_WRITE_PARTS)
                    changes.index_after(document.pk)
                # The block's end gave the document its new modification time.
                stored.refresh_from_db(fields=["modified"])
                reindex([stored.pk])
                if comment:
                    history.record_document(stored)
            after = export_document(stored)
            result.changed = [key for key in after if before is None or after[key] != before[key]]
            if before is not None and not result.changed:
                result.outcome = "unchanged"
            if dry_run or not result.changed:
                transaction.set_rollback(True)
            else:
                rolled_back = False
    except ValidationError as error:
        raise ExchangeError(_validation_message(error)) from None
    except IntegrityError as error:
        # Two texts with one code, one person twice in one role: the database says which.
        raise ExchangeError(f"the object repeats what must be unique: {error}") from None
    except (KeyError, TypeError, AttributeError) as error:
        raise ExchangeError(f"the object is malformed: {type(error).__name__} {error}") from None
    except ValueError as error:
        raise ExchangeError(str(error)) from None
    finally:
        if rolled_back:
            directory.forget_created()
        else:
            directory.keep_created()
    return result


def _completed(data, before):
    """The object with what it does not say filled in: from the document as it is, where
    the object leaves a later part out, else as the first day and precision imply.

    A record file says a date is "June 1951"; the document may know more (an EDTF range,
    the reason, datings by an editor): a re-import must not take that away, nor report a
    change that is not one.
    """
    data = dict(data)
    for part in LATER_PARTS:
        if part not in data:
            data[part] = before[part] if before else []
    date = dict(data.get("date") or {})
    was = (before or {}).get("date") or {}
    same_day = all(date.get(k) == was.get(k) for k in ("value", "precision", "approximate"))
    if "edtf" not in date:
        if before and same_day:
            date["edtf"], date["last"] = was["edtf"], was["last"]
            date.setdefault("uncertain", was["uncertain"])
        else:
            day = datetime.date.fromisoformat(date["value"]) if date.get("value") else None
            precision = date.get("precision") or "day"
            date["edtf"] = edtf.from_partial(day, precision, bool(date.get("approximate")))
            date["last"] = edtf.read(date["edtf"]).last.isoformat() if day else None
    for key in LATER_DATE_KEYS:
        date.setdefault(key, was.get(key, False if key == "uncertain" else "" if key != "last"
                                     else None))  # fmt: skip
    data["date"] = date
    # Relations of older objects: what they do not say of a link is kept as the archive has it.
    known = {(r["kind"], r["record_id"]): r for r in (before or {}).get("relations", [])}
    relations = []
    for relation in data.get("relations") or []:
        relation = dict(relation)
        kind = relation.get("kind")
        relation["kind"] = OLD_RELATION_KINDS.get(kind, kind)
        stored = known.get((relation.get("kind"), relation.get("record_id")), {})
        for name in RELATION_FIELDS:
            default = {"certainty": "certain", "status": "confirmed"}.get(name, "")
            relation.setdefault(name, stored.get(name, default))
        relations.append(relation)
    data["relations"] = sorted(relations, key=_relation_order)
    return data


# The parts of the object that each kept part of a document stands for.
KEPT_KEYS = {"status": ["status", "published_at"]}


def _as_kept(data, before, kept):
    """The object as import_document() would leave it: kept parts as they are now."""
    merged = dict(data)
    if "published_at" not in data:
        merged["published_at"] = before["published_at"]  # _write() leaves it as it is
    for part in kept:
        for key in KEPT_KEYS.get(part, [part]):
            merged[key] = before[key]
    return merged


def upgraded(data):
    """An object of the first version as one of this: its Russian references are sources."""
    if data.get("format") == FORMAT:
        return data
    result = {key: value for key, value in data.items() if key != "references"}
    result["format"] = FORMAT
    result["sources"] = []
    for reference in data.get("references") or []:
        levels = {level: reference.get(level, "") for level in ("fond", "opis", "delo", "papka")}
        levels |= {
            "listy": reference.get("listy", ""),
            "listy_plural": reference.get("listy_plural"),
        }
        abbreviation = (reference.get("repository") or {}).get("abbreviation", "")
        written = format_reference(abbreviation, **{k: v or "" for k, v in levels.items()})
        result["sources"].append(
            {"kind": "archival", "relation": "held", "as_written": written, **reference}
        )
    result.setdefault("credits", [])
    return result


def _validation_message(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def link_relations(pending):
    """Write relations whose targets have since been imported; return those still missing."""
    missing = []
    for record_id, relation in pending:
        source = Document.objects.filter(record_id=record_id).first()
        wanted = relation.get("record_id")
        target = Document.objects.filter(record_id=wanted).first() if wanted else None
        if source and (target or wanted is None):
            # A suggestion whose document was never identified has no target: it is kept so.
            defaults = {
                name: relation.get(
                    name, {"certainty": "certain", "status": "confirmed"}.get(name, "")
                )
                for name in RELATION_FIELDS
            }
            if target is None and defaults["status"] == DocumentRelation.Status.CONFIRMED:
                defaults["status"] = DocumentRelation.Status.SUGGESTED
            if target is None:
                DocumentRelation.objects.create(source=source, kind=relation["kind"], **defaults)
            else:
                DocumentRelation.objects.update_or_create(
                    source=source, target=target, kind=relation["kind"], defaults=defaults
                )
        else:
            missing.append((record_id, relation))
    return missing


def _required(data, key, kind):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ExchangeError(f"“{key}” is missing or not a {kind.__name__}")
    return value


def _term(model, data, result, extra=()):
    """The vocabulary term with this slug, created from `data` if the archive lacks it."""
    term = model.objects.filter(slug=data["slug"]).first()
    if term is None:
        term = model(**{name: data.get(name, "") for name in ["slug", "name", "name_ru", *extra]})
        term.full_clean()
        term.save()
        result.new_terms.append(f"{model._meta.verbose_name} “{term.name}”")
    return term


def _repository(data, result):
    repository = Repository.objects.filter(abbreviation=data["abbreviation"]).first()
    if repository is None:  # under another of its names: "AVPRF", "АВП РФ"
        repository = Repository.objects.by_abbreviation(data["abbreviation"])
    if repository is None:
        repository = Repository(**{name: data.get(name, "") for name in REPOSITORY_FIELDS})
        repository.full_clean()
        repository.save()
        RepositoryName.objects.bulk_create(
            RepositoryName(repository=repository, name=name) for name in data.get("names", [])
        )
        result.new_terms.append(f"repository “{repository.abbreviation}”")
    return repository


# What an import's readers after the write (archive.importing.batch) may add to a document.
AFTER_WRITE_PARTS = ("relations_from", "discrepancies")
# A new document's parts that hold rows only if its object gives them, under the same
# name: a part it leaves empty is known to be empty without asking the database
# (relations are left out: a relation the object names may wait for its document).
_GIVEN = ("classifications", "collections", "places", "subjects", "scans", "roles",
          "particulars", "credits", "sources", "texts", "written_dates", "inferred_datings",
          "handling_steps", "events", "discrepancies")  # fmt: skip


def _read_back(pk, existing, rewritten, data):
    """The document as stored, with every part for_exchange() holds. The parts an update
    left alone are taken from the document as it was read before (their rows are the
    same); the row itself and the parts rewritten are read again. Of a new document, the
    parts the object gave nothing for are empty, and not read."""
    stored = Document.objects.select_related("document_type").get(pk=pk)
    was = getattr(existing, "_prefetched_objects_cache", {}) if existing is not None else {}
    stored._prefetched_objects_cache = {
        part: objects for part, objects in was.items() if part not in rewritten
    }
    empty = {part for part in _GIVEN if not data.get(part)} if existing is None else set()
    # An empty queryset is prefetched without a query; the lookups through it find nothing.
    lookups = [Prefetch(part, queryset=getattr(stored, part).model.objects.none())
               for part in empty]  # fmt: skip
    lookups += [
        lookup
        for lookup in exchange_lookups()
        if lookup_part(lookup) not in stored._prefetched_objects_cache
        and not (lookup_part(lookup) in empty and _top_level(lookup))
    ]
    prefetch_related_objects([stored], *lookups)
    return stored


def _top_level(lookup):
    """Whether a prefetch lookup reads a part itself ("roles"), not through it."""
    return "__" not in (lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup)


def _read_again(stored, parts):
    """Read the `parts` of a read-back document again (something wrote to them since)."""
    for part in parts:
        stored._prefetched_objects_cache.pop(part, None)
    prefetch_related_objects(
        [stored], *(lookup for lookup in exchange_lookups() if lookup_part(lookup) in parts)
    )


def _write(data, document, directory, result, kept, before=None):
    """Write the object onto the document (None: a new one). Returns the document and the
    parts of it rewritten (named as for_exchange() prefetches them)."""
    date = data.get("date") or {}
    source = data.get("source") or {}
    fields = {
        "title": data["title"],
        "date": datetime.date.fromisoformat(date["value"]) if date.get("value") else None,
        "date_precision": date.get("precision") or "day",
        "date_approximate": bool(date.get("approximate")),
        "date_uncertain": bool(date.get("uncertain")),
        "date_edtf": date.get("edtf") or "",
        "date_reason": date.get("reason") or "",
        "date_as_written": date.get("as_written", ""),
        "document_type": _term(DocumentType, data["type"], result),
        "summary": data.get("summary", ""),
        "original_language": data.get("original_language", "ru"),
        "source_site": source.get("site", ""),
        "source_url": source.get("url", ""),
        "recommended_citation": source.get("recommended_citation", ""),
        "archive_stamps": "\n".join(data.get("archive_stamps", [])),
    }
    if "status" not in kept:
        fields["status"] = data.get("status", Document.Status.DRAFT)
    if "published_at" in data and "status" not in kept:
        # The first publication is history: it moves with the record, it is not made anew.
        fields["published_at"] = (
            datetime.datetime.fromisoformat(data["published_at"]) if data["published_at"] else None
        )
    if "rights" not in kept:
        rights = data.get("rights") or {}
        fields["rights_statement"] = rights.get("statement", "")
        fields["rights_url"] = rights.get("url", "")
    fresh = document is None  # nothing of it to replace: no deletion to ask for
    if document is None:
        document = Document(record_id=data["record_id"])
    for name, value in fields.items():
        setattr(document, name, value)
    document.full_clean(validate_unique=False)
    document.save()

    # Terms the document already has as the object gives them are not looked up again.
    def same(part):
        return before is not None and data.get(part, []) == before.get(part)

    if not same("classifications"):
        document.classifications.set(
            [_term(Classification, c, result) for c in data.get("classifications", [])]
        )
    if not same("places"):
        document.places.set([_term(Place, p, result) for p in data.get("places", [])])
    if "collections" not in kept and not same("collections"):
        document.collections.set(
            [_term(Collection, c, result, ["description"]) for c in data.get("collections", [])]
        )
    if "subjects" not in kept and not same("subjects"):
        document.subjects.set([_term(Subject, s, result) for s in data.get("subjects", [])])

    persons = {}
    for entry in data.get("persons", []):
        person, created = directory.resolve(entry)
        persons[entry.get("slug") or entry["name"]] = person
        if created:
            result.new_persons.append(person.name)
        else:  # a person the archive holds: it keeps its description, and gains new names
            for name in directory.add_aliases(person, entry.get("aliases", [])):
                result.new_terms.append(f"name “{name}” of {person.name}")

    # The parts are replaced whole: what the object holds is what the document holds. A part
    # the object holds as the document already does is left alone, its rows and ids kept:
    # a revised summary does not write a thousand passages anew.
    def replaced(part):
        return not same(part)

    changed = {part for part in ("roles", "sources", "credits", "particulars", "texts")
               if replaced(part)}  # fmt: skip
    if "texts" in changed:
        changed.add("credits")  # a credit names its text
    # A person's names are read through roles, particulars and credits: new names, new reads.
    rewritten = set(changed) | (
        {"roles", "particulars", "credits"} if replaced("persons") else set()
    )
    for related in ("credits", "roles", "sources", "particulars", "texts"):
        if not fresh and related in changed:
            getattr(document, related).all().delete()
    _create(
        Role,
        ()
        if "roles" not in changed
        else (
            Role(
                document=document,
                person=_person(persons, role["person"]),
                role=role["role"],
                name_as_written=role.get("name_as_written", ""),
                note=role.get("note", ""),
                position=position,
            )
            for position, role in enumerate(data.get("roles", []), start=1)
        ),
    )
    _create(
        Source,
        ()
        if "sources" not in changed
        else (
            Source(
                document=document,
                position=position,
                repository=_repository(source["repository"], result)
                if source.get("repository")
                else None,
                **{name: source.get(name, _DEFAULTS.get(name, "")) for name in SOURCE_FIELDS},
            )
            for position, source in enumerate(data.get("sources", []), start=1)
        ),
    )
    _create(
        Particular,
        ()
        if "particulars" not in changed
        else (
            Particular(
                document=document,
                position=position,
                kind=item["kind"],
                value=item["value"],
                value_en=item.get("value_en", ""),
                person=_person(persons, item["person"]) if item.get("person") else None,
                note=item.get("note", ""),
            )
            for position, item in enumerate(data.get("particulars", []), start=1)
        ),
    )
    if "scans" not in kept and replaced("scans"):
        rewritten.add("scans")
        if not fresh:
            document.scans.all().delete()
        for position, scan in enumerate(data.get("scans", []), start=1):
            Scan.objects.create(
                document=document,
                position=position,
                label=scan.get("label", ""),
                source_url=scan.get("source_url", ""),
                image=scan.get("image") or "",
            )
    for part, model, build in (
        ("written_dates", WrittenDate, _written_date),
        ("inferred_datings", InferredDating, _inferred_dating),
        ("handling_steps", HandlingStep, _handling_step),
    ):
        if replaced(part):
            rewritten.add(part)
            if not fresh:
                model.objects.filter(document=document).delete()
            rows = []
            for position, item in enumerate(data.get(part, []), start=1):
                row = build(document, position, item, result)
                row.full_clean(exclude=["document", "place"], validate_unique=False)
                rows.append(row)
            # In one statement, with what save() would compute: a dating's bounds, a step's
            # instant in UTC; then the document's first moment, once.
            for row in rows:
                if model is InferredDating:
                    row.first, row.last = row.dating.first, row.dating.last
                elif model is HandlingStep:
                    row.instant = to_utc(row.local_date, row.local_time, row.zone)
            model.objects.bulk_create(rows)
            if model is HandlingStep:
                refresh_first_instant(document.pk)
    if replaced("events"):
        rewritten.add("events")
        document.events.set([_event(entry, result) for entry in data.get("events", [])])
    pages = list(document.scans.order_by("position", "pk")) if "texts" in changed else []
    texts = data.get("texts", []) if "texts" in changed else []
    by_code = {} if "texts" in changed else {text.code: text for text in document.texts.all()}
    for position, text_data in enumerate(texts):
        text = Text(
            document=document,
            position=position,
            code=text_data.get("code", ""),
            language=text_data["language"],
            kind=text_data["kind"],
            credit=text_data.get("credit", ""),
            label=text_data.get("label", ""),
        )
        text.full_clean(exclude=["document"], validate_unique=False)  # code too: it makes ids
        text.save()
        by_code[text.code] = text
        _create(
            Note,
            (
                Note(text=text, position=number, **{k: note.get(k, "") for k in NOTE_FIELDS})
                for number, note in enumerate(text_data.get("notes", []), start=1)
            ),
        )
        _create(
            Passage,
            (
                Passage(
                    text=text,
                    position=number,
                    alignment_key=passage.get("alignment_key"),
                    kind=passage.get("kind", Passage.Kind.PARAGRAPH),
                    quote_depth=passage.get("quote_depth", 0),
                    run_in=bool(passage.get("run_in")),
                    content=passage["content"],
                    scan=_scan(pages, passage.get("scan")),
                    region=passage.get("region", ""),
                )
                for number, passage in enumerate(text_data.get("passages", []), start=1)
            ),
        )
    _create(
        Credit,
        ()
        if "credits" not in changed
        else (
            Credit(
                document=document,
                position=position,
                person=_person(persons, credit["person"]) if credit.get("person") else None,
                text=_text(by_code, credit["text"]) if credit.get("text") else None,
                **{name: credit.get(name, "") for name in CREDIT_FIELDS},
            )
            for position, credit in enumerate(data.get("credits", []), start=1)
        ),
    )
    if "relations" not in kept and replaced("relations"):
        rewritten.add("relations_from")
        if not fresh:
            DocumentRelation.objects.filter(source=document).delete()
        result.pending_relations = link_relations(
            [(document.record_id, relation) for relation in data.get("relations", [])]
        )
    if replaced("discrepancies") or "texts" in changed:
        # After the texts: a note names its passages as "ru-12", found among them now.
        rewritten.add("discrepancies")
        if not fresh:
            Discrepancy.objects.filter(document=document).delete()
        anchors = {
            f"{text.code}-{passage.position}": passage
            for text in document.texts.all()
            for passage in text.passages.all()
        }
        # What each passage said before the texts were written anew: a note follows its
        # words to wherever they stand now, if the source moved them.
        said = {
            f"{text['code']}-{number}": passage["content"]
            for text in (before or {}).get("texts") or []
            for number, passage in enumerate(text.get("passages") or [], start=1)
        }
        for position, item in enumerate(data.get("discrepancies", []), start=1):
            note = Discrepancy(
                document=document,
                position=position,
                first_place=item["first_place"],
                first_passage=_passage_at(anchors, item.get("first_passage"), said),
                first_reading=item.get("first_reading", ""),
                second_place=item["second_place"],
                second_passage=_passage_at(anchors, item.get("second_passage"), said),
                second_reading=item.get("second_reading", ""),
                note=item.get("note", ""),
                status=item.get("status", Discrepancy.Status.OPEN),
                flagged_by=item.get("flagged_by", ""),
            )
            note.full_clean(exclude=["document", "first_passage", "second_passage"])
            note.save()
    return document, rewritten


def _scan(pages, number):
    """The document's page by its number among the scans (1, 2…), or None."""
    if number is None:
        return None
    if not isinstance(number, int) or not 1 <= number <= len(pages):
        raise ExchangeError(f"a passage names page {number!r}, which the document does not have")
    return pages[number - 1]


def _passage_at(anchors, anchor, said):
    """The passage a note names ("ru-12"): there, if it still says what it said; else the
    passage of that text that says it now; else None, the note kept without its passage
    (its page says so) rather than pointed at other words."""
    if anchor is None:
        return None
    words = said.get(anchor)
    found = anchors.get(anchor)
    if found is not None and (words is None or found.content == words):
        return found
    code = anchor.rsplit("-", 1)[0]
    for name, passage in anchors.items():
        if words is not None and name.rsplit("-", 1)[0] == code and passage.content == words:
            return passage
    return None


def _written_date(document, position, item, result):
    return WrittenDate(
        document=document, position=position, language=item["language"], text=item["text"]
    )


def _inferred_dating(document, position, item, result):
    return InferredDating(
        document=document,
        position=position,
        date_edtf=item["edtf"],
        reason=item["reason"],
        made_by=item.get("made_by", ""),
        note=item.get("note", ""),
    )


def _handling_step(document, position, item, result):
    place = None
    if item.get("place"):
        place = Place.objects.filter(slug=item["place"]).first()
        if place is None:
            raise ExchangeError(f"a handling step names the place “{item['place']}”, unknown")
    return HandlingStep(
        document=document,
        position=position,
        kind=item["kind"],
        as_written=item.get("as_written", ""),
        place=place,
        local_date=datetime.date.fromisoformat(item["local_date"])
        if item.get("local_date")
        else None,
        local_time=datetime.time.fromisoformat(item["local_time"])
        if item.get("local_time")
        else None,
        zone=item.get("zone", ""),
        note=item.get("note", ""),
    )


def _event(entry, result):
    """The event with this slug, made from the entry if the archive lacks it."""
    event = Event.objects.filter(slug=entry["slug"]).first()
    if event is None:
        event = Event(
            slug=entry["slug"],
            name=entry.get("name") or entry["slug"],
            date_edtf=entry.get("date_edtf", ""),
            description=entry.get("description", ""),
        )
        event.full_clean()
        event.save()
        result.new_terms.append(f"event “{event.name}”")
    return event


def _text(texts, code):
    if code not in texts:
        raise ExchangeError(f"a credit is for the text “{code}”, which the object does not hold")
    return texts[code]


def _person(persons, key):
    if key not in persons:
        raise ExchangeError(
            f"“{key}” is named in a role, particular or credit but not among the persons"
        )
    return persons[key]


def _create(model, objects):
    """Validate each object as a form would, then write them all in one statement.

    bulk_create() sends no signals; the document's entry is rebuilt by deferred().
    """
    objects = list(objects)
    for obj in objects:
        # The document, text, person and repository are objects in hand, found or just made:
        # asking the database whether each exists would be a query per row for nothing.
        obj.full_clean(exclude=["document", "text", "person", "repository"], validate_unique=False)
    model.objects.bulk_create(objects)


def _keep_corrections(data, before):
    """An archivist's corrections ({sic written|corrected}) are curation: a file that gives
    a passage or note exactly as the archive has it written, without them, keeps them.

    Passages are matched by their words, not their places: a source that gains or loses a
    passage before a corrected one still finds it.
    """
    archived = {text.get("code"): text for text in (before or {}).get("texts") or []}
    if not archived:
        return data
    data = copy.deepcopy(data)  # the caller keeps the file's object as the next import's base
    for text in data.get("texts") or []:
        old = archived.get(text.get("code")) or {}
        for part in ("passages", "notes"):
            corrected = {}
            for was in old.get(part) or []:
                content = was.get("content") or ""
                corrected.setdefault(as_written(content), content)
            for new in text.get(part) or []:
                content = corrected.get(new.get("content"))
                if content is not None and content != new.get("content"):
                    new["content"] = content
    return data
