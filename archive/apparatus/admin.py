"""The apparatus in the admin.

ArchiveAdmin lives in archive/admin.py, which registers the classes: here are the inline
for the document's page and the mixin for the list of notes, as chronology/admin.py and
relations/admin.py provide theirs.
"""

# --- Discrepancy notes ---------------------------------------------------------------------
#
# An editor writes a note on the document's page; the importer flags what it can see as
# open notes (apparatus/detect.py). An archivist opens the list filtered to open notes,
# checks each against its two places, and confirms or dismisses it: on its own page or many
# at once from the list. Each is saved on its own, so that its document's page is renewed
# (archive.changes) and its edit history records who decided.

from django import forms
from django.contrib import admin, messages
from django.utils.translation import ngettext

from .. import history
from ..models import Passage
from .models import Discrepancy

DISCREPANCY_FIELDS = [
    "first_place", "first_passage", "first_reading",
    "second_place", "second_passage", "second_reading",
    "note", "status", "flagged_by",
]  # fmt: skip


class DiscrepancyForm(forms.ModelForm):
    """Says in words when a place and its passage do not go together."""

    class Meta:
        model = Discrepancy
        fields = ["document", *DISCREPANCY_FIELDS]

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document") or getattr(self.instance, "document", None)
        for side in ("first", "second"):
            place, passage = cleaned.get(f"{side}_place"), cleaned.get(f"{side}_passage")
            if place == Discrepancy.Field.PASSAGE and passage is None:
                self.add_error(f"{side}_passage", "Choose the passage this place is.")
            elif place and place != Discrepancy.Field.PASSAGE and passage is not None:
                self.add_error(
                    f"{side}_passage",
                    "A passage is chosen only when the place is “passage of a text”: "
                    "clear it, or make the place a passage.",
                )
            elif (
                passage is not None
                and document is not None
                and passage.text.document_id != document.pk
            ):
                self.add_error(f"{side}_passage", "This passage is of another document.")
        return cleaned


def _passage_label(passage):
    return f"{passage.anchor} · {passage}"


class DiscrepancyInline(admin.StackedInline):
    """The document's discrepancy notes; a passage is chosen among its own passages."""

    model = Discrepancy
    form = DiscrepancyForm
    extra = 0
    fields = [
        ("first_place", "first_passage", "first_reading"),
        ("second_place", "second_passage", "second_reading"),
        "note",
        ("status", "flagged_by"),
    ]
    verbose_name_plural = "discrepancy notes (public once confirmed, if the document is published)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A new form class each call: its fields are this document's, no one else's.
        passages = (
            Passage.objects.filter(text__document=obj)
            .select_related("text")
            .order_by("text__position", "text__pk", "position")
            if obj is not None and obj.pk
            else Passage.objects.none()
        )
        for name in ("first_passage", "second_passage"):
            field = formset.form.base_fields[name]
            field.queryset = passages
            field.label_from_instance = _passage_label
        return formset

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            field.widget.attrs.update(rows=2, cols=60)
        return field


class DiscrepancyAdminMixin:
    """The list of notes and the two decisions on an open one. Put first among
    DiscrepancyAdmin's bases, before archive.admin's ArchiveAdmin, which runs the list's
    actions in one transaction and follows up the documents they touched once, at its end."""

    form = DiscrepancyForm
    list_display = [
        "document", "first_place", "quoted_first", "second_place", "quoted_second", "status",
        "flagged_by",
    ]  # fmt: skip
    list_display_links = ["document", "first_place"]
    list_filter = ["status", "flagged_by", "first_place", "second_place"]
    search_fields = [
        "document__title", "=document__record_id", "first_reading", "second_reading", "note",
    ]  # fmt: skip
    autocomplete_fields = ["document"]
    raw_id_fields = ["first_passage", "second_passage"]
    list_select_related = ["document"]
    fields = ["document", *DISCREPANCY_FIELDS]
    actions = ["confirm", "dismiss"]

    @admin.display(description="first reading", ordering="first_reading")
    def quoted_first(self, discrepancy):
        return f"“{discrepancy.first_reading}”" if discrepancy.first_reading else ""

    @admin.display(description="second reading", ordering="second_reading")
    def quoted_second(self, discrepancy):
        return f"“{discrepancy.second_reading}”" if discrepancy.second_reading else ""

    @admin.action(
        description="Confirm the selected notes (make them public)", permissions=["change"]
    )
    def confirm(self, request, queryset):
        self._decide(request, queryset, Discrepancy.Status.CONFIRMED)

    @admin.action(description="Dismiss the selected notes", permissions=["change"])
    def dismiss(self, request, queryset):
        self._decide(request, queryset, Discrepancy.Status.DISMISSED)

    def _decide(self, request, selected, status):
        label = Discrepancy.Status(status).label
        comment = f"Discrepancy notes set to {label} from the list."
        rows = selected.exclude(status=status).select_related("document")
        changed = history.decide(rows, status, comment)
        message = ngettext(
            "%(count)d note set to %(label)s.", "%(count)d notes set to %(label)s.", changed
        ) % {"count": changed, "label": label}
        others = selected.count() - changed
        if others:
            message += " " + ngettext(
                "%(count)d selected note was %(label)s already.",
                "%(count)d selected notes were %(label)s already.",
                others,
            ) % {"count": others, "label": label}
        self.message_user(request, message, messages.SUCCESS if changed else messages.WARNING)
