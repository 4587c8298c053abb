"""Import conflicts in the admin: read each, then accept the file's value or dismiss it.

Registered from ArchiveConfig.ready(). Looking at conflicts needs
archive.view_importconflict; accepting and dismissing, archive.change_importconflict
(curators have both). Nothing on a conflict is edited by hand, and none is deleted but
with its document: a resolved conflict says who resolved it and when.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.html import format_html

from ..models import Document
from . import resolve
from .merge import describe
from .models import ImportConflict


class StatusFilter(admin.SimpleListFilter):
    """Open conflicts unless another status is asked for: those are the ones to work on."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ImportConflict.Status.choices, ("all", "all")]

    def value(self):
        return super().value() or ImportConflict.Status.OPEN

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else queryset.filter(status=self.value())


class RecordFilter(admin.SimpleListFilter):
    """The records that have conflicts, by record id and title."""

    title = "record"
    parameter_name = "record_id"

    def lookups(self, request, model_admin):
        records = (
            ImportConflict.objects.order_by("record_id")
            .values_list("record_id", "document__title")
            .distinct()
        )
        return [(str(record_id), f"{record_id} {title[:50]}") for record_id, title in records]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(record_id=value) if value and value.isdigit() else queryset


@admin.register(ImportConflict)
class ImportConflictAdmin(admin.ModelAdmin):
    list_display = ["what", "record", "archive_has", "file_has", "status", "created", "resolved"]
    list_filter = [StatusFilter, RecordFilter]
    search_fields = ["=record_id", "what", "file"]
    list_select_related = ["document", "resolved_by"]
    fields = [
        "record", "file", "what", "base_shown", "archive_shown", "file_shown", "status",
        "created", "resolved_by", "resolved_at",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["accept_conflicts", "dismiss_conflicts"]

    def has_add_permission(self, request):
        return False  # conflicts are found by imports

    def has_delete_permission(self, request, obj=None):
        # Never one by one (resolved, not forgotten); but with their document, by whoever may
        # delete it: the admin asks this of each conflict the document's deletion takes along.
        if obj is None:
            return False
        documents = self.admin_site._registry.get(Document)
        return documents is not None and documents.has_delete_permission(request, obj.document)

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    @admin.display(description="record", ordering="record_id")
    def record(self, conflict):
        url = reverse("admin:archive_document_change", args=[conflict.document_id])
        return format_html('<a href="{}">{} {}</a>', url, conflict.record_id, conflict.document)

    @admin.display(description="the archive has (kept)")
    def archive_has(self, conflict):
        return describe(conflict.archive_value, 80, conflict.file_value)

    @admin.display(description="the file has")
    def file_has(self, conflict):
        return describe(conflict.file_value, 80, conflict.archive_value)

    @admin.display(description="resolved")
    def resolved(self, conflict):
        if conflict.resolved_at is None:
            return ""
        return f"{conflict.resolved_by or '?'}, {conflict.resolved_at:%Y-%m-%d %H:%M}"

    @admin.display(description="as last imported")
    def base_shown(self, conflict):
        return linebreaksbr(describe(conflict.base_value, against=conflict.file_value))

    @admin.display(description="in the archive (kept)")
    def archive_shown(self, conflict):
        return linebreaksbr(describe(conflict.archive_value, against=conflict.file_value))

    @admin.display(description="in the file")
    def file_shown(self, conflict):
        return linebreaksbr(describe(conflict.file_value, against=conflict.archive_value))

    # --- Resolving -----------------------------------------------------------------------------

    @admin.action(description="Accept the file's values", permissions=["change"])
    def accept_conflicts(self, request, queryset):
        self._resolve(request, queryset, resolve.accept, "accepted")

    @admin.action(description="Dismiss: keep the archive's values", permissions=["change"])
    def dismiss_conflicts(self, request, queryset):
        self._resolve(request, queryset, resolve.dismiss, "dismissed")

    def _resolve(self, request, conflicts, how, done):
        count = 0
        for conflict in conflicts:
            try:
                how(conflict, request.user)
            except resolve.Unresolvable as error:
                message = f"Record {conflict.record_id}, {conflict.what}: {error}."
                self.message_user(request, message, messages.ERROR)
            else:
                count += 1
        if count:
            noun = "conflict" if count == 1 else "conflicts"
            self.message_user(request, f"{count} {noun} {done}.", messages.SUCCESS)

    def get_urls(self):
        view = self.admin_site.admin_view(self.resolve_view)
        return [
            *(
                path(
                    f"<path:object_id>/{how}/",
                    view,
                    {"how": how},
                    name=f"archive_importconflict_{how}",
                )
                for how in ("accept", "dismiss")
            ),
            *super().get_urls(),
        ]

    def resolve_view(self, request, object_id, how):
        """The buttons of a conflict's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        conflict = self.get_object(request, object_id)
        if conflict is None:
            raise Http404
        if not self.has_change_permission(request, conflict):
            raise PermissionDenied
        if how == "accept":
            self._resolve(request, [conflict], resolve.accept, "accepted")
        else:
            self._resolve(request, [conflict], resolve.dismiss, "dismissed")
        return HttpResponseRedirect(reverse("admin:archive_importconflict_changelist"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        conflict = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "resolvable": conflict is not None
            and conflict.status == ImportConflict.Status.OPEN
            and self.has_change_permission(request, conflict),
        }
        return super().change_view(request, object_id, form_url, extra_context)
