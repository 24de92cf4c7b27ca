"""Where a new reason or objection goes: one rank below its target, right next to its
siblings, the claims in the way pushed aside.

Plain data in, plain data out (no Qt): the caller applies the result as part of the same
undo step as the new claim.

Why pushing keeps crossings away: the maps are drawn in ranks (targets above, premises
below). Claims below the target's rank and right of the new claim all move right by the same
amount, the rest stays; on every rank the left-to-right order of the claims is unchanged, so
two relations between neighbouring ranks cross afterwards exactly when they crossed before.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.layout.drawing import EdgeShape, NodeShape, Point, edge_shape, node_shape
from argmap.layout.geometry import claim_box
from argmap.model import ArgumentMap, Claim, RelationKind, Role

GAP = 30.0  # between boxes of one rank
RANK_GAP = 70.0  # between a target's box and the rank of its premises


@dataclass(frozen=True)
class Placement:
    centre: Point
    shifts: dict[str, float] = field(default_factory=dict)  # claim id → how far it moves right


def _overlap(n: NodeShape, left: float, top: float, right: float, bottom: float) -> bool:
    return n.x < right and n.x + n.width > left and n.y < bottom and n.y + n.height > top


def place_premise(
    nodes: Mapping[str, NodeShape],
    target: str,
    siblings: Iterable[str],
    size: tuple[float, float],
    side: str = "right",
    after: str | None = None,
) -> Placement:
    """A centre for a new premise of ``target`` of ``size`` (w, h), and the shifts that make
    room for it. ``siblings``: the claims already bearing on ``target`` it should sit next
    to (visible ones, in ``nodes``); ``side``: after the last ("right") or before the first
    ("left"); ``after``: right after this sibling instead (between two of them)."""
    if side == "left":  # the same thing in a mirror
        mirrored = {c: dataclasses.replace(n, cx=-n.cx) for c, n in nodes.items()}
        p = place_premise(mirrored, target, siblings, size, "right")
        return Placement((-p.centre[0], p.centre[1]), {c: -dx for c, dx in p.shifts.items()})
    w, h = size
    t = nodes[target]
    t_bottom = t.y + t.height
    below = [n for n in nodes.values() if n.y >= t_bottom and n.id != target]
    sibs = [nodes[s] for s in siblings if s in nodes and nodes[s].cy > t.cy]
    if sibs:
        # The siblings' rank nearest the target; the new claim goes after its last one.
        rank_y = min(s.cy for s in sibs)
        rank = [s for s in sibs if abs(s.cy - rank_y) < 1.0]
        cy = rank_y
        left = max(s.x + s.width for s in rank) + GAP
        if after is not None and after in nodes:
            left = nodes[after].x + nodes[after].width + GAP
    else:  # the rank right below the target, or a new one
        cy = min((n.cy for n in below), default=t_bottom + RANK_GAP + h / 2)
        left = t.cx - w / 2
    top, bottom = cy - h / 2 - GAP / 2, cy + h / 2 + GAP / 2

    # Claims whose centre is left of the insertion line stay: step right past any in the way.
    others = [n for n in nodes.values() if n.id != target]
    while True:
        blockers = [
            n
            for n in others
            if (n.cx < left or n not in below)
            and _overlap(n, left - GAP / 2, top, left + w + GAP / 2, bottom)
        ]
        if not blockers:
            break
        left = max(n.x + n.width for n in blockers) + GAP
    centre_x = left + w / 2

    # Claims below the target and right of the new box move right together, if any is in
    # the way.
    right = [n for n in below if n.cx >= left]
    room = (left - GAP / 2, top, left + w + GAP, bottom)
    push = max((left + w + GAP - n.x for n in right if _overlap(n, *room)), default=0.0)
    shifts = {n.id: push for n in right} if push > 0 else {}
    return Placement((centre_x, cy), shifts)


def new_box_size(role: Role) -> tuple[float, float]:
    """Room to keep for a new claim: a full-width line, so typing does not run into the
    neighbours (the box grows downwards, into the gap below its rank)."""
    box = claim_box(Claim("new", "M" * 200), role)
    one_line = claim_box(Claim("new", "New reason"), role)
    return (box.width, one_line.height)


def siblings_for(m: ArgumentMap, target: str, kind: RelationKind) -> list[str]:
    """The claims a new premise of ``kind`` should sit beside: the target's reasons for a new
    reason (objections then get pushed right), all its premises for a new objection."""
    rels = [r for r in m.relations_into(target) if r.kind is not RelationKind.UNDERCUT]
    same = [p for r in rels if r.kind is kind for p in r.premises]
    if kind is RelationKind.SUPPORT and same:
        return same
    return [p for r in rels for p in r.premises]


def apply_shifts(
    m: ArgumentMap, shifts: Mapping[str, float], nodes: Mapping[str, NodeShape]
) -> None:
    """Move claims right as ``place_premise`` asked. A relation whose claims all moved keeps
    its route, moved along; one stretched between moved and unmoved claims loses its stale
    route (it is drawn straight until the next layout)."""
    if not shifts:
        return
    touched: set[str] = set()
    for cid, dx in shifts.items():
        node = nodes[cid]  # where it is drawn (claims never placed have no position yet)
        m.move(cid, (node.cx + dx, node.cy))
        touched.update(r.id for r in m.relations_of(cid))
    for rid in sorted(touched):
        rel = m.relation(rid)
        if not rel.route:
            continue
        ends = [*rel.premises]
        if rel.kind is not RelationKind.UNDERCUT:
            ends.append(rel.target)
        moves = {shifts.get(c) for c in ends}
        if len(moves) == 1 and None not in moves:
            dx = moves.pop() or 0.0
            m.set_route(rid, [(x + dx, y) for x, y in rel.route])
        else:
            m.set_route(rid, ())


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
    """Where a new premise (``kind``, placeholder ``text``) of ``target`` goes: after its
    siblings, or before them if that adds fewer edge crossings."""
    role = Role.REASON if kind is RelationKind.SUPPORT else Role.OBJECTION
    size = new_box_size(role)
    siblings = siblings_for(m, target, kind)
    # After the last sibling, before the first, or between two of them: the one that adds
    # the fewest crossings, then the nearest to the target (a short, steep arrow).
    options = [place_premise(nodes, target, siblings, size, side) for side in ("right", "left")]
    if m.claim_count > EVALUATE_UP_TO:
        return options[0]
    t = nodes[target]
    sibs = [nodes[s] for s in siblings if s in nodes and nodes[s].cy > t.cy]
    nearest = min((n.cy for n in sibs), default=0.0)
    rank = sorted((n for n in sibs if abs(n.cy - nearest) < 1.0), key=lambda n: n.cx)
    for sib in rank[:-1]:
        options.append(place_premise(nodes, target, siblings, size, "right", after=sib.id))
    scored = [
        (added_crossings(m, nodes, edges, target, kind, text, p), abs(p.centre[0] - t.cx), i)
        for i, p in enumerate(options)
    ]
    return options[min(scored)[2]]


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
    apply_shifts(trial, p.shifts, nodes)
    new = trial.fresh_id("c")
    trial.add_claim(text, id=new, position=p.centre)
    rel = trial.connect([new], target, kind)
    after_nodes = dict(nodes)
    for cid in [*p.shifts, new]:
        after_nodes[cid] = node_shape(trial, cid)
    changed = {rel.id} | {r.id for c in p.shifts for r in trial.relations_of(c)}
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
