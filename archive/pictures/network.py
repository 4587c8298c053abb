"""Who wrote to whom, as a network to draw: persons as nodes, letters as arrows.

An arrow is drawn for each author → recipient of a published document, and for each
author → recipient of a message relayed in one (Kim Il Sung → Mao Zedong). A relayed
message also gets a dashed arrow from its author to the author of the relaying document,
"relayed through": with the relaying document's own arrow it shows the whole chain,
Kim Il Sung ⇢ Mao Zedong → Stalin. The reading of roles is the one in
archive/correspondence.py; this module reads all of them at once, in one query.
"""

import math
from dataclasses import dataclass, field

from ..models import Role
from .svg import Labelled, connector, num, on_circle

Kind = Role.Kind
CORRESPONDENCE_ROLES = [Kind.AUTHOR, Kind.RECIPIENT, Kind.RELAYED_AUTHOR, Kind.RELAYED_RECIPIENT]

WROTE = "wrote"  # the source wrote to the target
RELAYED = "relayed"  # the source's message went on through the target

# More persons than this make a hairball: the ones in most documents are drawn.
MAX_NODES = 40
NODE_RADIUS = 7
CENTRE_RADIUS = 10
LABEL_MARGIN = 190  # room beside the circle for names
PARALLEL_GAP = 16  # how far apart two arrows between the same persons bend


@dataclass
class Node:
    person: object
    document_count: int = 0
    is_centre: bool = False
    x: str = ""
    y: str = ""
    r: str = ""
    label_x: str = ""
    label_y: str = ""
    anchor: str = "middle"  # text-anchor of the name


@dataclass
class Edge:
    source: object
    target: object
    kind: str
    documents: list = field(default_factory=list)
    curve: object = None  # an svg.Curve: the path, and where its label goes

    @property
    def is_relay(self):
        return self.kind == RELAYED

    @property
    def first_document(self):
        return self.documents[0]

    @property
    def more_documents(self):
        return self.documents[1:]


@dataclass
class Network(Labelled):
    """Everything templates/archive/includes/network_figure.html draws; no queries left."""

    id: str  # prefix of the ids in the drawing, unique on its page
    nodes: list
    edges: list
    centre: object = None  # the person an ego network is drawn round
    hidden: int = 0  # persons left out to keep the drawing legible
    limit: int = MAX_NODES
    width: str = "0"
    height: str = "0"

    @property
    def arrow_id(self):
        return f"{self.id}-arrow"


def _roles():
    """The correspondence roles of published documents, with what the drawing shows of each."""
    return (
        Role.objects.published()
        .filter(role__in=CORRESPONDENCE_ROLES)
        .select_related("person", "document")
        .only(
            "role",
            "document",
            "person",
            "person__name",
            "person__sort_name",
            "person__slug",
            "document__record_id",
            "document__title",
            "document__date",
            "document__date_precision",
            "document__date_approximate",
        )
        .order_by("document__date", "document__title", "document__record_id", "position", "pk")
    )


def correspondence_network(limit=MAX_NODES):
    """The whole network of published correspondence, laid out, in one query."""
    roles = list(_roles())
    return _network("network", _edges(roles), limit=limit)


def person_network(person, limit=MAX_NODES):
    """`person`'s part of the network, laid out round them, in one query.

    Their letters both ways, and every arrow of a relay chain they take part in: on
    Stalin's page, Kim Il Sung's message reaching him through Mao Zedong.
    """
    theirs = Role.objects.published().filter(person=person, role__in=CORRESPONDENCE_ROLES)
    roles = list(_roles().filter(document__in=theirs.values("document")))

    def keep(source, target, relay_document):
        return relay_document or person.pk in (source.pk, target.pk)

    return _network("person-network", _edges(roles, keep), centre=person, limit=limit)


def _edges(roles, keep=None):
    """Edges from roles ordered by document, deterministic in order and content."""
    by_document = {}
    for role in roles:
        by_document.setdefault(role.document_id, (role.document, {}))[1].setdefault(
            role.role, []
        ).append(role.person)
    edges = {}
    for document, held in by_document.values():
        relay_document = bool(held.get(Kind.RELAYED_AUTHOR) or held.get(Kind.RELAYED_RECIPIENT))
        pairs = [
            (Kind.AUTHOR, Kind.RECIPIENT, WROTE),
            (Kind.RELAYED_AUTHOR, Kind.RELAYED_RECIPIENT, WROTE),
            (Kind.RELAYED_AUTHOR, Kind.AUTHOR, RELAYED),
        ]
        for from_role, to_role, kind in pairs:
            for source in held.get(from_role, []):
                for target in held.get(to_role, []):
                    if source.pk == target.pk:
                        continue
                    if keep and not keep(source, target, relay_document):
                        continue
                    edge = edges.setdefault(
                        (source.pk, target.pk, kind), Edge(source, target, kind)
                    )
                    # Documents come one after another: a repeat can only be the last one.
                    if not edge.documents or edge.documents[-1] is not document:
                        edge.documents.append(document)
    return sorted(
        edges.values(),
        key=lambda e: (_person_key(e.source), _person_key(e.target), e.kind),
    )


def _person_key(person):
    return (person.sort_name or person.name, person.slug)


def _network(id, edges, centre=None, limit=MAX_NODES):
    counts, persons = {}, {}
    for edge in edges:
        for person in (edge.source, edge.target):
            persons[person.pk] = person
            counts.setdefault(person.pk, set()).update(d.pk for d in edge.documents)
    ranked = sorted(
        persons.values(),
        key=lambda p: (p.pk != getattr(centre, "pk", None), -len(counts[p.pk]), _person_key(p)),
    )
    drawn = {p.pk for p in ranked[:limit]}
    nodes = [
        Node(p, len(counts[p.pk]), is_centre=p.pk == getattr(centre, "pk", None))
        for p in sorted((p for p in persons.values() if p.pk in drawn), key=_person_key)
    ]
    edges = [e for e in edges if e.source.pk in drawn and e.target.pk in drawn]
    network = Network(
        id, nodes, edges, centre=centre, hidden=len(persons) - len(drawn), limit=limit
    )
    _lay_out(network)
    return network


def _lay_out(network):
    """Nodes round a circle in order of name (the ego network's person in the middle);
    arrows between them, bent apart when two join the same persons."""
    centre_node = next((n for n in network.nodes if n.is_centre), None)
    ring = [n for n in network.nodes if not n.is_centre]
    radius = min(max(len(ring) * 16, 110), 300)
    width, height = 2 * (radius + LABEL_MARGIN), 2 * (radius + 40)
    middle = (width / 2, height / 2)
    network.width, network.height = num(width), num(height)
    places = {}
    if centre_node:
        _place(
            centre_node, middle, CENTRE_RADIUS, label=(middle[0], middle[1] + 26), anchor="middle"
        )
        places[centre_node.person.pk] = (middle, CENTRE_RADIUS)
    for node, (x, y, angle) in zip(ring, on_circle(len(ring), middle, radius), strict=True):
        cos, sin = math.cos(angle), math.sin(angle)
        label = (x + cos * 14, y + sin * 14 + 4)
        # Names run outwards from the circle; only at its very top and bottom are they centred.
        anchor = "start" if cos > 0.1 else "end" if cos < -0.1 else "middle"
        if anchor == "middle":
            label = (x, y + (22 if sin > 0 else -12))
        _place(node, (x, y), NODE_RADIUS, label, anchor)
        places[node.person.pk] = ((x, y), NODE_RADIUS)

    pairs = {}
    for edge in network.edges:
        pairs.setdefault(frozenset((edge.source.pk, edge.target.pk)), []).append(edge)
    for group in pairs.values():
        # Offsets are counted in one direction of the pair, from the person first by name:
        # an arrow the other way bends to its own right to go to the same side.
        first = min(group[0].source, group[0].target, key=_person_key)
        for index, edge in enumerate(group):
            offset = (index - (len(group) - 1) / 2) * PARALLEL_GAP
            bend = offset if edge.source.pk == first.pk else -offset
            (start, start_r), (end, end_r) = places[edge.source.pk], places[edge.target.pk]
            edge.curve = connector(start, end, start_r + 2, end_r + 3, bend)


def _place(node, point, radius, label, anchor):
    node.x, node.y, node.r = num(point[0]), num(point[1]), num(radius)
    node.label_x, node.label_y, node.anchor = num(label[0]), num(label[1]), anchor
