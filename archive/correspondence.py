"""Who wrote to whom: a person's correspondents, read from the roles in published documents.

A relayed message counts as correspondence between its own author and
recipient: Kim Il Sung wrote to Mao Zedong, whose telegram relayed it to Stalin.
"""

from dataclasses import dataclass, field

from .models import Role

# For each role the person holds: the counterpart role, and which way the message went.
_COUNTERPARTS = {
    Role.Kind.AUTHOR: (Role.Kind.RECIPIENT, "to"),
    Role.Kind.RECIPIENT: (Role.Kind.AUTHOR, "from"),
    Role.Kind.RELAYED_AUTHOR: (Role.Kind.RELAYED_RECIPIENT, "to"),
    Role.Kind.RELAYED_RECIPIENT: (Role.Kind.RELAYED_AUTHOR, "from"),
}


@dataclass
class Correspondent:
    person: object
    sent_to: list = field(default_factory=list)  # documents the person wrote to them
    received_from: list = field(default_factory=list)  # documents they wrote to the person


def correspondents(person):
    """Correspondents of `person`, most documents first, in one query."""
    roles = list(
        Role.objects.published()
        .filter(
            document__roles__person=person,
            document__roles__role__in=list(_COUNTERPARTS),
            role__in=list(_COUNTERPARTS),
        )
        .select_related("person", "document")
        .distinct()
    )
    by_document = {}
    for role in roles:
        by_document.setdefault(role.document_id, []).append(role)

    found = {}
    for document_roles in by_document.values():
        own = {role.role for role in document_roles if role.person_id == person.pk}
        for role in document_roles:
            if role.person_id == person.pk:
                continue
            for kind in own:
                counterpart, direction = _COUNTERPARTS[kind]
                if role.role != counterpart:
                    continue
                entry = found.setdefault(role.person_id, Correspondent(role.person))
                bucket = entry.sent_to if direction == "to" else entry.received_from
                if role.document not in bucket:
                    bucket.append(role.document)
    return sorted(
        found.values(),
        key=lambda c: (-(len(c.sent_to) + len(c.received_from)), c.person.sort_name),
    )
