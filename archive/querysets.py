"""Query logic, named for what the pages need.

Views call these and evaluate the result; templates only read what they are given.
Every public query goes through a `published()` here, so that the rule "drafts
are invisible to the public" is written once. Models are looked up lazily
because the model modules import this one.
"""

from django.apps import apps
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q

PUBLISHED = "published"


def _model(name):
    return apps.get_model("archive", name)


def count_published(documents):
    """Count the distinct published documents reached through the relation path `documents`."""
    return Count(documents, filter=Q(**{f"{documents}__status": PUBLISHED}), distinct=True)


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PUBLISHED)

    def visible_to(self, user):
        """Everything for staff (drafts included); published documents for everyone else."""
        if user.is_active and user.is_staff:
            return self
        return self.published()

    def for_list(self):
        """What a list row shows: type, and who wrote to whom (in `principal_roles`)."""
        role = _model("Role")
        principal = (
            role.objects.filter(role__in=[role.Kind.AUTHOR, role.Kind.RECIPIENT])
            .select_related("person")
            .order_by("position", "pk")
        )
        return self.select_related("document_type").prefetch_related(
            Prefetch("roles", queryset=principal, to_attr="principal_roles")
        )

    def for_detail(self):
        """Everything the document page shows, in a fixed number of queries.

        Related documents are limited to published ones, so a link never leads
        the public to a draft.
        """
        m = _model
        relation = m("DocumentRelation").objects
        return self.select_related("document_type").prefetch_related(
            "classifications",
            "collections",
            "places",
            "subjects",
            "scans",
            Prefetch("roles", queryset=m("Role").objects.select_related("person")),
            Prefetch(
                "references", queryset=m("ArchivalReference").objects.select_related("repository")
            ),
            Prefetch(
                "texts",
                queryset=m("Text").objects.prefetch_related(
                    Prefetch("passages", queryset=m("Passage").objects.order_by("position"))
                ),
            ),
            Prefetch("particulars", queryset=m("Particular").objects.select_related("person")),
            Prefetch(
                "relations_from",
                queryset=relation.filter(target__status=PUBLISHED).select_related("target"),
            ),
            Prefetch(
                "relations_to",
                queryset=relation.filter(source__status=PUBLISHED).select_related("source"),
            ),
        )

    def for_export(self):
        """What a citation or an export row is made of (formats.record.record_for)."""
        m = _model
        return self.select_related("document_type").prefetch_related(
            "subjects",
            "places",
            Prefetch("roles", queryset=m("Role").objects.select_related("person")),
            Prefetch(
                "references", queryset=m("ArchivalReference").objects.select_related("repository")
            ),
        )

    def in_reading_order(self, sort=""):
        """Ordered for a list, with ties broken so that pages never repeat or skip a document.

        Undated documents come last whichever way dates are sorted.
        """
        by_date = [F("date").asc(nulls_last=True), "title", "record_id"]
        orders = {
            "": by_date,
            "date": by_date,
            "-date": [F("date").desc(nulls_last=True), "title", "record_id"],
            "title": ["title", F("date").asc(nulls_last=True), "record_id"],
            "-title": ["-title", F("date").asc(nulls_last=True), "record_id"],
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


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(document__status=PUBLISHED)

    def for_person_page(self, person):
        """The person's roles in published documents, by date, with what a list row shows."""
        return (
            self.published()
            .filter(person=person)
            .select_related("document__document_type")
            .order_by(F("document__date").asc(nulls_last=True), "document__title", "pk")
        )


class ArchivalReferenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(document__status=PUBLISHED)

    def for_repository_page(self, repository):
        """References into one repository, in archival order, with their documents."""
        return (
            self.published()
            .filter(repository=repository)
            .select_related("document")
            .order_by("fond", "opis", "delo", "papka", "listy", "document__date")
        )


class RepositoryQuerySet(models.QuerySet):
    def with_document_counts(self):
        """Annotate `document_count`: published documents citing the repository."""
        return self.annotate(document_count=count_published("references__document"))

    def cited(self):
        """Repositories that at least one published document cites."""
        return self.with_document_counts().filter(document_count__gt=0)

    def by_abbreviation(self, text):
        """The repository a (possibly Cyrillic, oddly spaced) abbreviation names, or None.

        "AVP RF", "АВП РФ" and "avprf" all name the same archive.
        """
        wanted = squeeze(text)
        for repository in self.all():
            if wanted in (squeeze(repository.abbreviation), squeeze(repository.abbreviation_ru)):
                return repository
        return None


class CollectionQuerySet(models.QuerySet):
    def with_document_counts(self):
        """Annotate `document_count`: published documents in the collection."""
        return self.annotate(document_count=count_published("documents"))


def squeeze(abbreviation):
    """An abbreviation without spaces or case, for comparing "AVP RF" with "avprf"."""
    return "".join((abbreviation or "").split()).casefold()
