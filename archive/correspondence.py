"""Who wrote to whom, read from the roles in published documents: arrows between persons.

An arrow for each author → recipient of a document, and for each author → recipient of a
message relayed in one: Kim Il Sung wrote to Mao Zedong, whose telegram relayed it to
Stalin. A relayed message also gives a "relayed through" arrow from its author to the
relaying document's author (Kim Il Sung ⇢ Mao Zedong): with that document's own arrow,
the whole chain. A person's correspondents and the drawn network (archive/pictures) are
both read from these arrows.
"""

from dataclasses import dataclass, field

from .models import Role

Kind = Role.Kind
WROTE = "wrote"  # the source wrote to the target
RELAYED = "relayed"  # the source's message went on through the target

# (from role, to role, arrow) for the roles of one document.
_PAIRS = [
    (Kind.AUTHOR, Kind.RECIPIENT, WROTE),
    (Kind.RELAYED_AUTHOR, Kind.RELAYED_RECIPIENT, WROTE),
    (Kind.RELAYED_AUTHOR, Kind.AUTHOR, RELAYED),
]


@dataclass
class Arrow:
    source: object
    target: object
    kind: str
    documents: list = field(default_factory=list)

    @property
    def is_relay(self):
        return self.kind == RELAYED


def arrows(roles, around=None):
    """Arrows from roles of Role.objects.for_correspondence(), in a stable order.

    `around` a person: only their own letters, and every arrow of a relay they take part in.
    """
    by_document = {}
    for role in roles:
        held = by_document.setdefault(role.document_id, (role.document, {}))[1]
        held.setdefault(role.role, []).append(role.person)
    found = {}
    for document, held in by_document.values():
        relay = bool(held.get(Kind.RELAYED_AUTHOR) or held.get(Kind.RELAYED_RECIPIENT))
        for from_role, to_role, kind in _PAIRS:
            for source in held.get(from_role, []):
                for target in held.get(to_role, []):
                    if source.pk == target.pk:
                        continue
                    if around and not relay and around.pk not in (source.pk, target.pk):
                        continue
                    arrow = found.setdefault(
                        (source.pk, target.pk, kind), Arrow(source, target, kind)
                    )
                    # Documents come one after another: a repeat can only be the last one.
                    if not arrow.documents or arrow.documents[-1] is not document:
                        arrow.documents.append(document)
    return sorted(found.values(), key=lambda a: (sort_key(a.source), sort_key(a.target), a.kind))


def person_arrows(person):
    """`person`'s arrows (see arrows()), in one query."""
    return arrows(Role.objects.for_correspondence(person), around=person)


def sort_key(person):
    return (person.sort_name or person.name, person.slug)


@dataclass
class Correspondent:
    person: object
    sent_to: list = field(default_factory=list)  # documents the person wrote to them
    received_from: list = field(default_factory=list)  # documents they wrote to the person


def correspondents(person, letters=None):
    """Correspondents of `person`, most documents first, from their arrows (one query if
    `letters`, the person_arrows(), are not given)."""
    if letters is None:
        letters = person_arrows(person)
    found = {}
    for arrow in letters:
        if arrow.kind != WROTE:
            continue
        if arrow.source.pk == person.pk:
            other, bucket = arrow.target, "sent_to"
        elif arrow.target.pk == person.pk:
            other, bucket = arrow.source, "received_from"
        else:
            continue
        entry = found.setdefault(other.pk, Correspondent(other))
        getattr(entry, bucket).extend(d for d in arrow.documents if d not in getattr(entry, bucket))
    return sorted(
        found.values(),
        key=lambda c: (-(len(c.sent_to) + len(c.received_from)), c.person.sort_name),
    )
