"""Why a document carries the date it does: a closed list, as the issue of dating demands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DateReason(models.TextChoices):
    DATELINE = "dateline", _("dateline")
    REGISTRATION_STAMP = "registration_stamp", _("registration stamp")
    RECEIVED_TIME = "received_time", _("received time")
    INFERRED_CONTENT = "inferred_content", _("inferred from content")
    INFERRED_RELATED = "inferred_related", _("inferred from related documents")
    EDITOR = "editor", _("editor's dating")


# A date with one of these reasons is not on the document: its pages say "not dated".
INFERRED = frozenset({DateReason.INFERRED_CONTENT, DateReason.INFERRED_RELATED, DateReason.EDITOR})

# How a page names the source of a date read from the document but not its dateline.
FROM_SOURCE = {
    # Translators: "30 June 1951 (from the registration stamp)".
    DateReason.REGISTRATION_STAMP: _("from the registration stamp"),
    # Translators: "30 June 1951 (from the time received)".
    DateReason.RECEIVED_TIME: _("from the time received"),
}
