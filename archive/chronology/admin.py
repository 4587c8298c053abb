"""Events, and a document's dates and times, in the admin.

The inlines go on the document's page; the event's page is EventAdminMixin on the
archive's ArchiveAdmin. Both are put together in archive/admin.py, as sources' and
credits' are: ArchiveAdmin lives there, and this module is imported from it.
"""

from django.contrib import admin
from django.db.models import Count, Q

from ..querysets import PUBLISHED
from .models import HandlingStep, InferredDating, WrittenDate

EVENT_DATES_HELP = (
    "The event's dates in EDTF: 1951-06-30/1951-07-10 (from the first day to the last); "
    "1951-06-30 (one day); 1951-06 (a month); 1951-06~ (about June 1951); "
    "1951-06-30/.. (from 30 June 1951, end unknown). Empty if not dated. "
    "The “not before” and “not after” days are read from it when saved."
)


class WrittenDateInline(admin.TabularInline):
    """The date as the document writes it, in each language: "30.6", "June 30, 1951"."""

    model = WrittenDate
    extra = 0
    fields = ["language", "text", "position"]


class InferredDatingInline(admin.TabularInline):
    """Datings made of the document, each with its reason and who made it."""

    model = InferredDating
    extra = 0
    fields = ["date_edtf", "reason", "made_by", "note", "position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            field.widget.attrs.update(rows=2, cols=40)
        return field


class HandlingStepInline(admin.TabularInline):
    """Sent, received, deciphered, typed, registered: the clock reading as written, and
    the local date, time and zone it means; the instant in UTC is computed from them."""

    model = HandlingStep
    extra = 0
    fields = [
        "kind", "as_written", "place", "local_date", "local_time", "zone", "in_utc", "note",
        "position",
    ]  # fmt: skip
    readonly_fields = ["in_utc"]
    autocomplete_fields = ["place"]

    @admin.display(description="in UTC")
    def in_utc(self, step):
        return in_utc(step)


def in_utc(step):
    # Said in so many words: the admin would show the stored instant in the server's zone,
    # and an archivist checks a reading against its UTC equivalent.
    return f"{step.instant:%Y-%m-%d %H:%M} UTC" if step.instant else "—"


# --- Each also listed on its own, to search across documents ----------------------------


class WrittenDateAdminMixin:
    list_display = ["text", "language", "document"]
    list_filter = ["language"]
    search_fields = ["text", "document__title", "=document__record_id"]
    autocomplete_fields = ["document"]
    list_select_related = ["document"]


class InferredDatingAdminMixin:
    list_display = ["date_edtf", "reason", "made_by", "document"]
    list_filter = ["reason"]
    search_fields = ["date_edtf", "made_by", "note", "document__title", "=document__record_id"]
    autocomplete_fields = ["document"]
    list_select_related = ["document"]


class HandlingStepAdminMixin:
    list_display = [
        "kind", "as_written", "place", "local_date", "local_time", "zone", "in_utc", "document",
    ]  # fmt: skip
    list_filter = ["kind", "zone"]
    search_fields = ["as_written", "note", "document__title", "=document__record_id"]
    autocomplete_fields = ["document", "place"]
    list_select_related = ["document", "place"]
    fields = ["document", *HandlingStepInline.fields]
    readonly_fields = ["in_utc"]

    @admin.display(description="in UTC", ordering="instant")
    def in_utc(self, step):
        return in_utc(step)


class EventAdminMixin:
    """An event: its name, dates, places and description, and the documents of it from
    any archive. Documents are found by title or record id as they are typed."""

    list_display = ["name", "first", "last", "published_documents", "all_documents"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["places", "documents"]
    fields = ["name", "slug", "date_edtf", ("first", "last"), "places", "description", "documents"]
    readonly_fields = ["first", "last"]
    ordering = ["first", "name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                document_total=Count("documents", distinct=True),
                published_total=Count(
                    "documents", filter=Q(documents__status=PUBLISHED), distinct=True
                ),
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "date_edtf":
            field.help_text = EVENT_DATES_HELP
        return field

    @admin.display(description="published documents", ordering="published_total")
    def published_documents(self, event):
        return event.published_total

    @admin.display(description="all documents", ordering="document_total")
    def all_documents(self, event):
        return event.document_total
