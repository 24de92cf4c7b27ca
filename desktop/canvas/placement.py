"""Where a new reason or objection goes: where the tree engine puts a claim's next premise
(:func:`argmap.layout.slot.premise_slots`: after the last of its siblings in their row, or
under the last in their column), the claims in the way pushed aside.

Plain data in, plain data out (no Qt): the caller applies the result as part of the same
undo step as the new claim.

Making room works as the engine's blocks grow: a row grows sideways, so the claims beyond
the new box (from the target's top down) move over together, the target's later siblings
with their whole subtrees; a column grows down, so everything below the new box moves down
together. Relations between moved claims keep their routes, moved along; the few stretched
between moved and unmoved claims keep their line, made longer where it runs straight along
the move, or are routed again by the engine's router, as the stable layout does (each slot
is tried both ways). Of the slots the engine offers, the one adding the fewest crossings is
taken.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.layout.drawing import EdgeShape, NodeShape, Point, edge_shape, node_shape
from argmap.layout.engine import stale_relations
from argmap.layout.geometry import claim_box
from argmap.layout.slot import Slot, premise_slots
from argmap.layout.tree import COLUMN_GAP, CORNER, SIBLING_GAP, route_relations
from argmap.model import ArgumentMap, Claim, RelationKind, Role

EPS = 0.5  # boxes closer than this to touching do not count as overlapping


@dataclass(frozen=True)
class Placement:
    centre: Point
    route: tuple[Point, ...] = ()  # the new relation's line, as the engine draws it
    shifts: dict[str, Point] = field(default_factory=dict)  # claim id → how far it moves
    # A relation stretched between moved and unmoved claims keeps its line, made longer at
    # the moved end, where it can (True), or is routed again (False): a long lane kept may
    # wall the new box off from its target, one routed again may sweep across the map.
    stretch: bool = True


def _overlap(n: NodeShape, left: float, top: float, right: float, bottom: float) -> bool:
    return (
        n.x < right - EPS
        and n.x + n.width > left + EPS
        and n.y < bottom - EPS
        and n.y + n.height > top + EPS
    )


def make_room(
    nodes: Mapping[str, NodeShape], target: str, slot: Slot, size: tuple[float, float]
) -> Placement:
    """The placement of a new box of ``size`` at ``slot``, the claims in the way moved the way
    the target's block grows (a claim that stays where it is moves the slot instead)."""
    if slot.grow == "left":  # the same thing in a mirror
        mirrored = {c: dataclasses.replace(n, cx=-n.cx) for c, n in nodes.items()}
        flipped = Slot((-slot.centre[0], slot.centre[1]), "right", ())
        p = make_room(mirrored, target, flipped, size)
        shifts = {c: (-dx, dy) for c, (dx, dy) in p.shifts.items()}
        route = slot.route if p.centre[0] == -slot.centre[0] else ()
        return Placement((-p.centre[0], p.centre[1]), route, shifts)
    w, h = size
    t = nodes[target]
    cx, cy = slot.centre
    if slot.grow == "none":
        return Placement(slot.centre, slot.route)
    others = [n for n in nodes.values() if n.id != target]
    if slot.grow == "right":
        gap, left = SIBLING_GAP, cx - w / 2

        def movable(n: NodeShape) -> bool:  # beyond the new box, from the target's top down
            return n.y >= t.y - 1.0 and n.cx >= left

        while True:
            room = (left - gap, cy - h / 2 - gap, left + w + gap, cy + h / 2 + gap)
            stay = [n for n in others if not movable(n) and _overlap(n, *room)]
            if not stay:
                break
            left = max(n.x + n.width for n in stay) + gap
        push = max((room[2] - n.x for n in others if movable(n) and _overlap(n, *room)), default=0)
        vector, centre = (push, 0.0), (left + w / 2, cy)
    else:  # down
        gap, top = COLUMN_GAP, cy - h / 2
        line = top if slot.line is None else slot.line

        def movable(n: NodeShape) -> bool:  # below the line
            return n.y >= line - 1.0

        while True:
            room = (cx - w / 2 - gap, top - gap, cx + w / 2 + gap, top + h + gap)
            stay = [n for n in others if not movable(n) and _overlap(n, *room)]
            if not stay:
                break
            top = max(n.y + n.height for n in stay) + gap
        push = max((room[3] - n.y for n in others if movable(n) and _overlap(n, *room)), default=0)
        vector, centre = (0.0, push), (cx, top + h / 2)
    shifts = {n.id: vector for n in others if movable(n)} if push > 0 else {}
    return Placement(centre, _moved_route(slot, centre, h), shifts)


def _moved_route(slot: Slot, centre: Point, h: float) -> tuple[Point, ...]:
    """The slot's route, after a claim that stays moved the slot: moved down, the part at the
    box (its start and a lane's bend) moves with it; moved sideways, the drawing's straight
    line is used instead."""
    dx, dy = centre[0] - slot.centre[0], centre[1] - slot.centre[1]
    if not slot.route or (dx == 0 and dy == 0):
        return slot.route
    if dx:
        return ()
    at_box = slot.centre[1] - h / 2 - CORNER - 1.0
    return tuple((x, y + dy) if y >= at_box else (x, y) for x, y in slot.route)


def new_box_size(role: Role) -> tuple[float, float]:
    """Room to keep for a new claim: a full-width line, so typing does not run into the
    neighbours (the box grows downwards, into the gap below its rank)."""
    box = claim_box(Claim("new", "M" * 200), role)
    one_line = claim_box(Claim("new", "New reason"), role)
    return (box.width, one_line.height)


def apply_shifts(m: ArgumentMap, p: Placement, nodes: Mapping[str, NodeShape]) -> None:
    """Move claims as ``make_room`` asked. A relation whose claims all moved keeps its route,
    moved along; one stretched between moved and unmoved claims keeps its line made longer
    (``p.stretch``, where it can) or, like an undercut aiming at it, is routed again by the
    engine's router."""
    if not p.shifts:
        return
    for cid, (dx, dy) in p.shifts.items():
        node = nodes[cid]  # where it is drawn (claims never placed have no position yet)
        m.move(cid, (node.cx + dx, node.cy + dy))
    stale = stale_relations(m, set(p.shifts))
    kept: dict[str, tuple[Point, ...]] = {}
    for rel in m.relations():
        if rel.id not in stale or not rel.route:
            if rel.route:
                kept[rel.id] = rel.route
            continue
        ends = [*rel.premises] + ([] if rel.kind is RelationKind.UNDERCUT else [rel.target])
        moves = {p.shifts.get(c) for c in ends}
        aim_kept = rel.kind is not RelationKind.UNDERCUT or rel.target in kept
        if len(moves) == 1 and None not in moves and aim_kept:
            dx, dy = moves.pop() or (0.0, 0.0)
            kept[rel.id] = tuple((round(x + dx, 2), round(y + dy, 2)) for x, y in rel.route)
        elif p.stretch and rel.kind is not RelationKind.UNDERCUT and len(rel.premises) == 1:
            moved_by = p.shifts.get(rel.premises[0]), p.shifts.get(rel.target)
            stretched = _stretched(rel.route, *moved_by)
            if stretched:
                kept[rel.id] = stretched
    positions = {c: (n.cx, n.cy) for c, n in nodes.items()}
    positions.update({c: (nodes[c].cx + dx, nodes[c].cy + dy) for c, (dx, dy) in p.shifts.items()})
    sizes = {c: (n.width, n.height) for c, n in nodes.items()}
    routes = route_relations(m, positions, sizes, kept)
    for rel in sorted(m.relations(), key=lambda r: r.id):
        route = routes.get(rel.id, ())
        if rel.route and rel.route != route:
            m.update_relation(rel.id, route=route)


def _stretched(
    route: tuple[Point, ...], start: Point | None, end: Point | None
) -> tuple[Point, ...]:
    """``route`` with one end moved by ``start`` (the premise's move) or ``end`` (the
    target's), when it has a straight stretch along the move: up to that stretch the line
    moves along, that stretch gets longer, the rest stays (a long lane to a far claim keeps
    its lane rather than being routed again across the map). Otherwise ``()``."""
    move = start if end is None else None if start is not None else end
    if move is None or len(route) < 4 or (len(route) - 1) % 3:
        return ()
    dx, dy = move
    pts = list(route) if start is not None else list(reversed(route))
    for i in range(0, len(pts) - 1, 3):
        a, b = pts[i], pts[i + 3]
        if all(_along(q, a, b, dx, dy) for q in pts[i + 1 : i + 3]):
            moved = (a[0] + dx, a[1] + dy)
            if (b[0] - moved[0]) * (b[0] - a[0]) < 0 or (b[1] - moved[1]) * (b[1] - a[1]) < 0:
                return ()  # the move would carry the line past its bend
            pts[i : i + 3] = [moved, _lerp3(moved, b, 1), _lerp3(moved, b, 2)]
            out = [(round(x, 2), round(y, 2)) for x, y in pts]
            return tuple(out if start is not None else reversed(out))
        pts[i : i + 3] = [(x + dx, y + dy) for x, y in pts[i : i + 3]]
    return ()


def _along(q: Point, a: Point, b: Point, dx: float, dy: float) -> bool:
    """``q`` lies on the line from ``a`` through ``b``, which runs the way of the move
    (horizontal for ``dy == 0``, vertical for ``dx == 0``)."""
    if dy == 0 and dx != 0:
        return abs(q[1] - a[1]) < EPS and abs(b[1] - a[1]) < EPS
    if dx == 0 and dy != 0:
        return abs(q[0] - a[0]) < EPS and abs(b[0] - a[0]) < EPS
    return False


def _lerp3(a: Point, b: Point, k: int) -> Point:
    return (a[0] + (b[0] - a[0]) * k / 3, a[1] + (b[1] - a[1]) * k / 3)


# ------------------------------------------------------------------------------ choosing

EVALUATE_UP_TO = 600  # claims; above, the first candidate is taken without counting crossings


def choose(
    m: ArgumentMap,
    nodes: Mapping[str, NodeShape],
    edges: Mapping[str, EdgeShape],
    target: str,
    kind: RelationKind,
    text: str,
) -> Placement:
    """Where a new premise (``kind``, placeholder ``text``) of ``target`` goes: the engine's
    slot for its next premise, or, if that adds edge crossings, the other end of the row,
    a place between two of its units or another column, whichever adds the fewest (each
    tried with the lines stretched by the move kept, then routed again)."""
    role = {RelationKind.SUPPORT: Role.REASON, RelationKind.QUALIFY: Role.CONCESSION}.get(
        kind, Role.OBJECTION
    )
    size = new_box_size(role)
    positions = {c: (n.cx, n.cy) for c, n in nodes.items()}
    sizes = {c: (n.width, n.height) for c, n in nodes.items()}
    options = []
    for s in premise_slots(m, target, size, positions, sizes):
        p = make_room(nodes, target, s, size)
        options += [p, dataclasses.replace(p, stretch=False)] if p.shifts else [p]
    if m.claim_count > EVALUATE_UP_TO:
        return options[0]
    best = (0, 0)
    for i, p in enumerate(options):
        added = added_crossings(m, nodes, edges, target, kind, text, p)
        if i == 0 or added < best[0]:
            best = (added, i)
        if added == 0:
            break
    return options[best[1]]


def added_crossings(
    m: ArgumentMap,
    nodes: Mapping[str, NodeShape],
    edges: Mapping[str, EdgeShape],
    target: str,
    kind: RelationKind,
    text: str,
    p: Placement,
) -> int:
    """How many pairs of relations would cross after placing the new premise at ``p`` that
    did not before (tried on a copy of the map)."""
    trial = m.copy()
    apply_shifts(trial, p, nodes)
    new = trial.fresh_id("c")
    trial.add_claim(text, id=new, position=p.centre)
    rel = trial.connect([new], target, kind)
    if p.route:
        trial.update_relation(rel.id, route=p.route)
    after_nodes = dict(nodes)
    for cid in [*p.shifts, new]:
        after_nodes[cid] = node_shape(trial, cid)
    # Relations touching a moved claim, undercuts aiming at them, and any routed again.
    moved = stale_relations(trial, set(p.shifts)) if p.shifts else set()
    moved |= {r.id for r in m.relations() if trial.relation(r.id).route != r.route}
    changed = {rel.id} | (moved & set(edges))
    after_edges = dict(edges)
    for rid in sorted(changed):
        after_edges.pop(rid, None)
    for rid in sorted(changed):
        after_edges[rid] = edge_shape(trial, rid, after_nodes, after_edges)
    before = _crossing_pairs(m, edges, changed - {rel.id})
    after = _crossing_pairs(trial, after_edges, changed)
    return len(after - before)


def _crossing_pairs(
    m: ArgumentMap, edges: Mapping[str, EdgeShape], of: set[str]
) -> set[tuple[str, str]]:
    """Pairs (one of them in ``of``) of relations whose drawn paths cross; relations that
    share a claim meet at it and are not counted."""
    lines = {rid: _flatten(e.path) for rid, e in edges.items()}
    boxes = {rid: _bounds(pts) for rid, pts in lines.items()}
    ends = {rid: _ends(m, rid) for rid in edges}
    pairs: set[tuple[str, str]] = set()
    for a in sorted(of & set(lines)):
        for b in lines:
            if a == b or ends[a] & ends[b] or not _boxes_meet(boxes[a], boxes[b]):
                continue
            if _polylines_cross(lines[a], lines[b]):
                pairs.add((min(a, b), max(a, b)))
    return pairs


def _ends(m: ArgumentMap, rid: str) -> set[str]:
    rel = m.relation(rid)
    return {*rel.premises, rel.target}


def _flatten(path: tuple[Point, ...], steps: int = 10) -> list[Point]:
    """A cubic Bézier chain as a polyline."""
    if not path:
        return []
    pts = [path[0]]
    i = 1
    while i + 2 < len(path):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = path[i - 1], path[i], path[i + 1], path[i + 2]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            pts.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
        i += 3
    pts.extend(path[i:])
    return pts


def _bounds(pts: list[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts] or [0.0]
    ys = [p[1] for p in pts] or [0.0]
    return (min(xs), min(ys), max(xs), max(ys))


def _boxes_meet(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _polylines_cross(p: list[Point], q: list[Point]) -> bool:
    return any(
        _segments_cross(p[i], p[i + 1], q[j], q[j + 1])
        for i, j in itertools.product(range(len(p) - 1), range(len(q) - 1))
    )


def _segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
