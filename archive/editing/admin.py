"""The admin's side of edit conflicts: a mixin for every change form, and the list's actions.

The form is opened → `render_change_form` signs the state it shows into the page.
The form is saved → `save_form` (after validation, before any write) reads the stored
state again, under a lock on the object's row; `save_related` compares it with the
opened state and raises EditConflict if they differ. The exception rolls the whole save
back (the change form runs in one transaction) and the archivist gets the conflict page.
"""

import datetime

from django.contrib.admin.utils import quote, unquote
from django.db import router, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.models import Version

from .. import history
from ..models import Alias, RepositoryName
from .conflicts import EditConflict, compare, reapplied
from .state import MAIN, form_data, opened_state, posted_state, sign, unbound_forms, unsign

BASE_FIELD = "_edit_base"


class ConflictGuardMixin:
    """Refuse a save made on top of a newer version of the object; say what changed."""

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = kwargs.get("obj")
        if change and obj is not None and obj.pk is not None:
            posted = request.POST.get(BASE_FIELD) if request.method == "POST" else None
            if posted and not _reverting(request):
                # The form did not validate, perhaps because of the change since (a row it
                # edits was deleted): that change is said first.
                self._refuse_if_changed(request, obj, context, posted)
            # A form shown again with errors keeps the version it was first opened at; a
            # revision shown to revert to, the version it would replace.
            opening = getattr(request, "_edit_opening", None)
            # Made of the very forms shown, not read again: a save in between would be in
            # a second read and not on the page, and then overwritten unseen.
            rendered = [inline.formset for inline in context["inline_admin_formsets"]]
            shown = sign(opened_state(context["adminform"].form, rendered))
            context["edit_base"] = posted or opening or shown
        return super().render_change_form(request, context, add, change, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Caught out here, around the edit history's revision as well as the save's
        # transaction: the refused save leaves neither rows nor a revision.
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            return self.conflict_response(request, conflict, form_url)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Reverting is a save: refused if the object changed since the revision was shown.

        The revision is written into the database before the form is shown or saved, so the
        version it replaces is read first, here.
        """
        obj = self.get_object(request, unquote(object_id))
        token = request.POST.get(BASE_FIELD) if request.method == "POST" else None
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                if obj is not None and token:
                    stored = self._stored(request, obj)
                    opened = unsign(token)
                    if opened is None or opened[0] != stored[1]:
                        base, opened_at = opened or (stored[1], None)
                        raise EditConflict(stored[0], base, opened_at, base, *stored[1:])
                elif obj is not None:
                    request._edit_opening = self._opening_token(request, obj)
                request._edit_reverting = True
                return super().revision_view(request, object_id, version_id, extra_context)
        except EditConflict as conflict:
            return self.conflict_response(request, conflict, request.path, repost=True)

    def _refuse_if_changed(self, request, obj, context, token):
        formsets = [inline.formset for inline in context["inline_admin_formsets"]]
        _refuse_if_changed(self._stored(request, obj), token, context["adminform"].form, formsets)

    def _opening_token(self, request, obj):
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        return sign(opened_state(*unbound_forms(self, request, fresh)))

    def save_form(self, request, form, change):
        if change and request.POST.get(BASE_FIELD) and not _reverting(request):
            request._edit_stored = self._stored(request, form.instance)
        return super().save_form(request, form, change)

    def _stored(self, request, obj):
        """The object's state in the database now, read under a lock on its row (and on the
        row of whatever form also edits it as one of its rows: its document, an alias's
        person, a name's repository), so that a save on another server waits for this one."""
        for locked in (history.document_of(obj), _holder(obj), obj):
            if locked is not None and locked.pk is not None:
                manager = type(locked)._default_manager
                list(manager.select_for_update().filter(pk=locked.pk).values_list("pk"))
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        forms = unbound_forms(self, request, fresh)
        return fresh, opened_state(*forms), form_data(*forms)

    def save_related(self, request, form, formsets, change):
        stored = getattr(request, "_edit_stored", None)
        if stored is not None:  # read before the first write of this save
            _refuse_if_changed(stored, request.POST[BASE_FIELD], form, formsets)
        super().save_related(request, form, formsets, change)

    def conflict_response(self, request, conflict, form_url="", repost=False):
        """The conflict page: what changed since, side by side, and the way to save again.

        `repost`: saving again sends the same form (a revert), on the version stored now.
        """
        changes, rows = compare(conflict.base, conflict.yours, conflict.now)
        if repost:
            data, lost = request.POST.copy(), []
            data.pop("csrfmiddlewaretoken", None)
        else:
            data, lost = reapplied(request.POST, conflict, changes, rows)
        data.setlist(BASE_FIELD, [sign(conflict.now)])
        data.setlist("_continue", ["1"])
        for key in ("_save", "_addanother", "_saveasnew"):
            data.pop(key, None)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"Not saved: “{conflict.obj}” was changed since you opened it",
            "opts": opts,
            "object": conflict.obj,
            "opened_at": conflict.opened_at,
            "revisions": _revisions_since(conflict.obj, conflict.opened_at),
            "fields": [_shown(self, c) for c in changes],
            "rows": rows,
            "lost": lost,
            # Files travel with the form they were chosen in, never in a page sent back.
            "uploads": sorted(request.FILES),
            "data": [(key, value) for key in data for value in data.getlist(key)],
            "action": form_url or request.get_full_path(),
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[quote(conflict.obj.pk)],
            ),
        }
        return TemplateResponse(request, "admin/archive/edit_conflict.html", context, status=409)


def _holder(obj):
    """The person of an alias, the repository of one of its names: their own forms hold
    these as rows (a document's parts are held by history.document_of)."""
    if isinstance(obj, Alias):
        return obj.person
    if isinstance(obj, RepositoryName):
        return obj.repository
    return None


def _reverting(request):
    return getattr(request, "_edit_reverting", False)


def _refuse_if_changed(stored, token, form, formsets):
    """Raise EditConflict if the stored state is not the one the form was opened at (a
    token that does not verify counts as opened at no known version)."""
    fresh, now, now_data = stored
    opened = unsign(token)
    if opened is None or opened[0] != now:
        base, opened_at = opened or (now, None)
        yours = posted_state(form, formsets)
        raise EditConflict(fresh, base, opened_at, yours, now, now_data)


def _revisions_since(obj, opened_at):
    """Who changed the object (or its document) and when, since the form was opened."""
    objects = [o for o in (obj, history.document_of(obj)) if o is not None]
    versions = Version.objects.none()
    for each in dict.fromkeys(objects):
        versions |= Version.objects.get_for_object(each)
    if opened_at is not None:
        versions = versions.filter(revision__date_created__gt=opened_at)
    seen, found = set(), []
    for version in versions.select_related("revision__user").order_by("-revision__date_created"):
        if version.revision_id not in seen:
            seen.add(version.revision_id)
            found.append(version.revision)
    return found


def _shown(model_admin, change):
    label = change.name
    if change.section != MAIN:
        label = f"{change.section}, row {change.row}: {change.name}"
    return {"label": label, "kind": change.kind, "base": change.base, "yours": change.yours,
            "now": change.now}  # fmt: skip


# --- The list's actions -----------------------------------------------------------------

VERSION_FIELD = "_opened_version"


def version_cell(document):
    """The list's "modified" cell, carrying the version of the row the archivist saw."""
    return format_html(
        '{}<input type="hidden" name="{}" value="{}:{}">',
        timezone.localtime(document.modified).strftime("%Y-%m-%d %H:%M"),
        VERSION_FIELD,
        document.pk,
        document.modified.isoformat(),
    )


def changed_since_listed(request, queryset):
    """The selected documents changed since the list was shown, [(document, revisions)].

    A list posted without versions (a script, an older page) is not checked.
    """
    seen = {}
    for value in request.POST.getlist(VERSION_FIELD):
        pk, _sep, modified = value.partition(":")
        seen[pk] = modified
    if not seen:
        return []
    # Read under a lock (actions run in a transaction), so that no save slips in between
    # the check and the action.
    rows = queryset.select_for_update()
    return [
        (document, _revisions_since(document, datetime.datetime.fromisoformat(seen[pk])))
        for document in rows
        if (pk := str(document.pk)) in seen and seen[pk] != document.modified.isoformat()
    ]
