"""May this user publish? The one question behind the status field, the publish and
unpublish actions, deleting a published document and `import_records --status published`."""

PUBLISH = "archive.publish_document"


def can_publish(user):
    """Whether the user may publish, withdraw to draft and delete published documents.

    Curators and superusers may; archivists may not (see archive.editorial.roles).
    """
    return user is not None and user.is_active and user.has_perm(PUBLISH)
