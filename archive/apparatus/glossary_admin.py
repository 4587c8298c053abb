"""The glossary in the admin: an entry with its forms and senses on one page.

As archive/chronology/admin.py does, this module gives mixins and inlines; archive/admin.py
puts them together with ArchiveAdmin (every edit one transaction, with its history).
"""

from django.contrib import admin
from django.db.models import Count

from .models import GlossaryForm, GlossarySense

FORMS_HELP = (
    "Every way the documents write the term, one per row, each case and script its own: "
    "ГЕНШТАБА, Генштаба, General Staff. Short forms and those with stops or brackets "
    "(ЦК, ВКП(б), экз.) are found exactly as written; longer words in any case."
)


class GlossaryFormInline(admin.TabularInline):
    """The forms: the text is searched for these, whole words only."""

    model = GlossaryForm
    extra = 1
    fields = ["form", "language"]
    verbose_name = "form as written"
    verbose_name_plural = "forms as written"


class GlossarySenseInline(admin.StackedInline):
    """The meanings: one row each, the first the usual one (CC: Central Committee)."""

    model = GlossarySense
    extra = 0
    fields = ["label", "label_ru", "definition_en", "definition_ru", "position"]
    verbose_name = "sense"
    verbose_name_plural = (
        "senses (one per meaning: CC is the Central Committee, or the Chinese Communists)"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("definition_en", "definition_ru"):
            field.widget.attrs.update(rows=3)
        return field


class GlossaryEntryAdminMixin:
    list_display = ["headword", "slug", "collection", "form_count", "sense_count"]
    list_filter = ["collection"]
    search_fields = ["headword", "slug", "forms__form", "senses__label", "senses__label_ru"]
    prepopulated_fields = {"slug": ["headword"]}
    autocomplete_fields = ["collection"]
    inlines = [GlossaryFormInline, GlossarySenseInline]
    fieldsets = [
        (None, {"fields": ["headword", "slug", "collection", "note"], "description": FORMS_HELP})
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("collection")
            .annotate(
                form_count=Count("forms", distinct=True), sense_count=Count("senses", distinct=True)
            )
        )

    @admin.display(description="forms", ordering="form_count")
    def form_count(self, entry):
        return entry.form_count

    @admin.display(description="senses", ordering="sense_count")
    def sense_count(self, entry):
        return entry.sense_count


# --- Each also listed on its own, to search across entries -------------------------------


class GlossaryFormAdminMixin:
    list_display = ["form", "language", "entry"]
    list_filter = ["language"]
    search_fields = ["form", "entry__headword"]
    autocomplete_fields = ["entry"]
    list_select_related = ["entry"]


class GlossarySenseAdminMixin:
    list_display = ["label", "label_ru", "entry", "position"]
    search_fields = ["label", "label_ru", "definition_en", "definition_ru", "entry__headword"]
    autocomplete_fields = ["entry"]
    list_select_related = ["entry"]
