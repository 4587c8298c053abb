"""The browse page's filters, and the counts shown beside each facet option."""

import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.db.models import Count, Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .dates import could_end_on_or_after
from .languages import CATALOGUE_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from .models import (
    Collection,
    Document,
    DocumentType,
    Person,
    Repository,
    Role,
    Source,
)


class SearchField(forms.CharField):
    """A search box that never rejects what is typed: control characters are dropped."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class DocumentFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the date range is before its start."))
        return cleaned


SORTS = [
    # Without a text query there is nothing to rank by, and the list is by date.
    ("relevance", _("Best match")),
    ("date", _("Date, earliest first")),
    ("-date", _("Date, latest first")),
    ("title", _("Title, A–Z")),
    ("-title", _("Title, Z–A")),
]


class DocumentFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Text"), method="filter_text")
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )
    # Only persons in published documents can be chosen: others would give drafts away.
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.public(),
        to_field_name="slug",
        method="applied_in_apply",
        label=_("Person"),
    )
    role = django_filters.ChoiceFilter(
        choices=Role.Kind.choices, method="applied_in_apply", label=_("Role")
    )
    repository = django_filters.ModelChoiceFilter(
        queryset=Repository.objects.all(),
        to_field_name="slug",
        method="filter_repository",
        label=_("Repository"),
    )
    language = django_filters.ChoiceFilter(
        field_name="original_language", choices=LANGUAGES, label=_("Original language")
    )
    type = django_filters.ModelChoiceFilter(
        field_name="document_type",
        queryset=DocumentType.objects.all(),
        to_field_name="slug",
        label=_("Document type"),
    )
    collection = django_filters.ModelChoiceFilter(
        queryset=Collection.objects.all(),
        to_field_name="slug",
        method="filter_collection",
        label=_("Collection"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        empty_label=None,
        method="applied_in_apply",  # applied last, in apply()
    )

    class Meta:
        model = Document
        fields = []
        form = DocumentFilterForm

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_date_from(self, queryset, name, value):
        # A document dated "June 1951" can mean 20 June, so it is kept for date_from=1951-06-20.
        return queryset.filter(could_end_on_or_after(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(date__lte=value)

    def applied_in_apply(self, queryset, name, value):
        """Person and role narrow one role together, and sorting comes last: see apply()."""
        return queryset

    def filter_queryset(self, queryset):
        return self.apply(queryset, self.form.cleaned_data)

    def apply(self, queryset, values, ordered=True):
        """Filter `queryset` by the cleaned `values` given, and order it as asked."""
        for name, value in values.items():
            if value not in EMPTY_VALUES and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        person, role = values.get("person"), values.get("role")
        if person or role:
            # Together they narrow one role row: "Stalin as recipient".
            roles = Role.objects.filter(document=OuterRef("pk"))
            if person:
                roles = roles.filter(person=person)
            if role:
                roles = roles.filter(role=role)
            queryset = queryset.filter(Exists(roles))
        if ordered and not self.ranks_by_relevance(values):
            queryset = queryset.in_reading_order(values.get("sort") or "")
        return queryset

    @staticmethod
    def ranks_by_relevance(values):
        """Best match first: when there is a text query and no other order is asked for."""
        return bool(values.get("q")) and (values.get("sort") or "relevance") == "relevance"

    def without(self, *names):
        """The documents matching every valid filter except those named, unordered."""
        values = {k: v for k, v in self.form.cleaned_data.items() if k not in names}
        return self.apply(self.queryset.all(), values, ordered=False)

    def filter_repository(self, queryset, name, value):
        return queryset.filter(
            Exists(Source.objects.filter(document=OuterRef("pk"), repository=value))
        )

    def filter_collection(self, queryset, name, value):
        return queryset.filter(collections=value)


# Each counter groups by the facet's own column, then names the few values found: grouping
# by names would join every matching row to the names table, which is what makes a broad
# search's facets slow.


def _labelled(model, counts, label):
    objects = model.objects.in_bulk([value for value, _n in counts])
    return [(objects[pk].slug, label(objects[pk]), n) for pk, n in counts if pk in objects]


def _types(documents, data):
    counts = documents.order_by().values_list("document_type_id").annotate(n=Count("pk"))
    return _labelled(DocumentType, list(counts), str)


def _languages(documents, data):
    counts = documents.order_by().values_list("original_language").annotate(n=Count("pk"))
    return [(code, LANGUAGE_NAMES.get(code, code), n) for code, n in counts]


def _collections(documents, data):
    memberships = Document.collections.through.objects.filter(document__in=documents)
    # One membership per document and collection: no DISTINCT needed.
    counts = memberships.values_list("collection_id").annotate(n=Count("document_id"))
    return _labelled(Collection, list(counts), str)


def _repositories(documents, data):
    sources = Source.objects.filter(document__in=documents, repository__isnull=False)
    counts = sources.values_list("repository_id").annotate(n=Count("document", distinct=True))
    return _labelled(Repository, list(counts), lambda repository: repository.abbreviation)


def _persons(documents, data):
    roles = Role.objects.filter(document__in=documents)
    counts = (
        roles.values_list("person_id")
        .annotate(n=Count("document", distinct=True))
        .order_by("-n", "person_id")[:PERSON_FACET_LIMIT]
    )
    return _labelled(Person, list(counts), str)


def _roles(documents, data):
    # Counted for the chosen person, if there is one: "Stalin: recipient 3, mentioned 5".
    roles = Role.objects.filter(document__in=documents)
    if data.get("person"):
        roles = roles.filter(person=data["person"])
    labels = dict(Role.Kind.choices)
    counts = roles.values_list("role").annotate(n=Count("document", distinct=True))
    return [(role, labels.get(role, role), n) for role, n in counts]


# Facets shown beside the results: parameter, heading, how to count its options.
FACETS = [
    ("type", _("Document type"), _types),
    ("language", _("Original language"), _languages),
    ("collection", _("Collection"), _collections),
    ("repository", _("Repository"), _repositories),
    ("person", _("Person"), _persons),
    ("role", _("Role"), _roles),
]
PERSON_FACET_LIMIT = 30
# Facets whose options are the catalogue's own names, not words of the interface.
_CATALOGUE_FACETS = {"type", "collection", "repository", "person"}


def facet_counts(filterset, matching=None):
    """Options with document counts for each facet of a valid, bound filterset.

    Each facet is counted over the documents matching every *other* active
    filter, so each option shows what choosing it would give. `matching`, the
    documents matching every filter, stands in for facets not in use. Each
    option has the `query` that chooses it, or un-chooses it when it is chosen.
    """
    facets = []
    for name, heading, count in FACETS:
        documents = filterset.without(name)
        if matching is not None and not filterset.form.cleaned_data.get(name):
            documents = matching
        options = [
            {
                "value": value,
                "label": label,
                "lang": CATALOGUE_LANGUAGE if name in _CATALOGUE_FACETS else None,
                "count": n,
                "active": filterset.data.get(name) == value,
                "query": _toggled(filterset.data, name, value),
            }
            for value, label, n in count(documents, filterset.form.cleaned_data)
        ]
        options.sort(key=lambda option: (-option["count"], str(option["label"])))
        facets.append({"name": name, "heading": heading, "options": options})
    return facets


def _toggled(data, name, value):
    """The query string with `name` set to `value`, or without it if it is set so already."""
    query = QueryDict(mutable=True)
    for key in data:
        if key != "page":
            query.setlist(key, data.getlist(key) if hasattr(data, "getlist") else [data[key]])
    if query.get(name) == str(value):
        query.pop(name)
    else:
        query[name] = value
    return "?" + query.urlencode()
