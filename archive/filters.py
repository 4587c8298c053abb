"""The browse page's filters, and the counts shown beside each facet option."""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.db.models import Count, Exists, OuterRef
from django.forms.renderers import DjangoTemplates
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from .chronology.reasons import INFERRED
from .dates import not_beginning_after, not_ending_before
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
from .models.versions import PerVersion


class SearchField(forms.CharField):
    """A search box that never rejects what is typed: control characters are dropped."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n")


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class WidgetsWritten(DjangoTemplates):
    """Django's HTML for the browse form's text, date and select inputs, written in Python.

    Each widget's template includes others (attributes; each option of a select): the
    form's four inputs took a third of the time of the page's template. The HTML is the
    same (tests/test_filters.py compares them); other templates are rendered as ever.
    Values and labels are written as text, never formatted for the language as {{ }}
    would format a number: the form's choices are words.
    """

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in _INPUTS:
            return _input(widget)
        if template_name == _SELECT and all(
            option["template_name"] == _OPTION for _name, options, _i in widget["optgroups"]
            for option in options
        ):  # fmt: skip
            return _select(widget)
        return super().render(template_name, context, request)


_INPUTS = {"django/forms/widgets/text.html", "django/forms/widgets/date.html"}
_SELECT, _OPTION = "django/forms/widgets/select.html", "django/forms/widgets/select_option.html"


def _attributes(attrs):
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items() if value is not False
    )  # fmt: skip


def _input(widget):
    value = widget["value"]
    value = "" if value is None else f' value="{conditional_escape(str(value))}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attributes(widget["attrs"])}>'


def _select(widget):
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f'\n  <optgroup label="{conditional_escape(group)}">')
        for option in options:
            value, label = (
                conditional_escape(str(option["value"])),
                conditional_escape(option["label"]),
            )
            html.append(
                f'\n  <option value="{value}"{_attributes(option["attrs"])}>{label}</option>\n'
            )
        if group:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


class DocumentFilterForm(forms.Form):
    default_renderer = WidgetsWritten()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the date range is before its start."))
        return cleaned


# The value of the "Exclude inferred dates" checkbox.
EXCLUDE_INFERRED = "exclude"


class FixedChoices(BaseChoiceIterator):
    """Choices written in the code, the same for every request.

    A filter set copies its filters, and a form its fields, for each request, and
    each copy deep-copies its choices: for the 55 languages and the other lists,
    about 150 tuples a page. These are never changed, so a copy is themselves.
    """

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __deepcopy__(self, memo):
        return self


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
    # A checkbox on the page ("Exclude inferred dates"), sent as inferred=exclude; a choice
    # rather than a yes/no, so that the filters in force read "Inferred dates: excluded".
    inferred = django_filters.ChoiceFilter(
        label=_("Inferred dates"),
        choices=FixedChoices([(EXCLUDE_INFERRED, _("excluded"))]),
        method="filter_inferred",
    )
    # Only persons in published documents can be chosen: others would give drafts away.
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.public(),
        to_field_name="slug",
        method="applied_in_apply",
        label=_("Person"),
    )
    role = django_filters.ChoiceFilter(
        choices=FixedChoices(Role.Kind.choices), method="applied_in_apply", label=_("Role")
    )
    repository = django_filters.ModelChoiceFilter(
        queryset=Repository.objects.all(),
        to_field_name="slug",
        method="filter_repository",
        label=_("Repository"),
    )
    language = django_filters.ChoiceFilter(
        field_name="original_language",
        choices=FixedChoices(LANGUAGES),
        label=_("Original language"),
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
        choices=FixedChoices(SORTS),
        empty_label=None,
        method="applied_in_apply",  # applied last, in apply()
    )

    class Meta:
        model = Document
        fields = []
        form = DocumentFilterForm

    def get_form_class(self):
        """The form class, made once: its fields follow from the filters alone, never from
        the request (as a Django form's class is made once; each form copies its fields)."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    # Ranges are matched by overlap: a document dated "June 1951" can mean 20 June, so it is
    # kept for date_from=1951-06-20; one of 29–30 June is kept for 30 June – 5 July.
    def filter_date_from(self, queryset, name, value):
        return queryset.filter(not_ending_before(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(not_beginning_after(value))

    def filter_inferred(self, queryset, name, value):
        """Only documents that carry their own date (or none): not those dated by inference."""
        return queryset.exclude(date_reason__in=INFERRED)

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
# search's facets slow. Counters give [(value, documents)]; labellers name the values.
# The search engine counts the same way (archive.search.engine.facet_counts).


def _types(documents, data):
    return list(documents.order_by().values_list("document_type_id").annotate(n=Count("pk")))


def _languages(documents, data):
    return list(documents.order_by().values_list("original_language").annotate(n=Count("pk")))


def _collections(documents, data):
    memberships = Document.collections.through.objects.filter(document__in=documents)
    # One membership per document and collection: no DISTINCT needed.
    return list(memberships.values_list("collection_id").annotate(n=Count("document_id")))


def _repositories(documents, data):
    sources = Source.objects.filter(document__in=documents, repository__isnull=False)
    return list(sources.values_list("repository_id").annotate(n=Count("document", distinct=True)))


def _persons(documents, data):
    roles = Role.objects.filter(document__in=documents)
    return list(roles.values_list("person_id").annotate(n=Count("document", distinct=True)))


def _roles(documents, data):
    # Counted for the chosen person, if there is one: "Stalin: recipient 3, mentioned 5".
    roles = Role.objects.filter(document__in=documents)
    if data.get("person"):
        roles = roles.filter(person=data["person"])
    return list(roles.values_list("role").annotate(n=Count("document", distinct=True)))


def _labelled(model, label):
    # (slug, label) of each value, kept per public version: the same few types,
    # collections, repositories and persons head the facets of page after page.
    named = PerVersion(
        lambda pks: {pk: (o.slug, label(o)) for pk, o in model.objects.in_bulk(pks).items()}
    )

    def labels(counts):
        names = named.get_many([value for value, _n in counts])
        return [(*names[pk], n) for pk, n in counts if pk in names]

    return labels


def _most_named(counts):
    # The persons in most documents (ties by id), however many the results name.
    top = sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:PERSON_FACET_LIMIT]
    return _person_labels(top)


_person_labels = _labelled(Person, str)


def _language_labels(counts):
    return [(code, LANGUAGE_NAMES.get(code, code), n) for code, n in counts]


def _role_labels(counts):
    labels = dict(Role.Kind.choices)
    return [(role, labels.get(role, role), n) for role, n in counts]


# Facets shown beside the results: parameter, heading, how to count its options, how to
# name them.
FACETS = [
    ("type", _("Document type"), _types, _labelled(DocumentType, str)),
    ("language", _("Original language"), _languages, _language_labels),
    ("collection", _("Collection"), _collections, _labelled(Collection, str)),
    ("repository", _("Repository"), _repositories,
     _labelled(Repository, lambda repository: repository.abbreviation)),
    ("person", _("Person"), _persons, _most_named),
    ("role", _("Role"), _roles, _role_labels),
]  # fmt: skip
PERSON_FACET_LIMIT = 30
# Facets whose options are the catalogue's own names, not words of the interface.
_CATALOGUE_FACETS = {"type", "collection", "repository", "person"}


def facet_counts(filterset, matching=None, counted=None):
    """Options with document counts for each facet of a valid, bound filterset.

    Each facet is counted over the documents matching every *other* active
    filter, so each option shows what choosing it would give. `counted` holds
    the counts already made ({facet: [(value, documents)]}, as the search engine
    gives them); otherwise they are counted in the database, where `matching`,
    the documents matching every filter, stands in for facets not in use. Each
    option has the `query` that chooses it, or un-chooses it when it is chosen.
    """
    facets = []
    toggled = _Toggler(filterset.data)
    for name, heading, count, label in FACETS:
        if counted is not None:
            counts = counted.get(name, [])
        else:
            documents = filterset.without(name)
            if matching is not None and not filterset.form.cleaned_data.get(name):
                documents = matching
            counts = count(documents, filterset.form.cleaned_data)
        options = [
            {
                "value": value,
                "label": text,
                "lang": CATALOGUE_LANGUAGE if name in _CATALOGUE_FACETS else None,
                "count": n,
                "active": filterset.data.get(name) == value,
                "query": toggled(name, value),
            }
            for value, text, n in label([(v, n) for v, n in counts if v is not None])
        ]
        options.sort(key=lambda option: (-option["count"], str(option["label"])))
        facets.append({"name": name, "heading": heading, "options": options})
    return facets


class _Toggler:
    """Query strings for a page's facet options: each the page's own query (`data`, without
    its page number), with one parameter set to an option's value, or taken away if it is
    set so already. The query is read and encoded once for all the options of a page, as
    QueryDict.urlencode() would encode it."""

    def __init__(self, data):
        self.lists = {
            key: [str(v) for v in (data.getlist(key) if hasattr(data, "getlist") else [data[key]])]
            for key in data
            if key != "page"
        }
        self.encoded = {key: _encoded(key, values) for key, values in self.lists.items()}

    def __call__(self, name, value):
        value = str(value)
        parts = []
        for key, encoded in self.encoded.items():
            if key != name:
                parts.append(encoded)
            elif not self.lists[key] or self.lists[key][-1] != value:
                parts.append(_encoded(name, [value]))  # set in its place
            # else: set to this value already: taken away
        if name not in self.encoded:
            parts.append(_encoded(name, [value]))
        return "?" + "&".join(part for part in parts if part)


def _encoded(key, values):
    return "&".join(urlencode({key: value}) for value in values)
