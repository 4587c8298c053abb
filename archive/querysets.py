"""Query logic, named for what the pages need.

Views call these and evaluate the result; templates only read what they are given.
Every public query goes through a `published()` here, so that the rule "drafts
are invisible to the public" is written once. Models are looked up lazily
because the model modules import this one.
"""

import datetime
from itertools import islice
from typing import NamedTuple

from django.apps import apps
from django.db import connections, models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable

PUBLISHED = "published"


_PAGE_VERSION_SQL = {}


def _page_version_sql(connection):
    """The query of DocumentQuerySet.page_version, written once per kind of database."""
    sql = _PAGE_VERSION_SQL.get(connection.vendor)
    if sql is None:
        sql = _PAGE_VERSION_SQL[connection.vendor] = _write_page_version_sql(connection)
    return sql


def _write_page_version_sql(connection):
    quote = connection.ops.quote_name
    document = _model("Document")._meta
    relation = _model("DocumentRelation")._meta
    version = _model("PublicVersion")._meta

    def column(meta, field):
        return quote(meta.get_field(field).column)

    def latest(mine, other):
        return (
            f"(SELECT MAX(other.{column(document, 'modified')})"
            f" FROM {quote(relation.db_table)} link"
            f" JOIN {quote(document.db_table)} other"
            f" ON other.{quote(document.pk.column)} = link.{column(relation, other)}"
            f" WHERE link.{column(relation, mine)} = d.{quote(document.pk.column)})"
        )

    return (
        f"SELECT public.{column(version, 'number')}, public.{column(version, 'changed_at')},"
        f" d.{column(document, 'status')}, d.{column(document, 'modified')},"
        f" {latest('source', 'target')}, {latest('target', 'source')},"
        f" (SELECT {column(version, 'changed_at')} FROM {quote(version.db_table)}"
        f" WHERE {quote(version.pk.column)} = {int(_model('PublicVersion').GLOSSARY)})"
        f" FROM {quote(version.db_table)} public"
        f" LEFT JOIN {quote(document.db_table)} d ON d.{column(document, 'record_id')} = %s"
        f" WHERE public.{quote(version.pk.column)} = {int(_model('PublicVersion').PUBLIC)}"
    )


def moment(value):
    """A time read with plain SQL, as the ORM would give it: aware, in UTC (SQLite
    gives the text it keeps, PostgreSQL a time; either may lack its zone)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def _model(name):
    return apps.get_model("archive", name)


def count_published(documents):
    """Count the distinct published documents reached through the relation path `documents`."""
    return Count(documents, filter=Q(**{f"{documents}__status": PUBLISHED}), distinct=True)


def exchange_lookups():
    """The parts for_exchange() prefetches, each named from the document's side.

    Joined rather than prefetched where a row has one of them: an import reads each
    document back once, and every query saved there is saved per record.
    """
    m = _model
    return [
        "classifications",
        "collections",
        "places",
        "subjects",
        "scans",
        Prefetch("roles", queryset=m("Role").objects.select_related("person")),
        "roles__person__aliases",
        Prefetch("particulars", queryset=m("Particular").objects.select_related("person")),
        "particulars__person__aliases",
        Prefetch("credits", queryset=m("Credit").objects.select_related("person", "text")),
        "credits__person__aliases",
        Prefetch("sources", queryset=m("Source").objects.select_related("repository")),
        "sources__repository__names",
        "texts__passages",
        "texts__notes",
        Prefetch("relations_from", queryset=m("DocumentRelation").objects.select_related("target")),
        "written_dates",
        "inferred_datings",
        Prefetch("handling_steps", queryset=m("HandlingStep").objects.select_related("place")),
        "events",
        "discrepancies",
    ]


def lookup_part(lookup):
    """The part of the document a prefetch lookup starts from: "roles" of "roles__person"."""
    path = lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup
    return path.split("__", 1)[0]


def by_start(prefix=""):
    """Earliest first, as in_reading_order() lists dates (dates.earliest_first in Python):
    a range open at its start first, by its last day; then by the first day; the undated
    last. `prefix` reaches the document from another model: "document__"."""
    date, last = f"{prefix}date", f"{prefix}date_last"
    return [_open_first(date, last), Coalesce(date, last).asc()]


def _open_first(end, other):
    """0 for a date open at `end` (the side a list is sorted by), 1 for one known there,
    2 for an undated document: what a list by date sorts on first."""
    return Case(
        When(**{f"{end}__isnull": False}, then=Value(1)),
        When(**{f"{other}__isnull": False}, then=Value(0)),
        default=Value(2),
    ).asc()


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PUBLISHED)

    def visible_to(self, user):
        """Everything for staff (drafts included); published documents for everyone else."""
        if user.is_active and user.is_staff:
            return self
        return self.published()

    def for_list(self):
        """What a list row shows: type, and who wrote to whom (Document.principal_roles).

        Every role comes with the row (`listed_roles`, ListIterable): a list shows the
        authors and recipients, and search results say which of the others the query
        named (search.explain) without asking for the roles again.
        """
        queryset = self.select_related("document_type")
        queryset._iterable_class = ListIterable
        return queryset

    def for_detail(self):
        """Everything the document page shows, in fourteen queries however much it shows.

        The document with its type; its scans, roles (with persons), sources (with
        repositories), credits and particulars (with persons), dates as written, inferred
        datings, handling steps (with places) and events, prefetched one query each;
        and, through DetailIterable, one query each for its indexing terms, its texts with
        their passages, their notes, and its related documents in both directions. Related
        documents are limited to published ones, so a link never leads the public to a draft.
        """
        m = _model
        queryset = self.select_related("document_type").prefetch_related(
            "scans",
            Prefetch("roles", queryset=m("Role").objects.select_related("person")),
            Prefetch("sources", queryset=m("Source").objects.select_related("repository")),
            Prefetch("credits", queryset=m("Credit").objects.select_related("person")),
            Prefetch("particulars", queryset=m("Particular").objects.select_related("person")),
            # How the date and the times are known, and the events the document belongs to.
            "written_dates",
            "inferred_datings",
            Prefetch("handling_steps", queryset=m("HandlingStep").objects.select_related("place")),
            "events",
        )
        # prefetch_related would spend a query on each of the four vocabularies, one on the
        # texts and one on their passages, one on each direction of the relations.
        queryset._iterable_class = DetailIterable
        return queryset

    def page_version(self, record_id):
        """When what a published document's pages show last changed: (its own modification
        time, the latest of the documents it links to or is linked from, the glossary's last
        change), or None.

        The page cache keys the document's pages by it (archive.caching): an edit elsewhere
        leaves them cached. Everything else a document page shows (persons, archives, terms,
        scans, relations) moves the document's own time when it changes (archive.changes);
        a related document's title or address shows here too, hence its time.
        """
        return self.public_and_page_version(record_id)[1]

    def public_and_page_version(self, record_id):
        """(the public version as PublicVersion.current() gives it, or None before it
        exists; the page_version() of the document, or None), in one question.

        Plain SQL: every request for a document's page asks this before the page cache
        may answer, and building the ORM's query took ten times as long as running it.
        """
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(_page_version_sql(connection), [record_id])
            row = cursor.fetchone()
        if row is None:
            return None, None
        number, changed_at, status, *stamps = row
        public = (number, moment(changed_at))
        # The status is compared here, not in the query: the record id alone makes the
        # database use its unique index, whatever it knows of the table.
        if status != PUBLISHED:
            return public, None
        return public, tuple(moment(value) for value in stamps)

    def for_export(self):
        """What a citation or an export row is made of (formats.record.record_for)."""
        m = _model
        return self.select_related("document_type").prefetch_related(
            "subjects",
            "places",
            # A linked credit is cited by its person's name (record.Name.of_credit).
            Prefetch("credits", queryset=m("Credit").objects.select_related("person")),
            Prefetch("roles", queryset=m("Role").objects.select_related("person")),
            Prefetch("sources", queryset=m("Source").objects.select_related("repository")),
        )

    def for_exchange(self):
        """Everything the exchange format carries (archive.exchange.export_document)."""
        return self.select_related("document_type").prefetch_related(*exchange_lookups())

    def for_manifest(self):
        """What a IIIF manifest shows: the page images, the type and the references."""
        return self.select_related("document_type").prefetch_related(
            "scans",
            Prefetch("sources", queryset=_model("Source").objects.select_related("repository")),
        )

    def in_reading_order(self, sort=""):
        """Ordered for a list, with ties broken so that pages never repeat or skip a document.

        A date is a range, from its first day ("not before") to its last ("not after"):
        earliest first goes by where ranges begin, latest first by where they end, so
        "June 1951" comes before 2 June going up, and before 29 June coming down.
        Documents of one day go by the first moment known of them (sent, received…, in
        UTC), those without one after. Undated documents come last whichever way dates
        are sorted. A range open at the side sorted by has no end there and reaches past
        every date: "../1951" is the earliest going up, "1951/.." the latest coming down,
        each among its kind by its other end.
        """
        moment = F("first_instant")
        # Not nulls_last on the date alone: an open start is a null first day too, and
        # would sort with the undated. The open ends first, the dated, the undated last;
        # within each, by the day (the known end, for an open range).
        by_start_ = by_start()
        by_date = [*by_start_, moment.asc(nulls_last=True), "title", "record_id"]
        by_end = [
            _open_first("date_last", "date"),
            Coalesce("date_last", "date").desc(),
            moment.desc(nulls_last=True),
            "title",
            "record_id",
        ]
        orders = {
            "": by_date,
            "date": by_date,
            "-date": by_end,
            "title": ["title", *by_start_, "record_id"],
            "-title": ["-title", *by_start_, "record_id"],
        }
        return self.order_by(*orders.get(sort, by_date))

    def search(self, query):
        """Documents matching a search query (text or parsed): see archive.search."""
        from .search import search

        return search(self, query)

    def by_relevance(self, query):
        """Best match for `query` first, as a sliceable list (see search.RankedResults).

        Use after search(): `Document.objects.search(q).by_relevance(q)[:25]`.
        """
        from .search import RankedResults

        return RankedResults(self, query)


# --- What the document page fetches together ------------------------------------------------

# The vocabularies a document page lists, and what it shows of each term. A collection's
# description is not shown, so it is left deferred.
INDEX_TERMS = ("classifications", "collections", "places", "subjects")
TERM_FIELDS = ("id", "name", "name_ru", "slug")


class ListedRole(NamedTuple):
    """A role as a list shows it: its kind, and its person's id and name."""

    role: str
    person_id: int
    person_name: str
    name_as_written: str


class ListIterable(ModelIterable):
    """Documents as for_list() gives them, each with `listed_roles`: all its roles, in
    order, as ListedRole values, read for each batch of documents in one query.

    Plain values rather than prefetch_related's Role and Person objects: building
    those took half the time of reading a results page's 25 rows (bench/results).
    """

    def __iter__(self):
        documents = super().__iter__()
        # All the rows at once, as prefetch_related would, unless they are read in chunks
        # (iterator()); the roles from the database the rows came from.
        size = self.chunk_size if self.chunked_fetch else None
        while batch := list(islice(documents, size)):
            fetch_listed_roles(batch, batch[0]._state.db)
            yield from batch


def fetch_listed_roles(documents, db):
    """Each document's `listed_roles` (ListedRole values, in order), in one query."""
    found = {document.pk: [] for document in documents}
    rows = (
        _model("Role")
        .objects.using(db)
        .filter(document_id__in=list(found))
        .order_by("position", "pk")
        .values_list("document_id", "role", "person_id", "person__name", "name_as_written")
    )
    for document_id, *values in rows:
        found[document_id].append(ListedRole(*values))
    for document in documents:
        document.listed_roles = found[document.pk]


class DetailIterable(ModelIterable):
    """Documents as for_detail() gives them: three queries fetch, for each batch of them,
    what prefetch_related would fetch in eight.

    The results are kept where prefetch_related keeps its own, so that
    `document.subjects.all()`, `document.texts.all()`, `text.passages.all()` and
    `document.relations_from.all()` read them from memory, wherever they are read
    (the page, citations, TEI, IIIF).
    """

    def __iter__(self):
        documents = super().__iter__()
        while batch := list(islice(documents, self.chunk_size)):
            db = batch[0]._state.db  # where the documents came from
            _fetch_terms(batch, db)
            _fetch_texts(batch, db)
            _fetch_notes(batch, db)
            _fetch_relations(batch, db)
            yield from batch


def _fetch_terms(documents, db):
    """Classifications, collections, places and subjects where `document.places.all()` reads
    them: one UNION ALL of their link tables (read_terms), not a query each."""
    found = read_terms(documents, db)
    for document in documents:
        for name in INDEX_TERMS:
            _keep(document, name, found[document.pk, name])


def read_terms(documents, db, names=INDEX_TERMS):
    """{(document pk, name): [terms]} of the index terms `names` of the documents, in
    order of name: one UNION ALL of their link tables."""
    meta = documents[0]._meta
    parts = []
    for name in names:
        field = meta.get_field(name)
        term = field.m2m_reverse_field_name()
        columns = {f"term_{f}": F(f"{term}__{f}") for f in TERM_FIELDS}
        parts.append(
            field.remote_field.through.objects.using(db)
            .filter(**{f"{field.m2m_field_name()}__in": documents})
            .values(vocabulary=Value(name), document_pk=F(field.m2m_column_name()), **columns)
        )
    # Each vocabulary in order of name, in the database's collation, as its Meta orders it.
    rows = parts[0].union(*parts[1:], all=True).order_by("term_name")
    found = {(document.pk, name): [] for document in documents for name in names}
    for row in rows:
        model = meta.get_field(row["vocabulary"]).related_model
        values = [row[f"term_{f}"] for f in TERM_FIELDS]
        found[row["document_pk"], row["vocabulary"]].append(model.from_db(db, TERM_FIELDS, values))
    return found


def _fetch_texts(documents, db):
    """Texts and their passages in one query: each text joined to its passages, if it has any."""
    text_model, passage_model = _model("Text"), _model("Passage")
    text_fields = [f.attname for f in text_model._meta.concrete_fields]
    passage_fields = [f.attname for f in passage_model._meta.concrete_fields]
    rows = (
        text_model.objects.using(db)
        .filter(document__in=documents)
        .order_by("position", "pk", "passages__position")
        .values_list(*text_fields, *(f"passages__{name}" for name in passage_fields))
    )
    by_pk = {document.pk: document for document in documents}
    texts = {pk: [] for pk in by_pk}  # document pk → its texts, in order
    passages = {}  # text pk → its passages, in order
    split = len(text_fields)
    text_pk, passage_pk = text_fields.index("id"), split + passage_fields.index("id")
    for row in rows:
        if row[text_pk] not in passages:  # a text's first row
            text = text_model.from_db(db, text_fields, row[:split])
            text.document = by_pk[text.document_id]
            texts[text.document_id].append(text)
            passages[text.pk] = []
        if row[passage_pk] is not None:  # None: a text without passages
            passage = passage_model.from_db(db, passage_fields, row[split:])
            passage.text = text
            passages[text.pk].append(passage)
    for document in documents:
        _keep(document, "texts", texts[document.pk])
        for text in texts[document.pk]:
            _keep(text, "passages", passages[text.pk])


def _fetch_notes(documents, db):
    """The notes of the documents' texts, in one query."""
    texts = {text.pk: text for document in documents for text in document.texts.all()}
    found = {pk: [] for pk in texts}
    if texts:
        for note in _model("Note").objects.using(db).filter(text__in=list(texts)):
            note.text = texts[note.text_id]
            found[note.text_id].append(note)
    for pk, text in texts.items():
        _keep(text, "notes", found[pk])


def _fetch_relations(documents, db):
    """Relations from and to the documents, in one query: confirmed ones only (the
    importer's suggestions wait for an archivist), the other side published only."""
    by_pk = {document.pk: document for document in documents}
    relations = (
        _model("DocumentRelation")
        .objects.using(db)
        .filter(status="confirmed")
        .filter(
            Q(source__in=documents, target__status=PUBLISHED)
            | Q(target__in=documents, source__status=PUBLISHED)
        )
        .select_related("source", "target")
        .order_by("pk")
    )
    outgoing = {pk: [] for pk in by_pk}
    incoming = {pk: [] for pk in by_pk}
    for relation in relations:
        if relation.source_id in by_pk and relation.target.status == PUBLISHED:
            outgoing[relation.source_id].append(relation)
        if relation.target_id in by_pk and relation.source.status == PUBLISHED:
            incoming[relation.target_id].append(relation)
    for pk, document in by_pk.items():
        _keep(document, "relations_from", outgoing[pk])
        _keep(document, "relations_to", incoming[pk])


def _keep(instance, name, objects):
    """Keep `objects` where prefetch_related keeps them, for `instance.<name>.all()` to read."""
    queryset = getattr(instance, name).all()  # not evaluated: no query
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


class PersonQuerySet(models.QuerySet):
    def with_document_counts(self):
        """Annotate `document_count`: published documents the person has any role in."""
        return self.annotate(document_count=count_published("roles__document"))

    def public(self):
        """Persons who appear in at least one published document.

        A person known only from drafts would give away that the drafts exist.
        """
        role = _model("Role")
        return self.filter(
            Exists(role.objects.filter(person=OuterRef("pk"), document__status=PUBLISHED))
        )


# What archive.correspondence and the network drawing read of a role.
_CORRESPONDENCE_FIELDS = [
    "role", "document", "person", "person__name", "person__sort_name", "person__slug",
    "document__record_id", "document__title",
    # What the document's date line is made of (archive.chronology.display.DISPLAY_FIELDS).
    "document__date_edtf", "document__date", "document__date_last", "document__date_precision",
    "document__date_approximate", "document__date_uncertain", "document__date_reason",
]  # fmt: skip


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(document__status=PUBLISHED)

    def for_correspondence(self, person=None):
        """Who wrote to whom, and whose message was relayed to whom, in published documents
        (of `person`'s letters, if given), with what archive.correspondence reads of each."""
        kind = self.model.Kind
        kinds = [kind.AUTHOR, kind.RECIPIENT, kind.RELAYED_AUTHOR, kind.RELAYED_RECIPIENT]
        roles = self.published().filter(role__in=kinds)
        if person is not None:
            roles = roles.filter(
                document__in=self.published()
                .filter(person=person, role__in=kinds)
                .values("document")
            )
        return (
            roles.select_related("person", "document")
            .only(*_CORRESPONDENCE_FIELDS)
            .order_by(
                *by_start("document__"), "document__title", "document__record_id", "position", "pk"
            )
        )

    def for_person_page(self, person):
        """The person's roles in published documents, by date, with what a list row shows."""
        return (
            self.published()
            .filter(person=person)
            .select_related("document__document_type")
            .order_by(*by_start("document__"), "document__title", "pk")
        )


class SourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(document__status=PUBLISHED)

    def for_repository_page(self, repository):
        """Sources held in one repository, in archival order, with their documents."""
        return (
            self.published()
            .filter(repository=repository)
            .select_related("document")
            .order_by(
                "fond", "opis", "delo", "papka", "por", "listy", "reference", "document__date"
            )
        )


class RepositoryQuerySet(models.QuerySet):
    def with_document_counts(self):
        """Annotate `document_count`: published documents citing the repository."""
        return self.annotate(document_count=count_published("sources__document"))

    def cited(self):
        """Repositories that at least one published document cites."""
        return self.with_document_counts().filter(document_count__gt=0)

    def by_abbreviation(self, text):
        """The repository a (possibly Cyrillic, oddly spaced) name or abbreviation names, or
        None: "AVP RF", "АВП РФ", "avprf" and "Foreign Policy Archive…" all name one archive.
        """
        return self.names_index(gazetteer=False).get(text)

    def free_slug(self, name):
        """A slug for a new repository called `name`, not taken by another."""
        from django.utils.text import slugify

        from .romanization import slug

        base = (slug(name, length=60) or slugify(name)[:60] or "repository").strip("-")
        taken = set(self.filter(slug__startswith=base).values_list("slug", flat=True))
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def names_index(self, gazetteer=True):
        """A sources.repositories.Names of these repositories under all their names, in two
        queries: for looking up many references at once (an import). With `gazetteer`, the
        archives the archive does not hold yet are found too (as KnownRepository entries)."""
        from .sources.repositories import GAZETTEER, Names, name_key

        names = Names(GAZETTEER if gazetteer else ())
        known = {name_key(entry.abbreviation): entry for entry in names.known}
        # Later additions win: the first repository with a name keeps it. A repository the
        # gazetteer describes is found under the gazetteer's names as well as its own.
        for repository in self.prefetch_related("names").order_by("-pk"):
            entry = known.get(name_key(repository.abbreviation))
            gazetteer_names = entry.all_names() if entry else []
            names.add(repository, [*gazetteer_names, *repository_names(repository)])
        return names


class CollectionQuerySet(models.QuerySet):
    def public(self):
        """Collections holding at least one published document, by slug (OAI sets, sitemap)."""
        return self.filter(documents__status=PUBLISHED).distinct().order_by("slug")

    def with_document_counts(self):
        """Annotate `document_count`: published documents in the collection."""
        return self.annotate(document_count=count_published("documents"))


def repository_names(repository):
    """Every name a repository is cited by: abbreviations, full names, other names."""
    fixed = [repository.abbreviation, repository.abbreviation_ru]
    fixed += [repository.name_en, repository.name_ru]
    return [*fixed, *(other.name for other in repository.names.all())]
