"""What an admin change form shows of an object, in a form that compares and travels.

A *state* is {"form": {field: value}, "<inline prefix>": {row pk: {field: value}}}, every
value a string or a list of strings. The state a form was opened at is signed into the
form; the state of the database at saving is read again; what the archivist posted is read
from the validated forms. Comparing the three says who changed what.
"""

import datetime
import unicodedata

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core import signing
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

SALT = "archive.editing.base"
MAIN = "form"
# Fields that place a row, not what it says: its id, its parent, and the formset's switches.
_NOT_CONTENT = {"id", "DELETE", "ORDER"}


def unbound_forms(model_admin, request, obj):
    """The change form and inline formsets of `obj` as the admin would render them now."""
    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(
        request, obj, change=True, fields=flatten_fieldsets(fieldsets)
    )
    formsets, prefixes = [], {}
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
        # The admin's own naming of prefixes (ModelAdmin._create_formsets).
        prefix = formset_class.get_default_prefix()
        prefixes[prefix] = prefixes.get(prefix, 0) + 1
        if prefixes[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{prefixes[prefix]}"
        formsets.append(
            formset_class(instance=obj, prefix=prefix, queryset=inline.get_queryset(request))
        )
    return form_class(instance=obj), formsets


def canonical(value):
    """A form or model value as a comparable string (or sorted list of strings)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return sorted(canonical(item) for item in value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, str):
        # A browser posts line ends as CRLF; the database keeps what the form cleaned.
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
    return str(value)


def _content_fields(form, formset=None):
    skip = set(_NOT_CONTENT)
    if formset is not None and getattr(formset, "fk", None) is not None:
        skip.add(formset.fk.name)
    return [name for name in form.fields if name not in skip]


def opened_state(form, formsets):
    """The state unbound forms show: what the archivist sees on opening the form."""
    state = {MAIN: {name: canonical(form[name].initial) for name in _content_fields(form)}}
    for formset in formsets:
        state[formset.prefix] = {
            str(row.instance.pk): {
                name: canonical(row[name].initial) for name in _content_fields(row, formset)
            }
            for row in formset.initial_forms
        }
    return state


def posted_state(form, formsets):
    """The state validated forms carry: what the archivist asks to save.

    A row they deleted is None; a row they added is keyed "new-<n>".
    """
    state = {MAIN: _posted_fields(form, _content_fields(form))}
    for formset in formsets:
        rows = {}
        for number, row in enumerate(formset.forms):
            if row in formset.initial_forms:
                # A row deleted since has no instance: it is known by the id posted for it.
                key = str(row.instance.pk or row.data.get(row.add_prefix("id")))
            elif row.has_changed():
                key = f"new-{number}"
            else:
                continue
            if _posted(row, "DELETE"):
                rows[key] = None
            else:
                rows[key] = _posted_fields(row, _content_fields(row, formset))
        state[formset.prefix] = rows
    return state


def _posted_fields(form, names):
    return {name: canonical(_posted(form, name)) for name in names}


def _posted(form, name):
    """A field's cleaned value, or as posted where it did not validate."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    if name in cleaned:
        return cleaned[name]
    return form[name].value() if name in form.fields else None


def sign(state, opened_at=None):
    """The token a form carries: the state it was opened at, and when."""
    opened_at = opened_at or timezone.now()
    return signing.dumps({"at": opened_at.isoformat(), "state": state}, salt=SALT, compress=True)


def unsign(token):
    """(state, opened_at) from a form's token, or None for a missing or forged one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return data["state"], datetime.datetime.fromisoformat(data["at"])


# --- Posting a form back ----------------------------------------------------------------


def form_data(form, formsets):
    """What a browser would post for unbound forms left as they are."""
    data = MultiValueDict()
    _put_form(data, form)
    for formset in formsets:
        management = formset.management_form
        for name in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = str(management[name].value())
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(len(formset.initial_forms))
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
        for row in formset.initial_forms:
            _put_form(data, row)
    return data


def _put_form(data, form):
    for bound in form:
        _put(data, bound.html_name, bound.field.widget, bound.value())


def _put(data, name, widget, value):
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if isinstance(widget, forms.FileInput):
        return  # a stored file is kept unless a new one is sent
    if isinstance(widget, forms.CheckboxInput):
        if widget.check_test(value):
            data[name] = "on"
        return
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, (list, tuple)) else widget.decompress(value)
        for suffix, part, item in zip(widget.widgets_names, widget.widgets, values, strict=False):
            _put(data, f"{name}{suffix}", part, item)
        return
    if getattr(widget, "allow_multiple_selected", False):
        data.setlist(name, [str(item) for item in value or []])
        return
    formatted = widget.format_value(value)
    if isinstance(formatted, list):  # a single choice formats as a list of one
        formatted = formatted[0] if formatted else ""
    data[name] = "" if formatted is None else str(formatted)
