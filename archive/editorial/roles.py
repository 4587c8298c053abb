"""The editorial roles, as groups with permissions.

An **Archivist** adds and edits documents with all their parts, persons, repositories
and vocabularies; works on drafts; cannot publish, withdraw or delete a published
document (archive.editorial.admin enforces the last three per document).
A **Curator** does all of that, and publishes, withdraws and deletes, and resolves
import conflicts. An **Administrator** manages users, groups and their authenticators.

The groups are made by migration 0010 and kept by a post_migrate handler: each
`migrate` gives each group the permissions listed here that exist by then. So a model
added later (import conflicts, authenticator devices) is granted when its table is made,
and a test database flushed between tests gets its groups back. Permissions an
administrator adds to a group stay; one listed here and taken away comes back at the
next migrate: give narrower rights through a group of another name.

Nothing here imports models: a migration calls grant_roles() with its own apps.
"""

from django.db.models import Q

ARCHIVIST, CURATOR, ADMINISTRATOR = "Archivist", "Curator", "Administrator"

DOCUMENT = ["document"]
DOCUMENT_PARTS = [
    "text", "passage", "note", "role", "source", "credit", "particular", "documentrelation",
    "scan", "writtendate", "inferreddating", "handlingstep", "discrepancy",
]  # fmt: skip
# Parts of persons and repositories, edited inline with them.
OTHER_PARTS = ["alias", "repositoryname"]
AUTHORITIES = ["person", "repository", "documenttype", "classification", "collection", "place",
               "subject", "event", "glossaryentry", "glossaryform", "glossarysense"]  # fmt: skip
# Records the archive keeps for itself (the search outbox, withdrawals): looked at, never edited.
KEPT = ["searchchange", "publicversion", "withdrawal"]

EDIT = ["view", "add", "change"]
ALL = [*EDIT, "delete"]


def perms(actions, models, app="archive"):
    return [f"{app}.{action}_{model}" for model in models for action in actions]


ROLES = {
    ARCHIVIST: [
        # Deleting a row is part of editing a document (a wrong role, a doubled passage);
        # a whole document only while it is a draft (checked per document in the admin).
        *perms(ALL, DOCUMENT + DOCUMENT_PARTS + OTHER_PARTS),
        *perms(EDIT, AUTHORITIES),
        *perms(["view"], KEPT),
    ],
    CURATOR: [
        *perms(ALL, DOCUMENT + DOCUMENT_PARTS + OTHER_PARTS + AUTHORITIES),
        *perms(["view"], KEPT),
        "archive.publish_document",
        # Every permission of the model, whatever the import-merge work names its own.
        "archive.importconflict.*",
    ],
    ADMINISTRATOR: [
        *perms(ALL, ["user", "group"], app="auth"),
        "auth.view_permission",
        # To remove a lost authenticator; the key itself is never shown in the admin.
        "otp_totp.totpdevice.*",
    ],
}


def _matching(names):
    """A Q for the permissions named "app.codename", or "app.model.*" for all of a model's."""
    query = Q(pk__in=[])
    for name in names:
        app_label, rest = name.split(".", 1)
        if rest.endswith(".*"):
            query |= Q(content_type__app_label=app_label, content_type__model=rest[:-2])
        else:
            query |= Q(content_type__app_label=app_label, codename=rest)
    return query


def grant_roles(apps, using="default"):
    """Make each role's group if missing, and give it those of its permissions that exist."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*Permission.objects.using(using).filter(_matching(wanted)))


def remove_roles(apps, using="default"):
    apps.get_model("auth", "Group").objects.using(using).filter(name__in=ROLES).delete()


def keep_roles(sender, app_config=None, using="default", apps=None, **kwargs):
    """post_migrate, after the archive app's: permissions of every app before it exist now."""
    if apps is None:
        from django.apps import apps
    try:
        apps.get_model("auth", "Group")
    except LookupError:  # migrated back to before auth: nothing to keep
        return
    grant_roles(apps, using)
