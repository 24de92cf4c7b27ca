"""The tree engine: a linear-time block layout for argument maps, which are mostly trees.

How a map becomes a picture (thesis on top, ``rankdir="BT"``; the other directions are the
same picture mirrored or transposed):

1. **A spanning forest.** From the thesis (then every claim that is no one's premise, then
   whatever is left), breadth first, each claim is *placed under* the first claim it bears on.
   The premises a relation places form a *unit*: one box, or linked premises side by side,
   joined at a junction. Undercuts form units next to the relation they attack. A relation
   whose premises were all placed elsewhere is a cross link, routed afterwards.
2. **Blocks, bottom up.** Each claim's subtree is a rectangle that nothing else enters. A claim
   lays its units out either in a *row* below it (the classic tree, the claim centred over
   them) or, when the row would be wider than the width budget, in a *column*: units stacked
   below and to the right, each arrow running along its own lane into the claim's bottom.
   Lines stay inside their block, in the band between a claim and its units, so they never
   pass under a box.
3. **The budget** is searched: the widest budget whose map is at most ``MAX_ASPECT`` wide per
   unit of height. Each try is linear, so the whole layout is ``O(n log n)`` at worst.
4. **Routes**, cubic Bézier chains the drawing uses as they are: S-curves with vertical ends
   from a unit to its spread arrival point in a row, rounded orthogonal lanes in a column,
   undercuts ending on the inference point the drawing computes, and cross links tried along
   a few candidate curves, keeping the first that crosses no box.

Everything is ordered by natural id order, so the same map gives the same bytes.
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.layout import style
from argmap.layout.drawing import inference_point
from argmap.layout.engine import Layout, box_sizes
from argmap.model.argument_map import natural_key
from argmap.model.elements import Relation, RelationKind
from argmap.model.map_view import MapView

Point = tuple[float, float]

RANKDIRS = ("BT", "TB", "LR", "RL")
SIBLING_GAP = 20.0  # between neighbouring blocks in a row
RANK_GAP = 50.0  # from a claim's bottom to the top of its units in a row
COLUMN_TOP = 26.0  # from a claim's bottom to its first unit in a column
COLUMN_GAP = 26.0  # between units stacked in a column
LINK_GAP = 14.0  # between linked premises
JUNCTION_RISE = 14.0  # the junction sits this far above linked premises
LANE_GAP = 12.0  # between lanes (and so arrow tips) in a column
LANE_PAD = 14.0  # from the innermost lane to the column
EDGE_PAD = style.CORNER_RADIUS + 4.0  # arrow tips keep off a box's rounded corners
ARRIVAL_GAP = 16.0  # between arrow tips in a row
MIN_GAP = 8.0  # tips closer than this are spread
CORNER = 8.0  # radius of a lane's bend
ROOT_GAP = 60.0  # between the trees of a forest
MAX_ASPECT = 2.0  # the budget search stops at the first layout this wide or narrower
SEARCH_STEP = 0.8  # each try's budget is this share of the one before
GUIDED_FROM = 2000  # maps this big bisect the budget from a page-shaped guess
BISECTIONS = 4
DETOUR = 18.0  # a detour's waypoint keeps this far from the boxes it goes round
MAX_DETOURS = 600  # detours tried per cross link on a small map
BIG_MAP_DETOURS = 40  # and on a map of more than SMALL_MAP claims
SMALL_MAP = 300
LONG_LINK = 3000.0  # cross links longer than this take the shortest curve unchecked


@dataclass(slots=True)
class _Unit:
    rel: Relation
    premises: tuple[str, ...]  # tuples of strings: the collector stops tracking them

    @property
    def undercut(self) -> bool:
        return self.rel.kind is RelationKind.UNDERCUT


@dataclass(slots=True)
class _Block:
    w: float
    h: float
    box_x: float
    column: bool = False
    # Sequences, so the many leaves share one empty tuple (fewer objects for the collector).
    units: Sequence[tuple[float, float]] = ()  # unit offsets
    lanes: Sequence[float | None] = ()  # column mode: each unit's lane
    sides: Sequence[int] = ()  # column mode: 1 right, -1 left of the spine
    band: float | None = None  # grid mode: where lanes leave the grid for the claim above


@dataclass(slots=True)
class _UnitShape:
    w: float
    h: float
    premise_x: tuple[float, ...]  # offset of each premise's block in the unit
    anchor: float  # x where the unit's line leaves it (box centre or junction)
    left: float  # x of the first premise's box's left border (the port in a column)


class _Forest:
    """The spanning forest of a map: roots, and each claim's units in order."""

    def __init__(self, m: MapView) -> None:
        rels = sorted(m.relations(), key=lambda r: natural_key(r.id))
        into: dict[str, list[Relation]] = {}
        undercuts: dict[str, list[Relation]] = {}
        is_premise: set[str] = set()
        for r in rels:
            (undercuts if r.kind is RelationKind.UNDERCUT else into).setdefault(
                r.target, []
            ).append(r)
            is_premise.update(r.premises)
        self.relations = {r.id: r for r in rels}
        self.children: dict[str, list[_Unit]] = {}
        self.unit_of: dict[str, tuple[str, int]] = {}  # relation id -> (claim, unit index)
        self.order: list[str] = []  # breadth first, roots first
        self.roots: list[str] = []
        ids = sorted((c.id for c in m.claims()), key=natural_key)
        placed: set[str] = set()
        starts = [m.thesis] if m.thesis else []
        starts += [c for c in ids if c not in is_premise]
        starts += ids  # claims only reachable through cycles
        for root in starts:
            if root in placed:
                continue
            placed.add(root)
            self.roots.append(root)
            queue = deque([root])
            while queue:
                c = queue.popleft()
                self.order.append(c)
                units: list[_Unit] = []
                for r in into.get(c, ()):
                    self._take(r, units, placed, undercuts)
                self.children[c] = units
                for i, u in enumerate(units):
                    self.unit_of[u.rel.id] = (c, i)
                    queue.extend(u.premises)

    def _take(
        self,
        r: Relation,
        units: list[_Unit],
        placed: set[str],
        undercuts: Mapping[str, list[Relation]],
    ) -> None:
        """Add ``r``'s unplaced premises as a unit, then the undercuts of ``r`` after it."""
        mine = tuple(p for p in r.premises if p not in placed)
        placed.update(mine)
        if mine:
            units.append(_Unit(r, mine))
        for u in undercuts.get(r.id, ()):
            self._take(u, units, placed, undercuts)


# ------------------------------------------------------------------------------ blocks


def _unit_shape(u: _Unit, blocks: Mapping[str, _Block], sizes: Mapping[str, Point]) -> _UnitShape:
    xs: list[float] = []
    x = 0.0
    for p in u.premises:
        xs.append(x)
        x += blocks[p].w + LINK_GAP
    centres = [xs[i] + blocks[p].box_x + sizes[p][0] / 2 for i, p in enumerate(u.premises)]
    h = max(blocks[p].h for p in u.premises)
    first = u.premises[0]
    return _UnitShape(
        x - LINK_GAP, h, tuple(xs), sum(centres) / len(centres), xs[0] + blocks[first].box_x
    )


def _row(bw: float, bh: float, shapes: list[_UnitShape]) -> _Block:
    xs: list[float] = []
    x = 0.0
    for s in shapes:
        xs.append(x)
        x += s.w + SIBLING_GAP
    width = x - SIBLING_GAP
    centre = (xs[0] + shapes[0].anchor + xs[-1] + shapes[-1].anchor) / 2
    box_x = centre - bw / 2
    shift = max(0.0, -box_x)
    box_x += shift
    top = bh + RANK_GAP
    units = tuple((xi + shift, top) for xi in xs)
    return _Block(
        max(box_x + bw, width + shift),
        top + max(s.h for s in shapes),
        box_x,
        False,
        units,
        (None,) * len(shapes),
    )


def _column(
    bw: float, bh: float, shapes: list[_UnitShape], laned: list[bool], two_sided: bool
) -> _Block | None:
    """Units stacked below the claim, right of it (or on both sides of a spine under it,
    ``two_sided``); each unit's line runs along its own lane into the claim's bottom. None if
    the lanes do not fit under the claim."""
    # Undercuts stay on the side of the line they attack, right after it.
    groups: list[list[int]] = []
    for i, has in enumerate(laned):
        if has or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    side = [1] * len(shapes)  # 1: right, -1: left
    if two_sided:
        stacked = {1: 0.0, -1: 0.0}
        for g in groups:
            s = -1 if stacked[-1] <= stacked[1] else 1
            for i in g:
                side[i] = s
                stacked[s] += shapes[i].h + COLUMN_GAP
    counts = {s: sum(1 for i, has in enumerate(laned) if has and side[i] == s) for s in (1, -1)}
    room = bw - 2 * EDGE_PAD
    halves = {s: (room / 2 if two_sided else room) for s in (1, -1)}
    gaps = {s: min(LANE_GAP, halves[s] / max(1, counts[s])) for s in (1, -1)}
    if min(gaps.values()) < MIN_GAP:
        return None
    left_w = max((shapes[i].w for i in range(len(shapes)) if side[i] == -1), default=0.0)
    box_x = left_w + LANE_PAD - EDGE_PAD if left_w else 0.0
    right_x = box_x + (
        EDGE_PAD + counts[1] * gaps[1] + LANE_PAD if not two_sided else bw - EDGE_PAD + LANE_PAD
    )
    lanes: list[float | None] = []
    seen = {1: 0, -1: 0}
    for i, has in enumerate(laned):
        s = side[i]
        if not has:
            lanes.append(None)
            continue
        k = seen[s]
        seen[s] += 1
        if s == 1:
            inner = right_x - LANE_PAD - gaps[1] / 2  # the lane nearest the right column
            lanes.append(inner - k * gaps[1])
        else:
            lanes.append(box_x + EDGE_PAD + gaps[-1] / 2 + k * gaps[-1])
    units: list[tuple[float, float]] = []
    y = {1: bh + COLUMN_TOP, -1: bh + COLUMN_TOP}
    for i, sh in enumerate(shapes):
        s = side[i]
        x = right_x if s == 1 else box_x + EDGE_PAD - LANE_PAD - sh.w
        units.append((x, y[s]))
        y[s] += sh.h + COLUMN_GAP
    right_w = max((shapes[i].w for i in range(len(shapes)) if side[i] == 1), default=0.0)
    width = max(box_x + bw, right_x + right_w if right_w else 0.0)
    height = max(y.values()) - COLUMN_GAP
    return _Block(width, height, box_x, True, units, lanes, side)


def _grid(
    bw: float, bh: float, shapes: list[_UnitShape], laned: list[bool], k: int
) -> _Block | None:
    """Units in ``k`` columns under the claim, each column with a corridor of lanes on its
    left; the lanes leave the grid at its top and curve, in order, to the claim's bottom."""
    groups: list[list[int]] = []
    for i, has in enumerate(laned):
        if has or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    if len(groups) < k or sum(laned) < 2:
        return None
    if (bw - 2 * EDGE_PAD) / max(1, sum(laned) - 1) < MIN_GAP:
        return None
    heights = [sum(shapes[i].h + COLUMN_GAP for i in g) for g in groups]
    target = sum(heights) / k
    columns: list[list[int]] = [[]]
    acc = 0.0
    for gi, (g, h) in enumerate(zip(groups, heights, strict=True)):
        left = len(groups) - gi  # groups still to place, this one included
        full = acc + h / 2 > target or left < k - len(columns) + 1
        if columns[-1] and full and len(columns) < k:
            columns.append([])
            acc = 0.0
        columns[-1].extend(g)
        acc += h
    if len(columns) < k:
        return None
    top = bh + RANK_GAP
    units: list[tuple[float, float]] = [(0.0, 0.0)] * len(shapes)
    lanes: list[float | None] = [None] * len(shapes)
    x = 0.0
    bottom = top
    for col in columns:
        count = sum(1 for i in col if laned[i])
        corridor = 4.0 + count * LANE_GAP + LANE_PAD
        y = top + COLUMN_TOP
        n = 0
        for i in col:
            units[i] = (x + corridor, y)
            if laned[i]:
                lanes[i] = x + corridor - LANE_PAD - LANE_GAP / 2 - n * LANE_GAP
                n += 1
            y += shapes[i].h + COLUMN_GAP
        bottom = max(bottom, y - COLUMN_GAP)
        x += corridor + max(shapes[i].w for i in col) + SIBLING_GAP
    width = x - SIBLING_GAP
    box_x = (width - bw) / 2
    if box_x < 0:
        shift = -box_x
        units = [(ux + shift, uy) for ux, uy in units]
        lanes = [None if ln is None else ln + shift for ln in lanes]
        box_x, width = 0.0, bw
    return _Block(width, bottom, box_x, True, units, lanes, [1] * len(shapes), top)


def _blocks(
    forest: _Forest, sizes: Mapping[str, Point], budget: float
) -> tuple[dict[str, _Block], dict[str, list[_UnitShape]]]:
    blocks: dict[str, _Block] = {}
    all_shapes: dict[str, list[_UnitShape]] = {}
    for c in reversed(forest.order):
        bw, bh = sizes[c]
        units = forest.children[c]
        if not units:
            blocks[c] = _Block(bw, bh, 0.0)
            continue
        shapes = [_unit_shape(u, blocks, sizes) for u in units]
        all_shapes[c] = shapes
        block = _row(bw, bh, shapes)
        if block.w > budget and len(units) > 1:
            laned = [not u.undercut for u in units]
            made = [_column(bw, bh, shapes, laned, two) for two in (True, False)]
            made += [_grid(bw, bh, shapes, laned, k) for k in range(2, len(units))]
            options = [b for b in made if b is not None]
            fits = [b for b in options if b.w <= budget]
            if fits:
                block = min(fits, key=lambda b: (b.h, b.w))
            elif options:
                block = min([block, *options], key=lambda b: (b.w, b.h))
        blocks[c] = block
    return blocks, all_shapes


def _pack(
    forest: _Forest, blocks: Mapping[str, _Block], budget: float
) -> tuple[dict[str, Point], Point]:
    """Root blocks in shelves no wider than the budget (or the widest root)."""
    limit = max(budget, *(blocks[r].w for r in forest.roots))
    origins: dict[str, Point] = {}
    x = y = shelf_h = width = 0.0
    for r in forest.roots:
        b = blocks[r]
        if x > 0 and x + b.w > limit:
            x, y, shelf_h = 0.0, y + shelf_h + ROOT_GAP, 0.0
        origins[r] = (x, y)
        width = max(width, x + b.w)
        shelf_h = max(shelf_h, b.h)
        x += b.w + ROOT_GAP
    return origins, (width, y + shelf_h)


# ------------------------------------------------------------------------------ the layout


def tree_layout(
    m: MapView,
    *,
    rankdir: str = "BT",
    wrap_width: float = style.WRAP_WIDTH,
    max_aspect: float = MAX_ASPECT,
) -> Layout:
    """Lay out ``m`` (see the module's docstring); deterministic, no external program."""
    if rankdir not in RANKDIRS:
        raise ArgmapError(f"unknown rank direction {rankdir!r} (use one of {', '.join(RANKDIRS)})")
    real = box_sizes(m, wrap_width)
    if not real:
        return Layout({}, {}, (0.0, 0.0))
    across = rankdir in ("LR", "RL")
    # Sideways directions lay out the transposed picture, then swap x and y.
    sizes = {c: (h, w) for c, (w, h) in real.items()} if across else real
    forest = _Forest(m)
    first = math.inf if len(sizes) <= GUIDED_FROM else _guess(sizes, across)
    blocks, shapes = _blocks(forest, sizes, first)
    origins, size = _pack(forest, blocks, first)
    # The widest budget whose map is no wider than the cap; budgets shrink geometrically,
    # each try is linear, and the best try so far is kept.
    floor = max(w for w, _ in sizes.values()) * 1.5
    best = (_misfit(size, max_aspect, across), blocks, shapes, origins, size)
    if len(sizes) <= GUIDED_FROM:
        budgets = _budgets(size[0], floor)
        for budget in budgets:
            if best[0] == 0:
                break
            blocks, shapes = _blocks(forest, sizes, budget)
            origins, size = _pack(forest, blocks, budget)
            misfit = _misfit(size, max_aspect, across)
            if misfit < best[0]:
                best = (misfit, blocks, shapes, origins, size)
    else:
        # Big maps: bisect the budget (in log space) around the guess, a few linear tries.
        lo, hi, budget = math.log(floor), math.log(first * 8), math.log(first)
        for _ in range(BISECTIONS):
            if best[0] == 0:
                break
            w, h = (size[1], size[0]) if across else size
            if w > h:  # too wide: a smaller budget
                hi = budget
            else:
                lo = budget
            budget = (lo + hi) / 2
            blocks, shapes = _blocks(forest, sizes, math.exp(budget))
            origins, size = _pack(forest, blocks, math.exp(budget))
            misfit = _misfit(size, max_aspect, across)
            if misfit < best[0]:
                best = (misfit, blocks, shapes, origins, size)
    _, blocks, shapes, origins, size = best
    positions, unit_origin = _place(forest, blocks, shapes, sizes, origins)
    routes = _Router(m, forest, blocks, shapes, sizes, positions, unit_origin).routes()
    return _orient(positions, routes, size, rankdir)


def _budgets(full: float, floor: float) -> list[float]:
    """Width budgets to try on a small map, widest first: a geometric series to the floor."""
    series = []
    budget = full * SEARCH_STEP
    while budget >= floor:
        series.append(budget)
        budget *= SEARCH_STEP
    return series


def _guess(sizes: Mapping[str, Point], across: bool) -> float:
    """The width of a page-shaped (1.4:1) picture of the boxes and the space between them."""
    area = sum(w * h for w, h in sizes.values()) * 3.0
    return math.sqrt(area * (1 / 1.4 if across else 1.4))


def _misfit(size: Point, max_aspect: float, across: bool) -> float:
    """How far the picture is from fitting: 0 when width:height lies in [1/2, max_aspect]
    (after turning sideways maps upright), else the log distance to that range."""
    w, h = (size[1], size[0]) if across else size
    aspect = max(w, 1.0) / max(h, 1.0)
    if aspect > max_aspect:
        return math.log(aspect / max_aspect)
    if aspect < 0.5:
        return math.log(0.5 / aspect)
    return 0.0


def _place(
    forest: _Forest,
    blocks: Mapping[str, _Block],
    shapes: Mapping[str, list[_UnitShape]],
    sizes: Mapping[str, Point],
    origins: Mapping[str, Point],
) -> tuple[dict[str, Point], dict[str, Point]]:
    """Claim centres, and each tree relation's unit origin (top-left), top down."""
    block_origin = dict(origins)
    positions: dict[str, Point] = {}
    unit_origin: dict[str, Point] = {}
    for c in forest.order:
        ox, oy = block_origin[c]
        b = blocks[c]
        bw, bh = sizes[c]
        positions[c] = (ox + b.box_x + bw / 2, oy + bh / 2)
        for u, (ux, uy), s in zip(forest.children[c], b.units, shapes.get(c, ()), strict=True):
            unit_origin[u.rel.id] = (ox + ux, oy + uy)
            for p, px in zip(u.premises, s.premise_x, strict=True):
                block_origin[p] = (ox + ux + px, oy + uy)
    return positions, unit_origin


def _orient(
    positions: dict[str, Point], routes: dict[str, tuple[Point, ...]], size: Point, rankdir: str
) -> Layout:
    w, h = size

    def turn(p: Point) -> Point:
        x, y = p
        if rankdir == "TB":
            y = h - y
        elif rankdir == "RL":
            x, y = y, x
        elif rankdir == "LR":
            x, y = h - y, x
        return (round(x, 2) + 0.0, round(y, 2) + 0.0)

    out_size = (h, w) if rankdir in ("LR", "RL") else (w, h)
    return Layout(
        {c: turn(p) for c, p in positions.items()},
        {r: tuple(turn(p) for p in route) for r, route in routes.items()},
        (round(out_size[0], 2), round(out_size[1], 2)),
    )


# ------------------------------------------------------------------------------ routes


def _s_curve(a: Point, b: Point) -> tuple[Point, ...]:
    """From ``a`` to ``b`` leaving and arriving vertically: no spike, no hook."""
    mid = (a[1] + b[1]) / 2
    return (a, (a[0], mid), (b[0], mid), b)


def _straight(a: Point, b: Point) -> tuple[Point, Point, Point, Point]:
    return (a, _lerp(a, b, 1 / 3), _lerp(a, b, 2 / 3), b)


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _lane_route(port: Point, lane_x: float, end_y: float) -> tuple[Point, ...]:
    """Sideways from ``port`` to the lane, a rounded bend, then up to ``end_y``: three
    segments, so the drawing's inference point (the middle of the middle one) is on the bend."""
    px, py = port
    s = 1.0 if lane_x > px else -1.0
    r = max(1.0, min(CORNER, abs(px - lane_x) / 2, (py - end_y) / 2))
    k = 0.45  # the bend's handles, near a quarter circle
    return (
        *_straight(port, (lane_x - s * r, py)),
        (lane_x - s * r * k, py),
        (lane_x, py - r * k),
        (lane_x, py - r),
        *_straight((lane_x, py - r), (lane_x, end_y))[1:],
    )


def _spread(desired: list[float], low: float, high: float, gap: float) -> list[float]:
    """Positions near ``desired`` (sorted) within [low, high], at least ``gap`` apart if the
    room allows, evenly spaced otherwise; the order is kept."""
    n = len(desired)
    if n == 1:
        return [min(max(desired[0], low), high)]
    gap = min(gap, (high - low) / (n - 1)) if high > low else 0.0
    out = [min(max(d, low), high) for d in desired]
    for i in range(1, n):
        out[i] = max(out[i], out[i - 1] + gap)
    over = out[-1] - high
    if over > 0:
        out[-1] = high
        for i in range(n - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - gap)
    return out


class _Router:
    def __init__(
        self,
        m: MapView,
        forest: _Forest,
        blocks: Mapping[str, _Block],
        shapes: Mapping[str, list[_UnitShape]],
        sizes: Mapping[str, Point],
        positions: Mapping[str, Point],
        unit_origin: Mapping[str, Point],
    ) -> None:
        self.m = m
        self.forest = forest
        self.blocks = blocks
        self.shapes = shapes
        self.sizes = sizes
        self.pos = positions
        self.unit_origin = unit_origin
        self.out: dict[str, tuple[Point, ...]] = {}
        self.grid = _BoxGrid(positions, sizes)

    def routes(self) -> dict[str, tuple[Point, ...]]:
        pending: list[Relation] = []
        for c in self.forest.order:
            units = self.forest.children[c]
            if not units:
                continue
            if self.blocks[c].column:
                self._column_routes(c, units)
            else:
                self._row_routes(c, units)
        tree = {u.rel.id for us in self.forest.children.values() for u in us}
        cross = [r for r in self.forest.relations.values() if r.id not in tree]
        pending = [u.rel for us in self.forest.children.values() for u in us if u.undercut]
        pending += [r for r in cross if r.kind is RelationKind.UNDERCUT]
        for r in cross:
            if r.kind is not RelationKind.UNDERCUT:
                self._cross(r)
        self._undercuts(pending)
        return self.finish()

    def finish(self) -> dict[str, tuple[Point, ...]]:
        self._untangle_tips()
        return {
            r: tuple((round(x, 2), round(y, 2)) for x, y in route) for r, route in self.out.items()
        }

    def _undercuts(self, pending: list[Relation]) -> None:
        """Undercuts once what they aim at is drawn (an undercut may aim at an undercut)."""
        while pending:
            later = []
            for r in sorted(pending, key=lambda r: natural_key(r.id)):
                if r.target in self.out:
                    self._undercut(r)
                else:
                    later.append(r)
            if len(later) == len(pending):
                break  # aims at a relation with no route: the drawing draws a straight line
            pending = later

    # -- geometry of the placed units

    def _box(self, c: str) -> tuple[float, float, float, float]:
        (x, y), (w, h) = self.pos[c], self.sizes[c]
        return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)

    def _anchor(self, u: _Unit) -> Point:
        """Where a row unit's line starts: its box's top centre, or the junction."""
        if len(u.premises) == 1:
            x0, y0, x1, _ = self._box(u.premises[0])
            return ((x0 + x1) / 2, y0)
        tops = [self._box(p) for p in u.premises]
        x = sum((b[0] + b[2]) / 2 for b in tops) / len(tops)
        return (x, min(b[1] for b in tops) - JUNCTION_RISE)

    def _port(self, u: _Unit, side: int) -> Point:
        """Where a column unit's line starts: its box's middle on the spine's side, or the
        junction."""
        if len(u.premises) == 1:
            x0, y0, x1, y1 = self._box(u.premises[0])
            return (x0 if side == 1 else x1, (y0 + y1) / 2)
        return self._anchor(u)

    def _row_routes(self, c: str, units: list[_Unit]) -> None:
        x0, _, x1, bottom = self._box(c)
        normal = [u for u in units if not u.undercut]
        if not normal:
            return
        starts = [self._anchor(u) for u in normal]
        tips = _spread([s[0] for s in starts], x0 + EDGE_PAD, x1 - EDGE_PAD, ARRIVAL_GAP)
        for u, s, tx in zip(normal, starts, tips, strict=True):
            self.out[u.rel.id] = _s_curve(s, (tx, bottom))

    def _column_routes(self, c: str, units: list[_Unit]) -> None:
        _, _, _, bottom = self._box(c)
        origin_x = self._block_left(c)
        b = self.blocks[c]
        if b.band is not None:
            self._grid_routes(c, units)
            return
        for u, lane, side in zip(units, b.lanes, b.sides, strict=True):
            if lane is not None:
                self.out[u.rel.id] = _lane_route(self._port(u, side), origin_x + lane, bottom)

    def _grid_routes(self, c: str, units: list[_Unit]) -> None:
        x0, y0, x1, bottom = self._box(c)
        b = self.blocks[c]
        assert b.band is not None
        left = self._block_left(c)
        band = y0 + b.band
        laned = sorted(((left + lane, i) for i, lane in enumerate(b.lanes) if lane is not None))
        tips = _spread([x for x, _ in laned], x0 + EDGE_PAD, x1 - EDGE_PAD, ARRIVAL_GAP)
        for (lane_x, i), tip in zip(laned, tips, strict=True):
            u = units[i]
            route = _lane_route(self._port(u, 1), lane_x, band)
            self.out[u.rel.id] = (*route, *_s_curve(route[-1], (tip, bottom))[1:])

    def _block_left(self, c: str) -> float:
        return self._box(c)[0] - self.blocks[c].box_x

    # -- undercuts and cross links

    def _aim(self, rid: str) -> Point:
        rel = self.forest.relations[rid]
        route = self.out[rid]
        if len(rel.premises) > 1:
            return route[0]
        return inference_point(route, style.EDGE_STYLES[rel.kind].head)

    def _undercut(self, r: Relation) -> None:
        aim = self._aim(r.target)
        where = self.forest.unit_of.get(r.id)
        if where is not None:
            parent, i = where
            u = self.forest.children[parent][i]
            b = self.blocks[parent]
            if b.column and len(u.premises) == 1:
                side = b.sides[i]
                port = self._port(u, side)
                if side * (port[0] - aim[0]) > 2 * CORNER and port[1] - aim[1] > 2 * CORNER:
                    self.out[r.id] = _lane_route(port, aim[0], aim[1])
                    return
            start = self._anchor(u)
            if start[1] - aim[1] > 2 * CORNER:
                self.out[r.id] = _sideways(start, aim)
                return
        self._cross(r, aim)

    def _cross(self, r: Relation, aim: Point | None = None) -> None:
        """A relation outside the forest: the first candidate curve that crosses no box (or
        the one crossing fewest)."""
        premise = r.premises[0]
        if len(r.premises) > 1:
            # The junction goes beside the premises, toward the target.
            boxes = [self._box(p) for p in r.premises]
            start_box = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
        else:
            start_box = self._box(premise)
        target_box = self._box(r.target) if aim is None else None
        ends = [("point", aim)] if aim is not None else list(_sides(self._box(r.target)))
        starts = _sides(start_box)
        if len(r.premises) > 1:
            # The junction sits just outside the linked premises, toward the target.
            starts = [(side, _out(side, p, JUNCTION_RISE)) for side, p in starts]
        skip = {*r.premises, r.target}
        fine_starts, fine_ends = starts, ends
        if len(self.pos) <= SMALL_MAP:
            # Small maps also try the quarter points of each side: more gaps to thread.
            fine_starts = _sides(start_box, fine=True)
            if len(r.premises) > 1:
                fine_starts = [(sd, _out(sd, p, JUNCTION_RISE)) for sd, p in fine_starts]
            if aim is None:
                fine_ends = _sides(self._box(r.target), fine=True)
        direct = [_candidate(sa, a, sb, b) for sa, a in fine_starts for sb, b in fine_ends]
        # Curves that leave or enter against their direction make hooks: tried last.
        direct.sort(key=lambda c: (_backwards(c), _length(c)))
        if _length(direct[0]) > LONG_LINK:
            self.out[r.id] = direct[0]  # across a big map every curve crosses something
            return
        best: tuple[int, tuple[Point, ...]] | None = None
        mends = (fine_starts, fine_ends)
        for route in self._detours(direct, starts, ends, start_box, target_box, mends):
            hits = self.grid.crossings(route, skip, best[0] if best else 1 << 30)
            if best is None or hits < best[0]:
                best = (hits, route)
            if hits == 0:
                break
        assert best is not None
        self.out[r.id] = best[1]

    def _detours(
        self,
        direct: list[tuple[Point, ...]],
        starts: list[tuple[str, Point]],
        ends: list[tuple[str, Point]],
        start_box: tuple[float, float, float, float],
        target_box: tuple[float, float, float, float] | None,
        mends: tuple[list[tuple[str, Point]], list[tuple[str, Point]]],
    ) -> Iterator[tuple[Point, ...]]:
        """The direct curves, then curves through one or two waypoints in the free bands
        beside the two boxes, shortest first; curves that hook (leave or enter against their
        way) only after every curve that does not."""
        clean = [c for c in direct if not _backwards(c)]
        yield from clean
        xs = [start_box[0] - DETOUR, start_box[2] + DETOUR, (start_box[0] + start_box[2]) / 2]
        ys = [start_box[1] - DETOUR, start_box[3] + DETOUR, (start_box[1] + start_box[3]) / 2]
        if target_box is not None:
            xs += [target_box[0] - DETOUR, target_box[2] + DETOUR]
            ys += [target_box[3] + DETOUR, target_box[1] - DETOUR]
        else:  # an undercut's aim: come at it from close by
            (ax, ay) = ends[0][1]
            xs += [ax - 2 * DETOUR, ax + 2 * DETOUR, ax]
            ys += [ay - 2 * DETOUR, ay + 2 * DETOUR, ay]
        waypoints = [(x, y) for x in xs for y in ys]
        small = len(self.pos) <= SMALL_MAP
        detours = [
            _through(sa, a, [w], sb, b) for sa, a in starts for sb, b in ends for w in waypoints
        ]
        if small:
            # Two waypoints: round the premise's box, then round the target's (or the aim).
            last = _around(target_box) if target_box is not None else [ends[0][1]]
            sides_a = dict(starts)
            sides_b = dict(ends)
            for w1 in _around(start_box):
                sa = _facing(start_box, w1)
                for w2 in last:
                    if target_box is None:
                        detours.append(_through(sa, sides_a[sa], [w1], "point", w2))
                        continue
                    sb = _facing(target_box, w2)
                    detours.append(_through(sa, sides_a[sa], [w1, w2], sb, sides_b[sb]))
        # Hooks are dropped before the cut, so the cut keeps only curves worth drawing.
        hooked = [c for c in detours if _hooked(c)]
        detours = [c for c in detours if not _hooked(c)]
        detours.sort(key=lambda c: (len(c), _length(c)))
        yield from detours[: MAX_DETOURS if small else BIG_MAP_DETOURS]
        # A hooked curve straightened: reversing waypoints dropped, ends moved to the sides
        # that face the way on.
        hooked += [c for c in direct if _backwards(c)]
        mended = {m for c in hooked for m in _unhooked(c, *mends)}
        yield from sorted(
            (c for c in mended if not _hooked(c)), key=lambda c: (len(c), _length(c), c)
        )
        hooked.sort(key=lambda c: (len(c), _length(c)))
        yield from hooked[: MAX_DETOURS if small else BIG_MAP_DETOURS]

    def _untangle_tips(self) -> None:
        """Tips that land within ``MIN_GAP`` of each other on one side of a box are spread
        along it; the last handle moves with its tip, so each arrow keeps its direction."""
        arrivals: dict[tuple[str, str], list[tuple[float, str]]] = {}
        for rid, route in self.out.items():
            rel = self.forest.relations[rid]
            if rel.kind is RelationKind.UNDERCUT:
                continue
            x0, y0, x1, y1 = self._box(rel.target)
            x, y = route[-1]
            gaps = {"left": x - x0, "right": x1 - x, "top": y - y0, "bottom": y1 - y}
            side = min(gaps, key=lambda k: gaps[k])
            along = y if side in ("left", "right") else x
            arrivals.setdefault((rel.target, side), []).append((along, rid))
        for (target, side), tips in sorted(arrivals.items()):
            tips.sort()
            if len(tips) < 2 or all(b[0] - a[0] >= MIN_GAP for a, b in itertools.pairwise(tips)):
                continue
            x0, y0, x1, y1 = self._box(target)
            horizontal = side in ("top", "bottom")
            low, high = (x0, x1) if horizontal else (y0, y1)
            spread = _spread([a for a, _ in tips], low + EDGE_PAD, high - EDGE_PAD, ARRIVAL_GAP)
            for (along, rid), new in zip(tips, spread, strict=True):
                shift = new - along
                if not shift:
                    continue
                chain = list(self.out[rid])
                for k in (-1, -2):
                    px, py = chain[k]
                    chain[k] = (px + shift, py) if horizontal else (px, py + shift)
                self.out[rid] = tuple(chain)


def route_relations(
    m: MapView,
    positions: Mapping[str, Point],
    sizes: Mapping[str, Point],
    routes: Mapping[str, tuple[Point, ...]],
) -> dict[str, tuple[Point, ...]]:
    """Routes for every relation of ``m`` between boxes placed at ``positions``: those in
    ``routes`` are kept, the others get the first candidate curve that crosses no box."""
    forest = _Forest(m)
    forest.unit_of = {}  # no blocks here: every relation is routed as a cross link
    router = _Router(m, forest, {}, {}, sizes, positions, {})
    router.out = dict(routes)
    todo = [
        r
        for r in forest.relations.values()
        if r.id not in router.out and all(p in positions for p in r.premises)
    ]
    for r in todo:
        if r.kind is not RelationKind.UNDERCUT and r.target in positions:
            router._cross(r)
    router._undercuts([r for r in todo if r.kind is RelationKind.UNDERCUT])
    return router.finish()


def _sideways(start: Point, aim: Point) -> tuple[Point, ...]:
    """Up from ``start``, arriving at ``aim`` horizontally: an undercut meets the line it
    attacks across, and its open head points along its own last stretch."""
    dx = aim[0] - start[0]
    reach = math.copysign(min(abs(dx) / 2, 40.0), dx) if dx else 0.0
    return (start, (start[0], aim[1]), (aim[0] - reach, aim[1]), aim)


def _sides(box: tuple[float, float, float, float], fine: bool = False) -> list[tuple[str, Point]]:
    """The middle of each side of a box (``fine``: and the points a quarter along)."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    out = [("top", (cx, y0)), ("bottom", (cx, y1)), ("left", (x0, cy)), ("right", (x1, cy))]
    if fine:
        qx, qy = (x1 - x0) / 4, (y1 - y0) / 4
        for d in (-1, 1):
            out += [
                ("top", (cx + d * qx, y0)),
                ("bottom", (cx + d * qx, y1)),
                ("left", (x0, cy + d * qy)),
                ("right", (x1, cy + d * qy)),
            ]
    return out


_OUT = {"top": (0.0, -1.0), "bottom": (0.0, 1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}


def _candidate(side_a: str, a: Point, side_b: str, b: Point) -> tuple[Point, ...]:
    """A curve leaving ``a`` straight out of its side and entering ``b`` straight into its
    side (or, for a point, along the line between them)."""
    reach = max(30.0, math.dist(a, b) / 3)
    ax, ay = _OUT[side_a]
    c1 = (a[0] + ax * reach, a[1] + ay * reach)
    if side_b == "point":
        c2 = _lerp(b, c1, 0.3)
    else:
        bx, by = _OUT[side_b]
        c2 = (b[0] + bx * reach, b[1] + by * reach)
    return (a, c1, c2, b)


def _out(side: str, p: Point, distance: float) -> Point:
    dx, dy = _OUT[side]
    return (p[0] + dx * distance, p[1] + dy * distance)


def _through(
    side_a: str, a: Point, waypoints: list[Point], side_b: str, b: Point, tight: bool = False
) -> tuple[Point, ...]:
    """Cubic segments from ``a`` out of its side, through each waypoint, into ``b``'s side
    (or at the point ``b``); at a waypoint the tangent halves the angle between the ways in
    and out, so there is no kink and no loop. ``tight``: the curve keeps within ``DETOUR``
    of the straight way between its points (it threads the lane it was meant for)."""
    pts = [a, *waypoints, b]
    tangents: list[Point] = []
    for prev, w, nxt in zip(pts, pts[1:], pts[2:], strict=False):
        d1, d2 = math.dist(prev, w) or 1.0, math.dist(w, nxt) or 1.0
        ux = (w[0] - prev[0]) / d1 + (nxt[0] - w[0]) / d2
        uy = (w[1] - prev[1]) / d1 + (nxt[1] - w[1]) / d2
        norm = math.hypot(ux, uy) or 1.0
        tangents.append((ux / norm, uy / norm))
    out: list[Point] = [a]
    for i, (p, q) in enumerate(itertools.pairwise(pts)):
        reach = max(20.0, math.dist(p, q) / 3)
        if i == 0:
            dx, dy = _OUT[side_a]
        else:
            dx, dy = tangents[i - 1]
        c1 = _handle(p, (dx, dy), reach, q, tight)
        if i == len(pts) - 2:
            if side_b == "point":
                c2 = _lerp(q, c1, 0.3)
            else:
                c2 = _handle(q, _OUT[side_b], reach, p, tight)
        else:
            tx, ty = tangents[i]
            c2 = _handle(q, (-tx, -ty), reach, p, tight)
        out += [c1, c2, q]
    return tuple(out)


def _handle(p: Point, way: Point, reach: float, other: Point, tight: bool) -> Point:
    """The control point ``reach`` along ``way`` from ``p``; ``tight``: shortened so it
    strays at most ``DETOUR`` from the line p–other."""
    if tight:
        cx, cy = other[0] - p[0], other[1] - p[1]
        chord = math.hypot(cx, cy) or 1.0
        across = abs(way[0] * cy - way[1] * cx) / chord
        if across * reach > DETOUR:
            reach = DETOUR / across
    return (p[0] + way[0] * reach, p[1] + way[1] * reach)


def _around(box: tuple[float, float, float, float]) -> list[Point]:
    """Eight waypoints just outside a box: its corners and the middles of its sides."""
    x0, y0, x1, y1 = box[0] - DETOUR, box[1] - DETOUR, box[2] + DETOUR, box[3] + DETOUR
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    return [(x0, y0), (xm, y0), (x1, y0), (x1, ym), (x1, y1), (xm, y1), (x0, y1), (x0, ym)]


def _facing(box: tuple[float, float, float, float], p: Point) -> str:
    """The side of ``box`` that faces ``p``."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx = (p[0] - cx) / max(1.0, box[2] - box[0])
    dy = (p[1] - cy) / max(1.0, box[3] - box[1])
    if abs(dx) > abs(dy):
        return "right" if dx > 0 else "left"
    return "bottom" if dy > 0 else "top"


def _backwards(route: tuple[Point, ...]) -> int:
    """How many segment ends of a curve point away from where that segment goes: a curve
    that leaves or enters against its way makes a hook or a loop."""
    count = 0
    for i in range(0, len(route) - 3, 3):
        a, c1, c2, b = route[i : i + 4]
        dx, dy = b[0] - a[0], b[1] - a[1]
        count += (c1[0] - a[0]) * dx + (c1[1] - a[1]) * dy < 0
        count += (b[0] - c2[0]) * dx + (b[1] - c2[1]) * dy < 0
    return count


def _hooked(route: tuple[Point, ...]) -> bool:
    """Whether a curve hooks: a segment leaves or enters against its way, or the way turns
    back by more than 120° at a waypoint (the curve would swing out and curl round)."""
    if _backwards(route):
        return True
    ends = route[::3]
    return any(_turns_back(*way) for way in zip(ends, ends[1:], ends[2:], strict=False))


def _unhooked(
    route: tuple[Point, ...],
    starts: list[tuple[str, Point]],
    ends: list[tuple[str, Point]],
) -> Iterator[tuple[Point, ...]]:
    """``route`` without the waypoints where it turns back by more than 120°, leaving from
    each start and entering at each end whose side faces the way on."""
    pts = list(route[::3])
    turned = True
    while turned and len(pts) > 2:
        turned = False
        for k in range(1, len(pts) - 1):
            if _turns_back(pts[k - 1], pts[k], pts[k + 1]):
                del pts[k]
                turned = True
                break
    after, before = pts[1], pts[-2]
    for side_a, a in starts:
        dx, dy = _OUT[side_a]
        if (after[0] - a[0]) * dx + (after[1] - a[1]) * dy <= 0:
            continue
        for side_b, b in ends:
            if side_b != "point":
                dx, dy = _OUT[side_b]
                if (before[0] - b[0]) * dx + (before[1] - b[1]) * dy <= 0:
                    continue
            if len(pts) == 2:
                yield _candidate(side_a, a, side_b, b)
            else:
                yield _through(side_a, a, pts[1:-1], side_b, b, tight=True)


def _turns_back(p: Point, w: Point, q: Point) -> bool:
    """Whether the way p–w–q turns by more than 120° at ``w``."""
    d1, d2 = (w[0] - p[0], w[1] - p[1]), (q[0] - w[0], q[1] - w[1])
    return d1[0] * d2[0] + d1[1] * d2[1] < -0.5 * math.hypot(*d1) * math.hypot(*d2)


def _length(route: tuple[Point, ...]) -> float:
    return sum(math.dist(p, q) for p, q in itertools.pairwise(route))


def _bezier(route: tuple[Point, ...], steps: int) -> list[Point]:
    pts: list[Point] = []
    for i in range(0, len(route) - 3, 3):
        p0, c1, c2, p1 = route[i : i + 4]
        for k in range(steps + 1):
            t = k / steps
            mt = 1 - t
            pts.append(
                (
                    mt**3 * p0[0] + 3 * mt * mt * t * c1[0] + 3 * mt * t * t * c2[0] + t**3 * p1[0],
                    mt**3 * p0[1] + 3 * mt * mt * t * c1[1] + 3 * mt * t * t * c2[1] + t**3 * p1[1],
                )
            )
    return pts


class _BoxGrid:
    """Boxes bucketed in a coarse grid, to count the boxes a curve crosses quickly."""

    CELL = 200.0

    def __init__(self, positions: Mapping[str, Point], sizes: Mapping[str, Point]) -> None:
        self.boxes: dict[str, tuple[float, float, float, float]] = {}
        self.cells: dict[tuple[int, int], list[str]] = {}
        for c, (x, y) in positions.items():
            w, h = sizes[c]
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            self.boxes[c] = box
            for i in range(int(box[0] // self.CELL), int(box[2] // self.CELL) + 1):
                for j in range(int(box[1] // self.CELL), int(box[3] // self.CELL) + 1):
                    self.cells.setdefault((i, j), []).append(c)

    def crossings(self, route: tuple[Point, ...], skip: set[str], limit: int = 1 << 30) -> int:
        """How many boxes (other than ``skip``) the curve passes through; stops at ``limit``."""
        hit: set[str] = set()
        steps = max(12, min(64, int(_length(route) / 40)))
        pts = _bezier(route, steps)
        cell = self.CELL
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            for i in range(int(min(ax, bx) // cell), int(max(ax, bx) // cell) + 1):
                for j in range(int(min(ay, by) // cell), int(max(ay, by) // cell) + 1):
                    for c in self.cells.get((i, j), ()):
                        if c in skip or c in hit:
                            continue
                        if _segment_hits(ax, ay, bx, by, self.boxes[c]):
                            hit.add(c)
                            if len(hit) >= limit:
                                return len(hit)
        return len(hit)


def _segment_hits(
    ax: float, ay: float, bx: float, by: float, box: tuple[float, float, float, float]
) -> bool:
    """Whether the segment a–b enters the box's interior (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = box[0] + 0.5, box[1] + 0.5, box[2] - 0.5, box[3] - 0.5
    t0, t1 = 0.0, 1.0
    dx, dy = bx - ax, by - ay
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True
