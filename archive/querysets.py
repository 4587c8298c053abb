"""Query logic for documents and persons, named for what the pages need.

Views call these and evaluate the result; templates only read what they are given.
Models are looked up lazily because the model modules import this one.
"""

from django.apps import apps
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q


def _model(name):
    return apps.get_model("archive", name)


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

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
        published_target = m("DocumentRelation").objects.filter(target__status="published")
        published_source = m("DocumentRelation").objects.filter(source__status="published")
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
            Prefetch("relations_from", queryset=published_target.select_related("target")),
            Prefetch("relations_to", queryset=published_source.select_related("source")),
        )

    def containing(self, query):
        """Documents containing every word of `query` in their text, metadata or persons' names.

        Plain substring matching: case is folded for Latin letters only on SQLite.
        """
        passage, role, particular = _model("Passage"), _model("Role"), _model("Particular")
        qs = self
        for word in query.split():
            names = (
                Q(person__name__icontains=word)
                | Q(person__name_ru__icontains=word)
                | Q(person__name_native__icontains=word)
                | Q(person__aliases__name__icontains=word)
                | Q(name_as_written__icontains=word)
            )
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(date_as_written__icontains=word)
                | Exists(
                    passage.objects.filter(text__document=OuterRef("pk"), content__icontains=word)
                )
                | Exists(role.objects.filter(names, document=OuterRef("pk")))
                | Exists(
                    particular.objects.filter(
                        Q(value__icontains=word) | Q(value_en__icontains=word),
                        document=OuterRef("pk"),
                    )
                )
            )
        return qs


class PersonQuerySet(models.QuerySet):
    def with_document_counts(self):
        """Annotate `document_count`: published documents the person has any role in."""
        return self.annotate(
            document_count=Count(
                "roles__document",
                filter=Q(roles__document__status="published"),
                distinct=True,
            )
        )

    def public(self):
        """Persons who appear in at least one published document."""
        role = _model("Role")
        return self.filter(
            Exists(role.objects.filter(person=OuterRef("pk"), document__status="published"))
        )
