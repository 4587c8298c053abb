"""DocumentAdmin's editorial rules: what needs the publish permission, and the history of it.

Without the permission (an archivist): the status field is read-only (so a new document
is a draft), the publish and unpublish actions are not offered, a published document
cannot be deleted (alone or among selected ones), and a revision that would change the
status cannot be reverted to or recovered. Each is refused on the server, whatever a
crafted request sends: a field that is read-only is not in the form at all, an action
not offered is not a valid choice, and the other checks raise PermissionDenied.

With it, publishing and withdrawing leave a revision in the edit history that names
who did it, when, and "Published." or "Withdrawn to draft.".
"""

import contextlib
import functools

import reversion
from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from reversion.models import Version

from ..models import Document
from .permissions import can_publish

Status = Document.Status
STATUS_COMMENTS = {Status.PUBLISHED: "Published.", Status.DRAFT: "Withdrawn to draft."}
# DocumentAdmin's actions, and the status each sets.
STATUS_ACTIONS = {"publish": Status.PUBLISHED, "unpublish": Status.DRAFT}
# The conflicts its imports found (archive.merging).
KEPT_WITH_THE_DOCUMENT = ["archive.ImportConflict"]
REFUSED = "Only a curator may publish a document, withdraw it or delete it once published."


def _commented(action, status):
    """The action, leaving the status it set as its revision's comment."""

    @functools.wraps(action)
    def commented(modeladmin, request, queryset):
        if not can_publish(request.user):  # never offered to them; refused all the same
            raise PermissionDenied(REFUSED)
        response = action(modeladmin, request, queryset)
        if reversion.is_active():
            reversion.set_comment(STATUS_COMMENTS[status])
        return response

    return commented


class RevertPermissionMixin:
    """For every admin: reverting to a revision, or recovering one, is writing every document
    the revision holds (a text's revision holds its document, status and all). Refused when
    it would change a document's status for someone who may not publish; and refused when
    the revision holds several documents (a list action's), which it would all take back."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
            _check_revert(request, version.revision)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if request.method == "POST":
            _check_revert(request, get_object_or_404(Version, pk=version_id).revision)
        return super().recover_view(request, version_id, extra_context)


def _check_revert(request, revision):
    documents = [
        version
        for version in revision.version_set.select_related("content_type")
        if version.content_type.model_class() is Document
    ]
    if len(documents) > 1:
        raise PermissionDenied(
            f"This revision holds {len(documents)} documents, changed at once (from the list "
            "of documents): going back to it would take them all back. Revert each "
            "document's own revision instead."
        )
    for version in documents:
        stored = (
            Document.objects.filter(pk=version.object_id).values_list("status", flat=True).first()
        )
        changes_status = version.field_dict.get("status") != (stored or Status.DRAFT)
        if changes_status and not can_publish(request.user):
            raise PermissionDenied(REFUSED)


class PublishPermissionMixin:
    """Put first among DocumentAdmin's bases: `class DocumentAdmin(PublishPermissionMixin,
    ArchiveAdmin)`."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user) and "status" not in fields:
            fields.append("status")
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        allowed = can_publish(request.user)
        for name, status in STATUS_ACTIONS.items():
            if name not in actions:
                continue
            if allowed:
                func, action_name, description = actions[name]
                actions[name] = (_commented(func, status), action_name, description)
            else:
                del actions[name]
        return actions

    def has_delete_permission(self, request, obj=None):
        # Also asked per document by "Delete selected", which then refuses the whole lot.
        if obj is not None and obj.status == Status.PUBLISHED and not can_publish(request.user):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Records the archive keeps about a document go with it: nobody may delete them by
        # hand, and that alone must not stop the document being deleted.
        for label in KEPT_WITH_THE_DOCUMENT:
            with contextlib.suppress(LookupError):  # a model that is not (yet) there
                perms_needed.discard(apps.get_model(label)._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        stored = self._stored_status(obj.pk) if change else None
        if obj.status != (stored or Status.DRAFT):
            self._check_status_change(request)
            obj._status_comment = STATUS_COMMENTS[obj.status]
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment_on_status(obj, entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment_on_status(obj, entry)
        return entry

    def _stored_status(self, pk):
        return self.model.objects.filter(pk=pk).values_list("status", flat=True).first()

    def _check_status_change(self, request):
        if not can_publish(request.user):
            raise PermissionDenied(REFUSED)

    def _comment_on_status(self, obj, entry):
        # After VersionAdmin has made the change message the revision's comment.
        comment = obj.__dict__.pop("_status_comment", None)
        if comment and reversion.is_active():
            reversion.set_comment(f"{comment} {entry.get_change_message()}")
