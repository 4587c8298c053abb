"""Driving the Django admin from tests: its addresses, and what its forms post back."""

from django.db.models.fields.files import FieldFile
from django.urls import reverse

from archive.models import Document, Text


def admin_url(model, view, *args):
    return reverse(f"admin:archive_{model._meta.model_name}_{view}", args=args)


def management_data(response, **rows):
    """The management form fields of every inline on an admin page, for rows given per prefix."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(
            len(rows.get(prefix, [])) + formset.initial_form_count()
        )
        data[f"{prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, form in enumerate(formset.initial_forms):
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if isinstance(value, FieldFile):
                    continue  # a stored file is kept unless a new one is uploaded
                if value is not None and not isinstance(value, bool):
                    data[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value)
                elif value is True:
                    data[f"{prefix}-{index}-{name}"] = "on"
        offset = formset.initial_form_count()
        for index, row in enumerate(rows.get(prefix, []), start=offset):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    return data


def form_data(response):
    """What the admin page's main form would post back unchanged, with its inlines."""
    form = response.context["adminform"].form
    data = management_data(response)
    if response.context.get("edit_base"):  # the version the form was opened at
        data["_edit_base"] = response.context["edit_base"]
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    return data


def edit_document(client, document, **changes):
    response = client.get(admin_url(Document, "change", document.pk))
    data = form_data(response)
    data.update(changes)
    response = client.post(admin_url(Document, "change", document.pk), data)
    assert response.status_code == 302, response.context["errors"]


def edit_passage(client, passage, content):
    text = passage.text
    response = client.get(admin_url(Text, "change", text.pk))
    data = management_data(response)
    data["_edit_base"] = response.context["edit_base"]
    index = list(text.passages.values_list("pk", flat=True)).index(passage.pk)
    data[f"passages-{index}-content"] = content
    data.update(
        document=text.document_id, language=text.language, kind=text.kind, position=text.position
    )
    response = client.post(admin_url(Text, "change", text.pk), data)
    assert response.status_code == 302, response.context["errors"]
