"""Sources, credits and notes in the admin: inlines for the document and text pages, the
paste-and-split of a whole source string, and the joining of one translator's names.

An archivist pastes a citation as a collection prints it ("RGASPI, F. 558, Op. 11,
D. 342, L. 92. Translated by Mark Kramer.") and presses *Split*: the page comes back
with each source and credit in a row of its own, filled in and not yet saved, to be
checked, corrected and saved with the document. Nothing is written until then.
"""

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import ngettext

from ..models import Alias, Repository, RepositoryName
from ..persons import PersonDirectory
from . import reading
from .models import PUBLICATION_FIELDS, Credit, Note, Source
from .repositories import KnownRepository
from .russian import LEVELS

SPLIT = "_split_sources"


class PasteWidget(forms.Textarea):
    """A text area with the button that splits what is pasted into it."""

    def render(self, name, value, attrs=None, renderer=None):
        area = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<p><button type="submit" name="{}" value="1" class="button">{}</button></p>',
            area,
            SPLIT,
            "Split into sources and credits",
        )


class PasteSourcesMixin(forms.Form):
    """The document form's paste field. Splitting is a form error on purpose: the page comes
    back with the parts filled in below, and nothing is saved until they are checked."""

    paste_sources = forms.CharField(
        label="Paste a citation",
        required=False,
        widget=PasteWidget(attrs={"rows": 3}),
        help_text=(
            "Paste the sources as a collection prints them, e.g. “APRF, f. 45, op. 1, d. 339, "
            "l. 92; and RGASPI, f. 558, op. 11, d. 339, ll. 0092. Translated by Mark Kramer.”, "
            "and press Split: each source and credit gets a row of its own below, to check "
            "and save."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if SPLIT in self.data:
            split = getattr(self, "split_result", None)
            count = (len(split.sources), len(split.credits)) if split else (0, 0)
            raise forms.ValidationError(
                "Not saved yet: the citation is split into %(sources)d source(s) and "
                "%(credits)d credit(s) below. Check each part, correct it where needed, "
                "then save.%(kept)s",
                params={
                    "sources": count[0],
                    "credits": count[1],
                    "kept": (
                        " Kept as written, not understood: " + "; ".join(split.kept) + "."
                        if split and split.kept
                        else ""
                    ),
                },
            )
        if cleaned.get("paste_sources", "").strip():
            raise forms.ValidationError(
                "Press “Split into sources and credits” to see the pasted citation as parts "
                "before saving, or empty the field."
            )
        return cleaned


def split_into_rows(data):
    """The posted data with the pasted citation added as new source and credit rows.

    Returns (data, reading.Reading). Repositories the archive holds are chosen; one only
    the gazetteer knows is named in the row's "repository as cited", and made on saving.
    """
    names = Repository.objects.names_index()
    found = reading.read(data.get("paste_sources", ""), names)
    data = data.copy()
    data["paste_sources"] = ""
    directory = PersonDirectory()
    start = _next_position(data, "sources")
    for offset, source in enumerate(found.sources):
        row = _row(data, "sources")
        data[row + "position"] = str(start + offset)
        for name in ("kind", "relation", "as_written", "reference"):
            data[row + name] = getattr(source, name)
        if isinstance(source.repository, Repository):
            data[row + "repository"] = str(source.repository.pk)
        elif isinstance(source.repository, KnownRepository):
            data[row + "archive_name"] = source.repository.abbreviation
        else:
            data[row + "archive_name"] = source.archive
        levels = source.levels or {}
        for level in LEVELS:
            data[row + level] = levels.get(level, "")
        data[row + "notation"] = levels.get("notation") or "ru"
        if levels.get("listy_plural"):
            data[row + "listy_plural"] = "on"
        if source.publication is not None:
            for name in PUBLICATION_FIELDS:
                value = getattr(source.publication, name)
                if name == "editors":
                    if value:
                        data[row + name] = "on"
                else:
                    data[row + name] = value
    start = _next_position(data, "credits")
    for offset, credit in enumerate(found.credits):
        row = _row(data, "credits")
        data[row + "position"] = str(start + offset)
        for name in ("role", "name", "organisation"):
            data[row + name] = getattr(credit, name)
        person = directory.find(credit.name) if credit.name else None
        data[row + "person"] = str(person.pk) if person else ""
    return data, found


def _row(data, prefix):
    """The field prefix of a new row of an inline formset, counted in its management form."""
    total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    return f"{prefix}-{total}-"


def _next_position(data, prefix):
    total = int(data.get(f"{prefix}-TOTAL_FORMS") or 0)
    taken = [data.get(f"{prefix}-{n}-position") or "0" for n in range(total)]
    return max((int(p) for p in taken if p.isdigit()), default=0) + 1


class SourceForm(forms.ModelForm):
    archive_name = forms.CharField(
        label="repository as cited",
        required=False,
        help_text="If no repository is chosen: its name as cited (“АП РФ”, “MNL OL”). An "
        "archive the importer knows is added to the repositories on saving.",
    )

    class Meta:
        model = Source
        fields = "__all__"  # noqa: DJ007 -- the inline's fieldsets choose what is shown

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("archive_name") or "").strip()
        if name and not cleaned.get("repository"):
            found = Repository.objects.names_index().get(name)
            if isinstance(found, KnownRepository):
                found = _unsaved(found)
            if found is None:
                self.add_error(
                    "archive_name",
                    f"No repository is called “{name}”: add it under Repositories, or choose one.",
                )
            cleaned["repository"] = found
        return cleaned

    def save(self, commit=True):
        repository = self.instance.repository
        if repository is not None and repository.pk is None:
            self.instance.repository = _made(repository)
        return super().save(commit)


def _made(repository):
    """A repository the gazetteer describes, made now that the document is saved: once,
    though several rows of the paste name it (each row was cleaned before any was saved)."""
    existing = Repository.objects.filter(abbreviation=repository.abbreviation).first()
    if existing is not None:
        return existing
    repository.slug = Repository.objects.free_slug(repository.abbreviation)
    repository.save()
    RepositoryName.objects.bulk_create(
        RepositoryName(repository=repository, name=name)
        for name in getattr(repository, "_names", [])
    )
    return repository


def _unsaved(known):
    existing = Repository.objects.filter(abbreviation=known.abbreviation).first()
    if existing is not None:
        return existing
    repository = Repository(
        abbreviation=known.abbreviation,
        abbreviation_ru=known.abbreviation_ru,
        name_en=known.name_en,
        name_ru=known.name_ru,
        location=known.location,
    )
    fixed = {known.abbreviation, known.abbreviation_ru, known.name_en, known.name_ru}
    repository._names = [name for name in known.names if name not in fixed]
    return repository


class SourceInline(admin.StackedInline):
    model = Source
    form = SourceForm
    extra = 0
    autocomplete_fields = ["repository"]
    fieldsets = [
        (None, {"fields": [("position", "kind", "relation"), "as_written"]}),
        ("Repository", {"fields": [("repository", "archive_name")]}),
        (
            "Reference in the Russian hierarchy",
            {
                "fields": [
                    ("fond", "opis", "delo", "papka", "por", "listy"),
                    ("listy_plural", "notation"),
                ]
            },
        ),
        ("Reference in another archive's system", {"fields": ["reference"]}),
        (
            "Publication",
            {
                "fields": [
                    ("authors", "editors"),
                    ("article", "title", "title_en"),
                    ("volume", "book", "part_title", "issue"),
                    ("place", "publisher", "year"),
                    ("pages", "number"),
                ]
            },
        ),
        (None, {"fields": ["note"]}),
    ]


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["position", "role", "name", "organisation", "person", "text", "source_language"]


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0
    fields = ["position", "label", "marker", "kind", "content"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "content":
            field.widget.attrs.update(rows=2, cols=70)
        elif db_field.name in ("position", "label", "marker"):
            field.widget.attrs.update({"class": "archive-narrow"})
        return field


def link_credits(credits):
    """Link credits to one person: the one they already name, the one a name of theirs
    finds, or a new person under the commonest name; the other spellings become aliases.
    Returns (person, aliases added), or raises ValueError if they name different persons."""
    credits = [credit for credit in credits if credit.name]
    if not credits:
        raise ValueError("None of the selected credits names a person.")
    linked = {credit.person for credit in credits if credit.person is not None}
    if len(linked) > 1:
        raise ValueError("The selected credits already name different persons.")
    directory = PersonDirectory()
    names = Counter(credit.name for credit in credits)
    person = next(iter(linked), None)
    for name, _count in names.most_common():
        person = person or directory.find(name)
    if person is None:
        person, _created = directory.resolve({"name": names.most_common(1)[0][0]})
    known = PersonDirectory()  # with the person, if just made
    added = []
    for name in names:
        found = known.find(name)
        if found is None or found.pk != person.pk:  # a spelling no name of theirs matches
            Alias.objects.create(person=person, name=name, kind=Alias.Kind.SPELLING)
            added.append(name)
    for credit in credits:
        credit.person = person
        credit.save(update_fields=["person"])  # each change is heard: page caches, search
    return person, added


class CreditAdminMixin:
    """The list of all credits, where the variants of one translator's name are joined."""

    list_display = ["__str__", "name", "organisation", "role", "person", "document"]
    list_filter = ["role", ("person", admin.EmptyFieldListFilter)]
    search_fields = ["name", "organisation", "document__title", "=document__record_id"]
    autocomplete_fields = ["person", "document"]
    list_select_related = ["person", "document"]
    actions = ["link_to_one_person"]

    @admin.action(description="Link the selected credits to one person (joins name variants)")
    def link_to_one_person(self, request, queryset):
        with transaction.atomic():
            try:
                person, added = link_credits(list(queryset.select_related("person")))
            except ValueError as error:
                self.message_user(request, str(error), messages.ERROR)
                return
        message = ngettext(
            "%(count)d credit linked to %(person)s.",
            "%(count)d credits linked to %(person)s.",
            queryset.count(),
        ) % {"count": queryset.count(), "person": person}
        if added:
            message += " Added as spellings of the name: " + ", ".join(added) + "."
        self.message_user(request, message, messages.SUCCESS)


class SourceAdminMixin:
    list_display = ["__str__", "kind", "relation", "repository", "document"]
    list_filter = ["kind", "relation", "repository"]
    search_fields = [
        "as_written", "fond", "opis", "delo", "reference", "title", "authors",
        "repository__abbreviation", "document__title", "=document__record_id",
    ]  # fmt: skip
    autocomplete_fields = ["repository", "document"]
    list_select_related = ["repository", "document"]
