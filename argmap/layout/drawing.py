"""What a map looks like, as plain data: the one description the canvas and the SVG both draw.

``build_drawing`` turns a map into node shapes (claim boxes at their positions) and edge
shapes (Bézier paths, arrowheads, junctions of linked premises). The Qt canvas paints these
shapes and the SVG exporter writes them, so the app and its exports cannot drift apart.
``node_shape`` and ``edge_shape`` rebuild single shapes, so a drag only recomputes the moved
claim and its relations.

Conventions: points (1/72 in), y pointing down, positions are box centres. A relation's
stored ``route`` (from Graphviz) is a cubic Bézier chain from the premise side (or the
junction of linked premises) to the arrow's tip on the target's border.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.layout import style
from argmap.layout.geometry import ClaimBox, claim_box
from argmap.model.argument_map import natural_key
from argmap.model.elements import RelationKind, Role
from argmap.model.map_view import MapView

Point = tuple[float, float]

HEAD_LENGTH = 10.0
HEAD_HALF_WIDTH = 5.0
BAR_HALF_WIDTH = 7.0
JUNCTION_RADIUS = 4.0
MARGIN = 24.0
GRID_GAP = 40.0


@dataclass(frozen=True, slots=True)
class NodeShape:
    id: str
    role: Role
    cx: float
    cy: float
    box: ClaimBox
    style: style.RoleStyle
    hidden_below: int = 0  # claims hidden under this one because it is collapsed

    @property
    def width(self) -> float:
        return self.box.width

    @property
    def height(self) -> float:
        return self.box.height

    @property
    def x(self) -> float:
        return self.cx - self.box.width / 2

    @property
    def y(self) -> float:
        return self.cy - self.box.height / 2


@dataclass(frozen=True, slots=True)
class EdgeShape:
    relation_id: str
    kind: RelationKind
    style: style.EdgeStyle
    path: tuple[Point, ...]  # cubic Bézier chain: p0, c1, c2, p1, …, ending at the head's base
    feeders: tuple[tuple[Point, ...], ...]  # linked premises: one chain per premise to junction
    junction: Point | None
    head: tuple[Point, ...]  # arrowhead polygon; its tip touches the target
    bar: tuple[Point, Point] | None  # the attack's crossbar
    midpoint: Point  # where undercuts aim


@dataclass(frozen=True, slots=True)
class Drawing:
    nodes: dict[str, NodeShape]
    edges: dict[str, EdgeShape]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1, margins included

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]


# ------------------------------------------------------------------------------ building


def build_drawing(m: MapView, *, wrap_width: float = style.WRAP_WIDTH) -> Drawing:
    """Shapes for every visible claim and relation of ``m``.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap(); _ = m.add_claim("Thesis", id="t", position=(100, 50))
    >>> _ = m.add_claim("Reason", id="r", position=(100, 200)); _ = m.connect(["r"], "t")
    >>> d = build_drawing(m)
    >>> sorted(d.nodes), list(d.edges)
    (['r', 't'], ['r1'])
    >>> tip, t = d.edges["r1"].head[0], d.nodes["t"]
    >>> abs(tip[1] - (t.y + t.height)) < 0.01  # the arrow's tip touches t's bottom edge
    True
    """
    hidden, hidden_below = hidden_claims(m)
    roles = m.roles()
    nodes: dict[str, NodeShape] = {}
    unplaced: list[str] = []
    for claim in m.claims():
        if claim.id in hidden:
            continue
        if claim.position is None:
            unplaced.append(claim.id)
            continue
        nodes[claim.id] = _node(
            m, claim.id, roles[claim.id], claim.position, wrap_width, hidden_below.get(claim.id, 0)
        )
    if unplaced:
        _place_on_grid(m, unplaced, nodes, roles, wrap_width, hidden_below)

    edges: dict[str, EdgeShape] = {}
    for rel in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        if _relation_visible(m, rel.id, nodes):
            edge_shape(m, rel.id, nodes, edges)
    return Drawing(nodes, edges, _bounds(nodes, edges))


def node_shape(
    m: MapView,
    claim_id: str,
    *,
    centre: Point | None = None,
    wrap_width: float = style.WRAP_WIDTH,
    hidden_below: int = 0,
) -> NodeShape:
    """The shape of one claim, at ``centre`` if given (a live drag) or its stored position."""
    claim = m.claim(claim_id)
    where = centre if centre is not None else (claim.position or (0.0, 0.0))
    return _node(m, claim_id, m.role(claim_id), where, wrap_width, hidden_below)


def _node(
    m: MapView, cid: str, role: Role, where: Point, wrap_width: float, hidden_below: int
) -> NodeShape:
    box = claim_box(m.claim(cid), role, wrap_width)
    return NodeShape(cid, role, where[0], where[1], box, style.ROLE_STYLES[role], hidden_below)


def edge_shape(
    m: MapView,
    relation_id: str,
    nodes: Mapping[str, NodeShape],
    edges: dict[str, EdgeShape] | None = None,
    *,
    use_route: bool = True,
) -> EdgeShape:
    """The shape of one relation given the shapes of its claims (live ones during a drag).

    Undercuts need the shape of the relation they aim at: it is taken from ``edges`` or built
    (and stored there). ``use_route=False`` ignores the stored Graphviz route.
    """
    edges = {} if edges is None else edges
    rel = m.relation(relation_id)
    st = style.EDGE_STYLES[rel.kind]

    if rel.kind is RelationKind.UNDERCUT:
        target_edge = edges.get(rel.target)
        if target_edge is None:
            target_edge = edge_shape(m, rel.target, nodes, edges, use_route=use_route)
        tip = target_edge.midpoint
        target_box = None
    else:
        target = nodes[rel.target]
        target_box = target
        tip = (target.cx, target.cy)  # refined to the border below

    premises = [nodes[p] for p in rel.premises if p in nodes]
    route = rel.route if use_route and _usable_route(rel.route) else ()
    junction: Point | None = None
    feeders: list[tuple[Point, ...]] = []

    if len(premises) > 1:
        cx = sum(p.cx for p in premises) / len(premises)
        cy = sum(p.cy for p in premises) / len(premises)
        if route:
            junction = route[0]
        else:
            aim = _border_point(target_box, (cx, cy)) if target_box else tip
            bottom = (
                min(p.y for p in premises) if aim[1] < cy else max(p.y + p.height for p in premises)
            )
            # Halfway between the premises' near edge and the target: premises meet, then go on.
            junction = (cx + (aim[0] - cx) * 0.25, bottom + (aim[1] - bottom) * 0.45)
        for p in premises:
            start = _border_point(p, junction)
            feeders.append(_straight(start, junction))
        start = junction
    elif premises:
        start = (premises[0].cx, premises[0].cy)
        if not route:
            start = _border_point(
                premises[0], tip if target_box is None else (target_box.cx, target_box.cy)
            )
    else:
        start = tip  # premises hidden: nothing sensible to draw from

    if route:
        path = list(route)
        tip = path[-1]
    else:
        if target_box is not None:
            tip = _border_point(target_box, start)
        path = list(_straight(start, tip))

    head, bar, path = _arrowhead(path, tip, st.head)
    midpoint = junction if junction is not None else _bezier_midpoint(path)
    shape = EdgeShape(
        rel.id, rel.kind, st, tuple(path), tuple(feeders), junction, head, bar, midpoint
    )
    edges[rel.id] = shape
    return shape


# ------------------------------------------------------------------------------ collapsing


def hidden_claims(m: MapView) -> tuple[set[str], dict[str, int]]:
    """Claims hidden under collapsed ones, and for each collapsed claim how many it hides.

    Everything that bears on a collapsed claim (its reasons and objections, and theirs) is
    hidden, except the thesis.
    """
    hidden: set[str] = set()
    counts: dict[str, int] = {}
    for claim in m.claims():
        if not claim.collapsed or claim.id in hidden:
            continue
        below: set[str] = set()
        stack = [claim.id]
        while stack:
            node = stack.pop()
            for rel in m.relations_into(node):
                stack.extend(u.id for u in m.relations_into(rel.id))
                for p in rel.premises:
                    if p not in below and p != claim.id and p != m.thesis:
                        below.add(p)
                        stack.append(p)
        counts[claim.id] = len(below)
        hidden |= below
    for cid in hidden:
        counts.pop(cid, None)
    return hidden, counts


def _relation_visible(m: MapView, rid: str, nodes: Mapping[str, NodeShape]) -> bool:
    rel = m.relation(rid)
    if not any(p in nodes for p in rel.premises):
        return False
    if rel.kind is RelationKind.UNDERCUT:
        return _relation_visible(m, rel.target, nodes)
    return rel.target in nodes


# ------------------------------------------------------------------------------ geometry


def _usable_route(route: tuple[Point, ...]) -> bool:
    return len(route) >= 4 and (len(route) - 1) % 3 == 0


def _border_point(node: NodeShape | None, toward: Point) -> Point:
    """Where the line from the node's centre toward ``toward`` leaves its box."""
    if node is None:
        return toward
    dx, dy = toward[0] - node.cx, toward[1] - node.cy
    if dx == 0 and dy == 0:
        return (node.cx, node.cy + node.height / 2)
    hw, hh = node.width / 2, node.height / 2
    scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return (round(node.cx + dx * scale, 2), round(node.cy + dy * scale, 2))


def _straight(a: Point, b: Point) -> tuple[Point, Point, Point, Point]:
    """A straight line as one cubic Bézier segment."""
    return (a, _lerp(a, b, 1 / 3), _lerp(a, b, 2 / 3), b)


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (round(a[0] + (b[0] - a[0]) * t, 2), round(a[1] + (b[1] - a[1]) * t, 2))


def _arrowhead(
    path: list[Point], tip: Point, kind: str
) -> tuple[tuple[Point, ...], tuple[Point, Point] | None, list[Point]]:
    """The head polygon at ``tip``, the attack bar, and the path shortened to the head's base."""
    # Direction of arrival: from the last control point that differs from the tip.
    prev = next((p for p in reversed(path[:-1]) if math.dist(p, tip) > 1e-6), path[0])
    length = math.dist(prev, tip)
    if length < 1e-6:
        ux, uy = 0.0, -1.0
    else:
        ux, uy = (tip[0] - prev[0]) / length, (tip[1] - prev[1]) / length
    base = (tip[0] - ux * HEAD_LENGTH, tip[1] - uy * HEAD_LENGTH)
    nx_, ny_ = -uy, ux
    head: tuple[Point, ...] = (
        (round(tip[0], 2), round(tip[1], 2)),
        (round(base[0] + nx_ * HEAD_HALF_WIDTH, 2), round(base[1] + ny_ * HEAD_HALF_WIDTH, 2)),
        (round(base[0] - nx_ * HEAD_HALF_WIDTH, 2), round(base[1] - ny_ * HEAD_HALF_WIDTH, 2)),
    )
    if kind == "diamond":
        # A smaller head whose back corner sits on the line: it reads as a mark, not an arrow.
        mid = (tip[0] - ux * HEAD_LENGTH / 2, tip[1] - uy * HEAD_LENGTH / 2)
        w = HEAD_HALF_WIDTH * 0.7
        head = (
            head[0],
            (round(mid[0] + nx_ * w, 2), round(mid[1] + ny_ * w, 2)),
            (round(base[0], 2), round(base[1], 2)),
            (round(mid[0] - nx_ * w, 2), round(mid[1] - ny_ * w, 2)),
        )
    bar = None
    if kind == "bar":
        b = (tip[0] - ux * (HEAD_LENGTH + 4), tip[1] - uy * (HEAD_LENGTH + 4))
        bar = (
            (round(b[0] + nx_ * BAR_HALF_WIDTH, 2), round(b[1] + ny_ * BAR_HALF_WIDTH, 2)),
            (round(b[0] - nx_ * BAR_HALF_WIDTH, 2), round(b[1] - ny_ * BAR_HALF_WIDTH, 2)),
        )
    # End the stroke at the head's base so it does not poke through the tip.
    shortened = list(path)
    shortened[-1] = (round(base[0], 2), round(base[1], 2))
    if len(shortened) >= 4 and math.dist(shortened[-2], tip) < HEAD_LENGTH:
        shortened[-2] = shortened[-1]
    return head, bar, shortened


def inference_point(route: tuple[Point, ...], head: str) -> Point:
    """Where the drawing puts the inference of a relation drawn along ``route`` (a single
    premise's; linked premises have their junction): the point undercuts aim at."""
    _, _, path = _arrowhead(list(route), route[-1], head)
    return _bezier_midpoint(path)


def _bezier_midpoint(path: list[Point]) -> Point:
    """The point halfway (by parameter) along the middle segment of a Bézier chain."""
    segments = (len(path) - 1) // 3
    if segments < 1:
        return path[0]
    i = (segments - 1) // 2 * 3
    p0, c1, c2, p1 = path[i], path[i + 1], path[i + 2], path[i + 3]
    t = 0.5 if segments % 2 else 1.0
    mt = 1 - t
    x = mt**3 * p0[0] + 3 * mt**2 * t * c1[0] + 3 * mt * t**2 * c2[0] + t**3 * p1[0]
    y = mt**3 * p0[1] + 3 * mt**2 * t * c1[1] + 3 * mt * t**2 * c2[1] + t**3 * p1[1]
    return (round(x, 2), round(y, 2))


def _place_on_grid(
    m: MapView,
    ids: list[str],
    nodes: dict[str, NodeShape],
    roles: Mapping[str, Role],
    wrap_width: float,
    hidden_below: Mapping[str, int],
) -> None:
    """Claims without a stored position go on a grid right of the placed ones (never stacked)."""
    x0 = max((n.x + n.width for n in nodes.values()), default=0.0) + GRID_GAP
    y0 = min((n.y for n in nodes.values()), default=0.0)
    columns = max(1, math.ceil(math.sqrt(len(ids))))
    cell_w = wrap_width + 2 * style.PADDING + GRID_GAP
    row_y = y0
    ids = sorted(ids, key=natural_key)
    for start in range(0, len(ids), columns):
        row = [
            (cid, claim_box(m.claim(cid), roles[cid], wrap_width))
            for cid in ids[start : start + columns]
        ]
        row_h = max(box.height for _, box in row)
        for col, (cid, box) in enumerate(row):
            cx = x0 + col * cell_w + box.width / 2
            cy = row_y + row_h / 2
            nodes[cid] = NodeShape(
                cid,
                roles[cid],
                cx,
                cy,
                box,
                style.ROLE_STYLES[roles[cid]],
                hidden_below.get(cid, 0),
            )
        row_y += row_h + GRID_GAP


def _bounds(
    nodes: Mapping[str, NodeShape], edges: Mapping[str, EdgeShape]
) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for n in nodes.values():
        xs += [n.x, n.x + n.width]
        ys += [n.y, n.y + n.height]
    for e in edges.values():
        for p in (*e.path, *e.head, *(q for f in e.feeders for q in f)):
            xs.append(p[0])
            ys.append(p[1])
    if not xs:
        return (0.0, 0.0, 2 * MARGIN, 2 * MARGIN)
    return (
        round(min(xs) - MARGIN, 2),
        round(min(ys) - MARGIN, 2),
        round(max(xs) + MARGIN, 2),
        round(max(ys) + MARGIN, 2),
    )
