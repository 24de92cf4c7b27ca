"""Where the tree engine puts one more premise of a claim, in the picture as it stands.

The tree engine (:mod:`argmap.layout.tree`) hangs a claim's premises below it as *units*, in
a row, in a column beside a spine (on one side or both), or in a grid of columns; a new
relation's unit comes last. ``premise_slots`` reads which of these arrangements a claim's
units have now (from their boxes, so a picture the user has rearranged is read as it is) and
returns where the engine's next unit goes in it: after the row's last unit, or under the
last unit of a column, with the line drawn as the engine draws it (an S-curve from a row, a
lane from a column). A claim with no units of its own (its premises, if any, hang elsewhere:
cross links) gets its first one right below it.

Plain data in and out, no Qt. Two users, one placement: the stable layout
(:mod:`argmap.layout.incremental`) takes the first free slot for a new premise, and the
editor's Insert (``desktop/canvas/placement.py``) makes room in the slot adding the fewest
crossings, as one undo step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from argmap.layout import incremental, tree
from argmap.model.map_view import MapView

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

ALIGNED = 1.0  # boxes whose edges are this close are in one row or column


@dataclass(frozen=True)
class Slot:
    """A centre for the new premise; ``grow``: the way the claim's block grows to take it
    ("right", "left" or "down"; "none": a free spot), so what lies that way moves;
    ``route``: its line; ``line``: for "down", the height below which claims move (default:
    the new box's top)."""

    centre: Point
    grow: str
    route: tuple[Point, ...]
    line: float | None = None


def premise_slots(
    m: MapView,
    target: str,
    size: Point,
    positions: Mapping[str, Point],
    sizes: Mapping[str, Point],
    *,
    free_spot: bool = True,
) -> list[Slot]:
    """Slots for a new premise of ``size`` (w, h) bearing on ``target``, the engine's own
    first (the end of the row, the shorter side of a two-sided column, the last column of a
    grid), then the other ends of the arrangement (the start of the row, the other columns),
    then the places between two units of a row, then under each unit of a row.
    ``free_spot``: for a claim with no units of its own, also offer the stable layout's free
    spot below it (first)."""
    w, h = size
    t = _box(positions[target], sizes[target])
    forest = tree._Forest(m)
    placed = [(_extent(forest, u.premises, positions, sizes), u) for u in forest.children[target]]
    laid = [(box, u) for box, u in placed if box is not None and box[1] >= t[3]]
    units = [box for box, _ in laid]
    if not units:  # the first unit of its own, centred below the claim
        top = t[3] + tree.RANK_GAP
        centre = ((t[0] + t[2]) / 2, top + h / 2)
        # Its block grows down from its bottom: what hangs below it moves down; unless the
        # stable layout finds a free spot near there, which moves nothing.
        route = tree._s_curve((centre[0], top), (centre[0], t[3]))
        down = Slot(centre, "down", route, t[3])
        if not free_spot:
            return [down]
        free = _free_slot(target, size, positions, sizes)
        return [free, down] if free.centre[1] - h / 2 >= t[3] else [down]
    tops = [u[1] for u in units]
    if max(tops) - min(tops) < ALIGNED:  # a row: after its last unit, or before its first
        top = tops[0]
        right = max(u[2] for u in units) + tree.SIBLING_GAP
        left = min(u[0] for u in units) - tree.SIBLING_GAP
        ends = [
            _row_slot(t, (right + w / 2, top + h / 2), "right", h),
            _row_slot(t, (left - w / 2, top + h / 2), "left", h),
        ]
        # Between two units, the later ones moving over, or the earlier ones (what moves
        # drags its own lines along, and which of them then cross differs): where the ends
        # add crossings.
        inner = sorted(u[2] for u in units)[:-1]
        between = [
            _row_slot(t, (x + tree.SIBLING_GAP + w / 2, top + h / 2), "right", h) for x in inner
        ]
        starts = sorted(u[0] for u in units)[1:]
        between += [
            _row_slot(t, (x - tree.SIBLING_GAP - w / 2, top + h / 2), "left", h) for x in starts
        ]
        # Under a unit, its line up a lane beside it: where lines from elsewhere wall the
        # row's ends off from the claim.
        under = [
            _column_slot(t, (u[0] + w / 2, u[3] + tree.COLUMN_GAP + h / 2), 1, w, u[0], [], top - 2)
            for u in sorted(units)
        ]
        return ends + between + under
    # Columns: units share a left edge, or, left of a spine, end where the spine starts
    # (the engine's two-sided column); a grid is several columns. Each column's lines run
    # up lanes beside it.
    spine = t[0] + tree.EDGE_PAD - tree.LANE_PAD
    columns: dict[tuple[int, float], list[tuple[Box, list[float]]]] = {}
    for u, unit in laid:
        side = -1 if abs(u[2] - spine) < ALIGNED else 1
        edge = u[2] if side == -1 else u[0]
        key = next((k for k in columns if k[0] == side and abs(k[1] - edge) < ALIGNED), None)
        route = unit.rel.route
        lane = [route[6][0]] if not unit.undercut and len(route) >= 7 else []
        columns.setdefault(key or (side, edge), []).append((u, lane))
    slots = []
    for (side, edge), col in columns.items():
        top = max(u[3] for u, _ in col) + tree.COLUMN_GAP
        cx = edge + w / 2 if side == 1 else edge - w / 2
        lanes = [x for _, lane in col for x in lane]
        band = min(u[1] for u, _ in col) - tree.COLUMN_TOP
        slot = _column_slot(t, (cx, top + h / 2), side, w, edge, lanes, band)
        slots.append((top, slot))
    # The shortest column first: the engine fills the shorter side of a spine, and balances
    # a grid's columns.
    slots.sort(key=lambda s: s[0])
    return [s for _, s in slots]


def _free_slot(
    target: str,
    size: Point,
    positions: Mapping[str, Point],
    sizes: Mapping[str, Point],
) -> Slot:
    """Where the stable layout puts a new premise of ``target``: right below it, or the
    nearest free spot around there (its ring search); nothing else moves."""
    grid = incremental._Occupancy()
    for c, p in positions.items():
        grid.add(incremental._box(p, sizes[c]))
    want = incremental._next_to(positions[target], sizes[target], size, "below")
    centre = incremental._free_spot(want, size, grid)
    t = _box(positions[target], sizes[target])
    tip = min(max(centre[0], t[0] + tree.EDGE_PAD), t[2] - tree.EDGE_PAD)
    return Slot(centre, "none", tree._s_curve((centre[0], centre[1] - size[1] / 2), (tip, t[3])))


def _box(p: Point, size: Point) -> Box:
    return (p[0] - size[0] / 2, p[1] - size[1] / 2, p[0] + size[0] / 2, p[1] + size[1] / 2)


def _extent(
    forest: tree._Forest,
    premises: Sequence[str],
    positions: Mapping[str, Point],
    sizes: Mapping[str, Point],
) -> Box | None:
    """The box around a unit: its premises and everything the forest hangs below them."""
    boxes = []
    stack = list(premises)
    while stack:
        c = stack.pop()
        if c in positions:
            boxes.append(_box(positions[c], sizes[c]))
        stack.extend(p for u in forest.children.get(c, ()) for p in u.premises)
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _row_slot(t: Box, centre: Point, grow: str, h: float) -> Slot:
    """An S-curve from the new box's top to the claim's bottom, as in the engine's rows."""
    tip = min(max(centre[0], t[0] + tree.EDGE_PAD), t[2] - tree.EDGE_PAD)
    return Slot(centre, grow, tree._s_curve((centre[0], centre[1] - h / 2), (tip, t[3])))


def _column_slot(
    t: Box, centre: Point, side: int, w: float, edge: float, lanes: list[float], band: float
) -> Slot:
    """A lane from the new box's spine side up beside its column, outside the lanes already
    there (as the engine's next lane is), so it crosses none of them; from the top of the
    column (a grid's) an S-curve on to the claim's bottom."""
    if lanes:
        lane = min(lanes) - tree.LANE_GAP if side == 1 else max(lanes) + tree.LANE_GAP
    else:
        lane = edge - side * tree.LANE_PAD
    low, high = t[0] + tree.EDGE_PAD, t[2] - tree.EDGE_PAD
    port = (centre[0] - side * w / 2, centre[1])
    if band - t[3] < 2 * tree.CORNER and low <= lane <= high:  # the column hangs right under
        return Slot(centre, "down", tree._lane_route(port, lane, t[3]))
    up = tree._lane_route(port, lane, band)
    tip = min(max(lane, low), high)
    return Slot(centre, "down", (*up, *tree._s_curve(up[-1], (tip, t[3]))[1:]))
