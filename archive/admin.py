"""The admin, arranged so an archivist can enter a whole document without touching code.

A document's page carries its persons, references, particulars, related
documents and scans inline; each text opens on a page of its own, where its
passages are edited and aligned. Both forms accept pasted text: citation
strings become references, paragraphs become passages.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.db import router, transaction
from django.db.models import Count, Max
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from . import history
from .apparatus.admin import DiscrepancyAdminMixin, DiscrepancyInline
from .apparatus.glossary_admin import (
    GlossaryEntryAdminMixin,
    GlossaryFormAdminMixin,
    GlossarySenseAdminMixin,
)
from .changes import deferred
from .chronology.admin import (
    EventAdminMixin,
    HandlingStepAdminMixin,
    HandlingStepInline,
    InferredDatingAdminMixin,
    InferredDatingInline,
    WrittenDateAdminMixin,
    WrittenDateInline,
)
from .editing.admin import ConflictGuardMixin, changed_since_listed, version_cell
from .editorial.admin import PublishPermissionMixin, RevertPermissionMixin
from .markup import split_passages, unread_spans
from .models import (
    Alias,
    Classification,
    Collection,
    Credit,
    Discrepancy,
    Document,
    DocumentRelation,
    DocumentType,
    Event,
    GlossaryEntry,
    GlossaryForm,
    GlossarySense,
    HandlingStep,
    InferredDating,
    Note,
    Particular,
    Passage,
    Person,
    Place,
    PublicVersion,
    Repository,
    RepositoryName,
    Role,
    Scan,
    SearchChange,
    Source,
    Subject,
    Text,
    Withdrawal,
    WrittenDate,
)
from .models.texts import free_text_code
from .relations.admin import DocumentRelationAdminMixin, RelationInline
from .sources.admin import (
    SPLIT,
    CreditAdminMixin,
    CreditInline,
    NoteInline,
    PasteSourcesMixin,
    SourceAdminMixin,
    SourceInline,
    split_into_rows,
)


class ArchiveAdmin(RevertPermissionMixin, ConflictGuardMixin, VersionAdmin):
    """Every edit is one transaction, and reindexes each document it touched once, at its end.

    Every save is a revision in the edit history (archive.history): the History
    button lists who changed what and when, and reverts to any earlier state.
    """

    history_latest_first = True

    def changeform_view(self, request, *args, **kwargs):
        with transaction.atomic(using=router.db_for_write(self.model)), deferred():
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with transaction.atomic(using=router.db_for_write(self.model)), deferred():
            return super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        # Actions (publish, delete selected) and list edits run from here.
        with transaction.atomic(using=router.db_for_write(self.model)), deferred():
            return super().changelist_view(request, *args, **kwargs)

    def revision_view(self, request, *args, **kwargs):
        # A revert rewrites many rows: reindex the document once, when it is done, within the
        # revert's transaction (the version that keys caches moves on with the content).
        with transaction.atomic(using=router.db_for_write(self.model)), deferred():
            return super().revision_view(request, *args, **kwargs)

    def recover_view(self, request, *args, **kwargs):
        with transaction.atomic(using=router.db_for_write(self.model)), deferred():
            return super().recover_view(request, *args, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A part edited on its own page (a text's passages, a role) is a change to its document.
        history.record_document(form.instance)
        _report_unread_spans(self, request, [form, *(f for fs in formsets for f in fs.forms)])

    def delete_model(self, request, obj):
        document = None if isinstance(obj, Document) else history.document_of(obj)
        super().delete_model(request, obj)
        if document is not None:
            with history.revision(f"Deleted {obj._meta.verbose_name} “{obj}”.", request.user):
                history.record_document(document)


def _report_unread_spans(model_admin, request, forms):
    """Tell the archivist of braces that look like a typed span but are not one as typed:
    saved as written, verbatim, and shown as text, which may not be what was meant."""
    for form in forms:
        if not getattr(form, "has_changed", lambda: False)() or "content" not in form.changed_data:
            continue
        for typed in unread_spans(form.cleaned_data.get("content") or ""):
            model_admin.message_user(
                request, _not_a_span(typed, str(form.instance)), messages.WARNING
            )


def _not_a_span(typed, where):
    return (
        f"“{typed}” in {where} is not a span as typed (see the help under a passage's "
        "text): it is kept, and shown, as written."
    )


# --- Vocabularies and repositories -------------------------------------------------


@admin.register(DocumentType, Classification, Collection, Place, Subject)
class VocabularyAdmin(ArchiveAdmin):
    list_display = ["name", "name_ru", "slug"]
    search_fields = ["name", "name_ru", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class RepositoryNameInline(admin.TabularInline):
    model = RepositoryName
    extra = 1


@admin.register(Repository)
class RepositoryAdmin(ArchiveAdmin):
    list_display = ["abbreviation", "name_en", "name_ru", "location"]
    search_fields = ["abbreviation", "abbreviation_ru", "name_en", "name_ru", "names__name"]
    list_filter = ["location"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [RepositoryNameInline]


# --- Persons ----------------------------------------------------------------------------


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
    list_display = ["name", "name_ru", "name_native", "life_dates", "wikidata_id"]
    search_fields = ["name", "name_ru", "name_native", "aliases__name", "slug"]
    list_filter = ["aliases__kind"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "sort_name", "name_ru", "name_native"]}),
        ("About", {"fields": ["birth_date", "death_date", "description", "wikidata_id"]}),
    ]


@admin.register(Alias)
class AliasAdmin(ArchiveAdmin):
    list_display = ["name", "kind", "language", "person"]
    list_filter = ["kind", "language"]
    search_fields = ["name", "person__name", "note"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


# --- Documents ----------------------------------------------------------------------


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role", "name_as_written", "note", "position"]


class TextFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # Name new texts before the uniqueness check sees two empty codes.
        forms_kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        taken = {f.cleaned_data["code"] for f in forms_kept if f.cleaned_data.get("code")}
        for form in forms_kept:
            if not form.cleaned_data.get("code") and form.cleaned_data.get("language"):
                code = free_text_code(form.cleaned_data["language"], taken)
                form.cleaned_data["code"] = form.instance.code = code
                taken.add(code)
        super().clean()


class TextInline(admin.TabularInline):
    model = Text
    formset = TextFormSet
    extra = 0
    fields = ["language", "kind", "code", "credit", "position", "passage_count"]
    readonly_fields = ["passage_count"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(passage_total=Count("passages"))

    @admin.display(description="passages")
    def passage_count(self, text):
        return getattr(text, "passage_total", 0)


class ParticularInline(admin.TabularInline):
    model = Particular
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["kind", "value", "value_en", "person", "note", "position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("value", "value_en"):
            field.widget.attrs.update(rows=2, cols=40)
        return field


class ScanInline(admin.TabularInline):
    model = Scan
    extra = 0
    fields = ["position", "label", "image", "source_url", "width", "height"]
    readonly_fields = ["width", "height"]


class DocumentAdminForm(PasteSourcesMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what is shown


@admin.register(Document)
class DocumentAdmin(PublishPermissionMixin, ArchiveAdmin):
    form = DocumentAdminForm
    list_display = ["record_id", "title", "display_date", "document_type", "status", "version"]
    list_display_links = ["record_id", "title"]
    list_filter = ["status", "document_type", "original_language", "collections", "classifications"]
    search_fields = ["title", "=record_id", "summary", "persons__name", "persons__aliases__name"]
    date_hierarchy = "date"
    list_select_related = ["document_type"]
    autocomplete_fields = ["document_type", "classifications", "collections", "places", "subjects"]
    readonly_fields = ["created", "modified", "date_last"]
    actions = ["publish", "unpublish"]
    inlines = [
        RoleInline,
        SourceInline,
        CreditInline,
        TextInline,
        ParticularInline,
        WrittenDateInline,
        InferredDatingInline,
        HandlingStepInline,
        DiscrepancyInline,
        RelationInline,
        ScanInline,
    ]
    fieldsets = [
        (None, {"fields": ["record_id", "title", "document_type", "status"]}),
        (
            "Date",
            {
                # Either way in: an EDTF value, or a first day with its precision. Whichever
                # was edited sets the other (archive.chronology.edtf.apply).
                "description": "Write the date in EDTF, or give its first day and precision: "
                "the other is filled in on saving. A date not on the document itself "
                "(inferred, or an editor's) is shown as “not dated” with the reason.",
                "fields": [
                    "date_edtf",
                    ("date", "date_last"),
                    "date_precision",
                    ("date_approximate", "date_uncertain"),
                    "date_reason",
                    "date_as_written",
                ],
            },
        ),
        (
            "Description",
            {"fields": ["summary", "original_language", "classifications", "archive_stamps"]},
        ),
        (
            "Source and rights",
            {
                "fields": [
                    "source_site",
                    "source_url",
                    "recommended_citation",
                    "paste_sources",
                    "rights_statement",
                    "rights_url",
                ]
            },
        ),
        ("Indexing", {"fields": ["collections", "places", "subjects"]}),
        ("Record", {"fields": ["created", "modified"], "classes": ["collapse"]}),
    ]

    @admin.display(description="date", ordering="date")
    def display_date(self, document):
        return document.display_date

    @admin.display(description="modified", ordering="modified")
    def version(self, document):
        return version_cell(document)  # an action is refused on rows changed since listed

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and SPLIT in request.POST:
            # The pasted citation comes back as rows of sources and credits, not saved.
            request.POST, request.split_result = split_into_rows(request.POST)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        split = getattr(request, "split_result", None)
        if split is not None:  # the form says what the split found
            form = type(form.__name__, (form,), {"split_result": split})
        return form

    @admin.action(description="Publish the selected documents")
    def publish(self, request, queryset):
        self._set_status(request, queryset, Document.Status.PUBLISHED)

    @admin.action(description="Withdraw the selected documents to draft")
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Document.Status.DRAFT)

    @transaction.atomic
    def _set_status(self, request, queryset, status):
        stale = changed_since_listed(request, queryset)
        if stale:
            self.message_user(request, _stale_message(stale), messages.ERROR)
            return
        changed = 0
        for document in queryset.exclude(status=status):
            # save() rather than update(), so that anything listening for changes hears them.
            document.status = status
            document.save(update_fields=["status", "modified"])
            changed += 1
        label = Document.Status(status).label
        if changed and reversion.is_active():
            reversion.set_comment(f"Set to {label} from the list of documents.")
        self.message_user(
            request,
            ngettext(
                "%(count)d document set to %(label)s.",
                "%(count)d documents set to %(label)s.",
                changed,
            )
            % {"count": changed, "label": label},
            messages.SUCCESS,
        )


def _stale_message(stale):
    described = "; ".join(
        f"“{document}”"
        + "".join(
            f", by {revision.user or 'an import'} at {revision.date_created:%H:%M:%S}"
            for revision in revisions[:1]
        )
        for document, revisions in stale
    )
    return (
        f"Nothing was changed: {len(stale)} of the selected documents changed since the list "
        f"was shown ({described}). Look at them, then select again."
    )


# --- Texts and passages ---------------------------------------------------------------


class PassageInline(admin.TabularInline):
    model = Passage
    extra = 0
    fields = ["position", "alignment_key", "kind", "quote_depth", "content", "scan", "region"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "scan":
            # The pages of this text's own document, those with an image to point at.
            text_id = (request.resolver_match.kwargs or {}).get("object_id")
            document = Text.objects.filter(pk=text_id).values_list("document_id", flat=True)
            kwargs["queryset"] = Scan.objects.filter(document__in=document).exclude(image="")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "content":
            field.widget.attrs.update(rows=3, cols=70)
        elif db_field.name in ("position", "alignment_key", "quote_depth"):
            # A class, not a style attribute: the Content-Security-Policy allows no inline styles.
            field.widget.attrs.update({"class": "archive-narrow"})
        return field


class TextAdminForm(forms.ModelForm):
    paste = forms.CharField(
        label="Add passages from text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=(
            "Optional: paste text and each block between blank lines becomes a passage, added "
            "after the existing ones with alignment keys numbered on. Paste the original and "
            "the translation paragraph by paragraph and they line up; adjust the keys below."
        ),
    )

    class Meta:
        model = Text
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what is shown


@admin.register(Text)
class TextAdmin(ArchiveAdmin):
    form = TextAdminForm
    list_display = ["__str__", "document", "language", "kind", "credit"]
    list_filter = ["language", "kind"]
    search_fields = ["document__title", "=document__record_id", "credit"]
    autocomplete_fields = ["document"]
    list_select_related = ["document"]
    inlines = [PassageInline, NoteInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        blocks = split_passages(form.cleaned_data.get("paste", ""))
        if not blocks:
            return
        text = form.instance
        last = text.passages.aggregate(position=Max("position"), key=Max("alignment_key"))
        position, key = last["position"] or 0, last["key"] or 0
        Passage.objects.bulk_create(
            Passage(text=text, position=position + n, alignment_key=key + n, content=block)
            for n, block in enumerate(blocks, start=1)
        )
        self.message_user(request, f"{len(blocks)} passages added.", messages.SUCCESS)
        for typed in (typed for block in blocks for typed in unread_spans(block)):
            self.message_user(request, _not_a_span(typed, "a pasted passage"), messages.WARNING)

    def view_on_site(self, text):
        return text.document.get_absolute_url()


@admin.register(Passage)
class PassageAdmin(ArchiveAdmin):
    list_display = ["__str__", "text", "position", "alignment_key", "kind", "quote_depth"]
    list_filter = ["kind", "quote_depth", "text__language"]
    search_fields = ["content", "=text__document__record_id"]
    autocomplete_fields = ["text"]
    list_select_related = ["text__document"]


# --- Parts of documents, each also listed on its own for searching across documents -------


@admin.register(Role)
class RoleAdmin(ArchiveAdmin):
    list_display = ["person", "role", "name_as_written", "document"]
    list_filter = ["role"]
    search_fields = ["person__name", "name_as_written", "document__title"]
    autocomplete_fields = ["person", "document"]
    list_select_related = ["person", "document"]


@admin.register(Source)
class SourceAdmin(SourceAdminMixin, ArchiveAdmin):
    """Every source of every document, to search across them."""


@admin.register(Credit)
class CreditAdmin(CreditAdminMixin, ArchiveAdmin):
    """Every credit: where the variants of one translator's name are joined into a person."""


@admin.register(Note)
class NoteAdmin(ArchiveAdmin):
    """Every note of every text, to search across them."""

    list_display = ["__str__", "kind", "text"]
    list_filter = ["kind", "text__language"]
    search_fields = ["content", "=text__document__record_id"]
    autocomplete_fields = ["text"]
    list_select_related = ["text__document"]


@admin.register(RepositoryName)
class RepositoryNameAdmin(ArchiveAdmin):
    list_display = ["name", "repository"]
    search_fields = ["name", "repository__abbreviation"]
    autocomplete_fields = ["repository"]
    list_select_related = ["repository"]


@admin.register(Particular)
class ParticularAdmin(ArchiveAdmin):
    list_display = ["kind", "value", "value_en", "document"]
    list_filter = ["kind"]
    search_fields = ["value", "value_en", "document__title"]
    autocomplete_fields = ["person", "document"]
    list_select_related = ["document"]


@admin.register(DocumentRelation)
class DocumentRelationAdmin(DocumentRelationAdminMixin, ArchiveAdmin):
    pass


@admin.register(Discrepancy)
class DiscrepancyAdmin(DiscrepancyAdminMixin, ArchiveAdmin):
    """Notes on two places of a document that disagree; the importer's wait to be confirmed."""


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(GlossaryEntryAdminMixin, ArchiveAdmin):
    """A term with its forms and senses on one page."""


@admin.register(GlossaryForm)
class GlossaryFormAdmin(GlossaryFormAdminMixin, ArchiveAdmin):
    """Every form, to search across entries."""


@admin.register(GlossarySense)
class GlossarySenseAdmin(GlossarySenseAdminMixin, ArchiveAdmin):
    """Every sense, to search across entries."""


@admin.register(Event)
class EventAdmin(EventAdminMixin, ArchiveAdmin):
    """Events and the documents of them, from any archive."""


@admin.register(WrittenDate)
class WrittenDateAdmin(WrittenDateAdminMixin, ArchiveAdmin):
    """Every date as written, to search across documents."""


@admin.register(InferredDating)
class InferredDatingAdmin(InferredDatingAdminMixin, ArchiveAdmin):
    """Every inferred dating, to search across documents."""


@admin.register(HandlingStep)
class HandlingStepAdmin(HandlingStepAdminMixin, ArchiveAdmin):
    """Every handling step, to search across documents."""


@admin.register(Scan)
class ScanAdmin(ArchiveAdmin):
    list_display = ["label", "document", "image"]
    search_fields = ["label", "document__title"]
    autocomplete_fields = ["document"]
    list_select_related = ["document"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the archive keeps for itself: staff may look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SearchChange)
class SearchChangeAdmin(ReadOnlyAdmin):
    """The search index's outbox: documents whose entries every server's index brings up to date."""

    list_display = ["id", "document_id", "created"]
    search_fields = ["=document_id"]


@admin.register(PublicVersion)
class PublicVersionAdmin(ReadOnlyAdmin):
    """The version of what the public sees, moved on by every change: caches go by it."""

    list_display = ["number", "changed_at"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    """Documents withdrawn from the public, which OAI-PMH reports as deleted."""

    list_display = ["record_id", "withdrawn_at", "deleted", "sets"]
    list_filter = ["deleted"]
    search_fields = ["=record_id"]
