"""A stable layout: the previous picture stays, only what changed finds a place.

DESIGN.md rule 15: the layout takes the previous positions as input and moves as little as it
can. Given the previous positions:

- every claim with a previous position keeps it, unless its box now overlaps another kept box
  (its text was edited and the box grew): then the bigger of the two moves, as a new claim does;
- a new premise of a placed claim goes where the tree engine hangs the claim's next premise
  (:mod:`argmap.layout.slot`: after its siblings' row, under their column), if that is free;
- otherwise a new claim goes next to a placed neighbour (below the claim it bears on, above its
  premise, beside a co-premise), or, if that spot is taken, to the nearest free spot around it,
  searched ring by ring; only a claim with no placed neighbour at all asks for a fresh layout,
  and goes where that puts it;
- routes between unmoved claims stay as stored; the others are routed again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from argmap.layout.engine import Layout, extent
from argmap.model.argument_map import natural_key
from argmap.model.map_view import MapView

Point = tuple[float, float]

GAP = 16.0  # kept free around a placed box
RANK_GAP = 50.0  # a new premise goes this far below what it bears on
STEP = 24.0  # the search for a free spot moves in steps this big
RINGS = 40  # and gives up (taking the least crowded spot) this many steps out
CELL = 240.0
SLOTS_UP_TO = 50  # new claims; with more, each goes to the nearest free spot (no slot search)


class _Occupancy:
    """Placed boxes in a coarse grid, for "is this spot free?"."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        return [
            (i, j)
            for i in range(math.floor(box[0] / CELL), math.floor(box[2] / CELL) + 1)
            for j in range(math.floor(box[1] / CELL), math.floor(box[3] / CELL) + 1)
        ]

    def add(self, box: tuple[float, float, float, float]) -> None:
        for k in self._keys(box):
            self.cells.setdefault(k, []).append(box)

    def clashes(self, box: tuple[float, float, float, float]) -> int:
        seen = set()
        for k in self._keys(box):
            for o in self.cells.get(k, ()):
                if o[0] < box[2] and box[0] < o[2] and o[1] < box[3] and box[1] < o[3]:
                    seen.add(o)
        return len(seen)


def _box(p: Point, size: Point, pad: float = 0.0) -> tuple[float, float, float, float]:
    return (
        p[0] - size[0] / 2 - pad,
        p[1] - size[1] / 2 - pad,
        p[0] + size[0] / 2 + pad,
        p[1] + size[1] / 2 + pad,
    )


def stabilise(
    m: MapView,
    fresh: Callable[[], Layout],
    previous: Mapping[str, Point],
    sizes: Mapping[str, Point],
) -> Layout:
    """The layout that keeps ``previous`` (see the module's docstring); ``fresh`` gives a
    fresh layout, asked for only when a new claim has no placed neighbour."""
    from argmap.layout.tree import route_relations

    ids = sorted(sizes, key=natural_key)
    pinned = {c.id for c in m.claims() if c.pinned and c.position is not None}
    kept = {c: (float(previous[c][0]), float(previous[c][1])) for c in ids if c in previous}
    # Kept boxes that overlap now (a box grew): the bigger one, unless pinned, is placed anew.
    grid = _Occupancy()
    order = sorted(kept, key=lambda c: (c not in pinned, sizes[c][0] * sizes[c][1], natural_key(c)))
    for c in order:
        box = _box(kept[c], sizes[c])
        if c not in pinned and grid.clashes(box):
            del kept[c]
            continue
        grid.add(box)
    complete = len(kept) == len(ids)
    slot_routes: dict[str, tuple[Point, ...]] = {}
    positions = dict(kept) if complete else _place_new(m, fresh, kept, sizes, grid, slot_routes)
    moved = {c for c in ids if previous.get(c) != positions[c]}
    stored = {c.id: c.position for c in m.claims()}
    keep_route = {
        r.id
        for r in m.relations()
        if r.route
        and all(
            c not in moved and stored.get(c) == positions[c]
            for c in (*r.premises, r.target)
            if c in positions
        )
    }
    # An undercut's route is only good while the line it aims at is.
    changed = True
    while changed:
        changed = False
        for r in m.relations():
            if r.id in keep_route and m.has_relation(r.target) and r.target not in keep_route:
                keep_route.discard(r.id)
                changed = True
    routes = {r.id: r.route for r in m.relations() if r.id in keep_route}
    routes.update(slot_routes)
    routes = route_relations(m, positions, sizes, routes)
    return Layout(positions, routes, extent(positions, sizes, (0.0, 0.0)))


def _place_new(
    m: MapView,
    fresh: Callable[[], Layout],
    kept: dict[str, Point],
    sizes: Mapping[str, Point],
    grid: _Occupancy,
    slot_routes: dict[str, tuple[Point, ...]],
) -> dict[str, Point]:
    # Neighbours through relations, with where a new claim goes from each: a premise below
    # what it bears on, a conclusion above its premise, co-premises and undercuts beside.
    near: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        if m.has_claim(r.target):
            for p in r.premises:
                near.setdefault(p, []).append((r.target, "below"))
                near.setdefault(r.target, []).append((p, "above"))
            side = list(r.premises)
        else:  # an undercut sits beside the premises of the relation it attacks
            side = [*r.premises, *m.relation(r.target).premises]
        for a in side:
            for b in side:
                if a != b:
                    near.setdefault(a, []).append((b, "beside"))
    positions = dict(kept)
    todo = sorted((c for c in sizes if c not in kept), key=natural_key)
    # Breadth first from what stayed, so a new subtree grows from its root.
    placed_any = True
    while todo and placed_any:
        placed_any = False
        later = []
        for c in todo:
            anchor = next(((a, how) for a, how in near.get(c, ()) if a in positions), None)
            if anchor is None:
                later.append(c)
                continue
            placed_any = True
            slotted = anchor[1] == "below" and len(todo) <= SLOTS_UP_TO
            if slotted and _put_in_slot(m, c, anchor[0], sizes, positions, grid, slot_routes):
                continue
            want = _next_to(positions[anchor[0]], sizes[anchor[0]], sizes[c], anchor[1])
            _put(c, want, sizes, positions, grid)
        todo = later
    if todo:  # claims with no placed neighbour: where a fresh layout puts them, shifted
        layout = fresh()
        n = len(kept)
        dx = sum(kept[c][0] - layout.positions[c][0] for c in kept) / n if n else 0.0
        dy = sum(kept[c][1] - layout.positions[c][1] for c in kept) / n if n else 0.0
        for c in sorted(todo, key=lambda c: (layout.positions[c][1], layout.positions[c][0])):
            fx, fy = layout.positions[c]
            _put(c, (fx + dx, fy + dy), sizes, positions, grid)
    return positions


def _put_in_slot(
    m: MapView,
    c: str,
    target: str,
    sizes: Mapping[str, Point],
    positions: dict[str, Point],
    grid: _Occupancy,
    slot_routes: dict[str, tuple[Point, ...]],
) -> bool:
    """Put a new premise of ``target`` in the first free slot the tree engine has for it
    beside its siblings (:mod:`argmap.layout.slot`, as the editor's Insert does), or the
    nearest free spot around the first; False if that is not below the target (nothing is
    pushed aside here)."""
    from argmap.layout.slot import premise_slots

    rel = next((r for r in m.relations_from(c) if r.target == target), None)
    slots = premise_slots(m, target, sizes[c], positions, sizes, free_spot=False)
    for slot in slots:
        if not grid.clashes(_box(slot.centre, sizes[c], GAP)):
            positions[c] = (round(slot.centre[0], 2), round(slot.centre[1], 2))
            grid.add(_box(positions[c], sizes[c]))
            if rel is not None and len(rel.premises) == 1 and slot.route:
                slot_routes[rel.id] = slot.route
            return True
    # All taken: the nearest free spot around the engine's slot, if still below the target.
    spot = _free_spot(slots[0].centre, sizes[c], grid)
    bottom = positions[target][1] + sizes[target][1] / 2
    if spot[1] - sizes[c][1] / 2 < bottom:
        return False
    positions[c] = (round(spot[0], 2), round(spot[1], 2))
    grid.add(_box(positions[c], sizes[c]))
    return True


def _next_to(at: Point, size: Point, own: Point, how: str) -> Point:
    if how == "below":
        return (at[0], at[1] + size[1] / 2 + RANK_GAP + own[1] / 2)
    if how == "above":
        return (at[0], at[1] - size[1] / 2 - RANK_GAP - own[1] / 2)
    return (at[0] + size[0] / 2 + GAP + own[0] / 2, at[1] - size[1] / 2 + own[1] / 2)


def _put(
    c: str,
    want: Point,
    sizes: Mapping[str, Point],
    positions: dict[str, Point],
    grid: _Occupancy,
) -> None:
    spot = _free_spot(want, sizes[c], grid)
    positions[c] = (round(spot[0], 2), round(spot[1], 2))
    grid.add(_box(positions[c], sizes[c]))


def _free_spot(want: Point, size: Point, grid: _Occupancy) -> Point:
    best: tuple[int, Point] | None = None
    for ring in range(RINGS + 1):
        spots = (
            [(0, 0)]
            if ring == 0
            else [
                (i, j)
                for i in range(-ring, ring + 1)
                for j in range(-ring, ring + 1)
                if max(abs(i), abs(j)) == ring
            ]
        )
        # Nearest first; below before beside before above (premises hang below).
        spots.sort(key=lambda s: (math.hypot(s[0], s[1]), -s[1], s[0]))
        for i, j in spots:
            p = (want[0] + i * STEP, want[1] + j * STEP)
            hits = grid.clashes(_box(p, size, GAP))
            if not hits:
                return p
            if best is None or hits < best[0]:
                best = (hits, p)
    assert best is not None
    return best[1]
