"""Who wrote to whom, as a network to draw: persons as nodes, letters as arrows.

The arrows are archive/correspondence.py's (a relayed message's "relayed through" arrow
drawn dashed: Kim Il Sung ⇢ Mao Zedong → Stalin); this module lays them out.
"""

import math
from dataclasses import dataclass

from ..correspondence import RELAYED, WROTE, Arrow, arrows, person_arrows, sort_key
from ..models import Role
from .svg import Labelled, connector, num, on_circle

__all__ = ["RELAYED", "WROTE", "correspondence_network", "person_network"]

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
class Edge(Arrow):
    curve: object = None  # an svg.Curve: the path, and where its label goes

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


def correspondence_network(limit=MAX_NODES):
    """The whole network of published correspondence, laid out, in one query."""
    return _network("network", arrows(Role.objects.for_correspondence()), limit=limit)


def person_network(person, letters=None, limit=MAX_NODES):
    """`person`'s part of the network, laid out round them: their letters both ways, and
    every arrow of a relay chain they take part in (on Stalin's page, Kim Il Sung's message
    reaching him through Mao Zedong). `letters`: their person_arrows(), or one query."""
    if letters is None:
        letters = person_arrows(person)
    return _network("person-network", letters, centre=person, limit=limit)


def _network(id, letters, centre=None, limit=MAX_NODES):
    edges = [Edge(a.source, a.target, a.kind, a.documents) for a in letters]
    counts, persons = {}, {}
    for edge in edges:
        for person in (edge.source, edge.target):
            persons[person.pk] = person
            counts.setdefault(person.pk, set()).update(d.pk for d in edge.documents)
    ranked = sorted(
        persons.values(),
        key=lambda p: (p.pk != getattr(centre, "pk", None), -len(counts[p.pk]), sort_key(p)),
    )
    drawn = {p.pk for p in ranked[:limit]}
    nodes = [
        Node(p, len(counts[p.pk]), is_centre=p.pk == getattr(centre, "pk", None))
        for p in sorted((p for p in persons.values() if p.pk in drawn), key=sort_key)
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
        first = min(group[0].source, group[0].target, key=sort_key)
        for index, edge in enumerate(group):
            offset = (index - (len(group) - 1) / 2) * PARALLEL_GAP
            bend = offset if edge.source.pk == first.pk else -offset
            (start, start_r), (end, end_r) = places[edge.source.pk], places[edge.target.pk]
            edge.curve = connector(start, end, start_r + 2, end_r + 3, bend)


def _place(node, point, radius, label, anchor):
    node.x, node.y, node.r = num(point[0]), num(point[1]), num(radius)
    node.label_x, node.label_y, node.anchor = num(label[0]), num(label[1]), anchor


def event_network(letters, limit=MAX_NODES):
    """An event's letters (arrows() of its documents' roles), laid out; no queries."""
    return _network("event-network", letters, limit=limit)
