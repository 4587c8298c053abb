"""Accepting an import conflict (the file's value written) or dismissing it (the archive's kept)."""

from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from .. import history
from ..editorial.permissions import can_publish
from ..exchange import ExchangeError, export_document, import_document
from ..models import Document
from .merge import person_key
from .models import ImportConflict


class Unresolvable(Exception):
    """A conflict that cannot be resolved as asked; the message says why."""


def accept(conflict, user):
    """Write the file's value into the document where the archive's value is, as a revision
    "Import conflict accepted by …" in its edit history.

    Refused when the document no longer holds the archive's value there: someone changed
    it since the import, and writing the file's over it would lose that later work.
    """
    _may_write(conflict, user)
    with transaction.atomic():
        conflict = _open(conflict)
        # Read under the row's lock, as an admin save takes it: no save slips in between.
        list(Document.objects.select_for_update().filter(pk=conflict.document_id).values("pk"))
        obj = export_document(Document.objects.for_exchange().get(pk=conflict.document_id))
        _place(obj, conflict)
        comment = (
            f"Import conflict accepted by {user.get_username()}: {conflict.what} "
            f"as in {PurePath(conflict.file).name}."
        )
        try:
            # The import's own revision, made within this one: the revision names the user.
            with history.revision(comment, user=user, manual=True):
                import_document(obj, comment=comment)
        except ExchangeError as error:
            raise Unresolvable(f"the file's value cannot be written: {error}") from None
        _resolve(conflict, ImportConflict.Status.ACCEPTED, user)
    return conflict


def dismiss(conflict, user):
    """Keep the archive's value for good: the conflict is closed, the document untouched."""
    with transaction.atomic():
        conflict = _open(conflict)
        _resolve(conflict, ImportConflict.Status.DISMISSED, user)
    return conflict


def _may_write(conflict, user):
    """Accepting writes into the document: the user's rights over documents hold, as in the
    document's own form (its status is publishing)."""
    if not user.has_perm("archive.change_document"):
        raise Unresolvable("accepting writes into the document, which you may not change")
    if conflict.location.get("field") in ("status", "published_at") and not can_publish(user):
        raise Unresolvable("it sets the document's status, which only a curator may")


def _open(conflict):
    # Locked, and read again: two curators resolving one conflict resolve it once.
    conflict = ImportConflict.objects.select_for_update().get(pk=conflict.pk)
    if conflict.status != ImportConflict.Status.OPEN:
        raise Unresolvable(f"it is already {conflict.get_status_display()}")
    return conflict


def _resolve(conflict, status, user):
    conflict.status, conflict.resolved_by, conflict.resolved_at = status, user, timezone.now()
    conflict.save(update_fields=["status", "resolved_by", "resolved_at"])


def _place(obj, conflict):
    """Put the file's value into the document's exchange object where the archive's is."""
    where, old, new = conflict.location, conflict.archive_value, conflict.file_value
    part = where.get("part")
    if part is None or (part == "texts" and "field" in where):
        if part == "texts":  # a text's language, kind, credit or label
            holder, key = _text(obj, where["key"]), where["field"]
        elif "key" in where:  # a key of a field: the date's value, the citation's URL
            holder, key = obj.setdefault(where["field"], {}), where["key"]
        else:
            holder, key = obj, where["field"]
        _check(holder.get(key) == old, conflict)
        holder[key] = new
    elif part in ("sources", "credits", "particulars"):
        _splice(obj.setdefault(part, []), where, old, new, conflict)
    elif part in ("passages", "notes"):
        _splice(_text(obj, where["text"]).setdefault(part, []), where, old, new, conflict)
    elif part == "roles":
        key = where["key"]
        _swap(obj["roles"], lambda r: [r.get("person"), r.get("role")] == key, old, new, conflict)
    elif part == "texts":
        _swap(obj["texts"], lambda t: t.get("code") == where["key"], old, new, conflict)
    else:
        raise Unresolvable(f"the archive does not know where “{conflict.what}” goes")
    known = {person_key(p) for p in obj["persons"]}
    obj["persons"] += [p for p in where.get("persons", []) if person_key(p) not in known]


def _check(holds, conflict):
    if not holds:
        raise Unresolvable(
            f"the document's {conflict.what} has changed since the import; compare the file's "
            "value with it by hand, or dismiss the conflict"
        )


def _text(obj, code):
    for text in obj["texts"]:
        if text["code"] == code:
            return text
    raise Unresolvable(f"the document no longer has the text “{code}”")


def _splice(items, where, old, new, conflict):
    """Replace the archive's items with the file's: where the conflict found them, or (when
    an earlier conflict accepted has moved them) where they are now, nearest to it."""
    start = where["start"]
    if old:
        found = [i for i in range(len(items) - len(old) + 1) if items[i : i + len(old)] == old]
        _check(found, conflict)
        start = min(found, key=lambda i: abs(i - start))
    else:
        start = min(start, len(items))
    items[start : start + len(old)] = new


def _swap(items, matches, old, new, conflict):
    """Replace, add or remove the item a key names."""
    index = next((i for i, item in enumerate(items) if matches(item)), None)
    _check((items[index] if index is not None else None) == old, conflict)
    if index is None:
        items.append(new)
    elif new is None:
        del items[index]
    else:
        items[index] = new
