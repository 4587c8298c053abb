"""Relations in the admin: entered with a document, and the importer's suggestions judged.

The importer suggests the links it reads ("your telegram No. 3261"); an archivist
opens the list of relations filtered to suggestions, checks each against its evidence,
and confirms or rejects it, on its own page or many at once from the list. Each is
saved on its own, so that the pages of both its documents are renewed (archive.changes)
and its document's edit history records who decided.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import ngettext

from .. import history
from ..models import DocumentRelation
from .kinds import Status

FIELDS = ["kind", "target", "evidence", "certainty", "asserted_by", "status", "note"]


class RelationForm(forms.ModelForm):
    """Says in words what the table's constraints would refuse with their names."""

    class Meta:
        model = DocumentRelation
        fields = ["source", *FIELDS]

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        source = cleaned.get("source") or getattr(self.instance, "source", None)
        if cleaned.get("status") == Status.CONFIRMED and target is None:
            self.add_error(
                "target",
                "A confirmed relation needs its document: choose it, or leave the relation "
                "suggested until it is known.",
            )
        elif target is not None and source is not None and target.pk == source.pk:
            self.add_error("target", "A document cannot be related to itself.")
        return cleaned


class RelationInline(admin.TabularInline):
    """The document's links to others (what it replies to, forwards, encloses…); links
    from others to it are entered on their pages and shown on both."""

    model = DocumentRelation
    form = RelationForm
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    fields = FIELDS
    verbose_name_plural = "related documents (public once confirmed, if both are published)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "evidence":
            field.widget.attrs.update(rows=2, cols=30)
        return field


class DocumentRelationAdminMixin:
    """The list of relations and the two decisions on a suggestion. Put first among
    DocumentRelationAdmin's bases, before the archive's admin base (archive.admin's
    ArchiveAdmin), which runs the list's actions in one transaction and follows up the
    documents they touched once, at its end."""

    form = RelationForm
    list_display = ["source", "kind", "target", "status", "certainty", "quoted_evidence"]
    list_display_links = ["source", "kind"]
    list_filter = ["status", "kind", "certainty", "asserted_by"]
    search_fields = ["source__title", "target__title", "evidence", "note", "=source__record_id"]
    autocomplete_fields = ["source", "target"]
    list_select_related = ["source", "target"]
    fields = ["source", *FIELDS]
    actions = ["confirm", "reject"]

    @admin.display(description="evidence", ordering="evidence")
    def quoted_evidence(self, relation):
        return f"“{relation.evidence}”" if relation.evidence else ""

    @admin.action(description="Confirm the selected suggestions", permissions=["change"])
    def confirm(self, request, queryset):
        suggestions = queryset.filter(status=Status.SUGGESTED).select_related("source")
        # A confirmed relation leads somewhere: a suggestion whose document is not known
        # is completed on its own page first, never confirmed half-made.
        unfinished = [relation for relation in suggestions if relation.target_id is None]
        if unfinished:
            self.message_user(
                request,
                ngettext(
                    "Nothing was confirmed: %(count)d of the selected suggestions names no "
                    "document (%(which)s). Open it, choose its document, then confirm it.",
                    "Nothing was confirmed: %(count)d of the selected suggestions name no "
                    "document (%(which)s). Open each, choose its document, then confirm it.",
                    len(unfinished),
                )
                % {
                    "count": len(unfinished),
                    "which": "; ".join(f"{r.source}: “{r.evidence}”" for r in unfinished),
                },
                messages.ERROR,
            )
            return
        self._decide(request, queryset, suggestions, Status.CONFIRMED)

    @admin.action(description="Reject the selected suggestions", permissions=["change"])
    def reject(self, request, queryset):
        suggestions = queryset.filter(status=Status.SUGGESTED).select_related("source")
        self._decide(request, queryset, suggestions, Status.REJECTED)

    def _decide(self, request, selected, suggestions, status):
        label = Status(status).label
        comment = f"Suggested relations set to {label} from the list."
        changed = history.decide(suggestions, status, comment)
        message = ngettext(
            "%(count)d suggestion set to %(label)s.",
            "%(count)d suggestions set to %(label)s.",
            changed,
        ) % {"count": changed, "label": label}
        others = selected.count() - changed
        if others:
            # Confirmed or rejected already: a decision is changed on the relation's page.
            message += " " + ngettext(
                "%(count)d selected relation was not a suggestion and is as it was.",
                "%(count)d selected relations were not suggestions and are as they were.",
                others,
            ) % {"count": others}
        self.message_user(request, message, messages.SUCCESS if changed else messages.WARNING)
