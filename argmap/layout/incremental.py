"""A stable layout: the previous picture stays, only what changed finds a place.

DESIGN.md rule 15: the layout takes the previous positions as input and moves as little as it
can. Given a fresh layout of the map as it is now (which says where things *would* go) and the
previous positions:

- every claim with a previous position keeps it, unless its box now overlaps another kept box
  (its text was edited and the box grew): then the bigger of the two moves, as a new claim does;
- a new claim goes where the fresh layout puts it relative to its nearest placed neighbour
  (normally the claim it bears on), or, if that spot is taken, to the nearest free spot around
  it, searched ring by ring;
- routes between unmoved claims stay as stored; the others are routed again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from argmap.layout.engine import Layout, extent
from argmap.model.argument_map import ArgumentMap, natural_key

Point = tuple[float, float]

GAP = 16.0  # kept free around a placed box
STEP = 24.0  # the search for a free spot moves in steps this big
RINGS = 40  # and gives up (taking the least crowded spot) this many steps out
CELL = 240.0


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
    m: ArgumentMap, fresh: Layout, previous: Mapping[str, Point], sizes: Mapping[str, Point]
) -> Layout:
    """``fresh`` bent to keep ``previous`` (see the module's docstring)."""
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
    positions = dict(kept) if complete else _place_new(m, fresh, kept, sizes, grid)
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
    routes = route_relations(m, positions, sizes, routes)
    return Layout(positions, routes, extent(positions, sizes, (0.0, 0.0)))


def _place_new(
    m: ArgumentMap,
    fresh: Layout,
    kept: dict[str, Point],
    sizes: Mapping[str, Point],
    grid: _Occupancy,
) -> dict[str, Point]:
    # Neighbours through relations, to put a new claim near one that stayed.
    near: dict[str, list[str]] = {}
    for r in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        ends = [*r.premises]
        if m.has_claim(r.target):
            ends.append(r.target)
        else:  # an undercut: its neighbours are the claims of the relation it attacks
            target = m.relation(r.target)
            ends += [*target.premises, target.target] if m.has_claim(target.target) else []
        for a in ends:
            for b in ends:
                if a != b:
                    near.setdefault(a, []).append(b)
    positions = dict(kept)
    # Placed in the fresh layout's reading order, so a new subtree grows from its root.
    todo = sorted(
        (c for c in sizes if c not in kept),
        key=lambda c: (fresh.positions[c][1], fresh.positions[c][0], natural_key(c)),
    )
    if kept:
        n = len(kept)
        dx = sum(kept[c][0] - fresh.positions[c][0] for c in kept) / n
        dy = sum(kept[c][1] - fresh.positions[c][1] for c in kept) / n
    else:
        dx = dy = 0.0
    for c in todo:
        fx, fy = fresh.positions[c]
        anchor = next((a for a in near.get(c, ()) if a in positions), None)
        if anchor is not None:
            ax, ay = fresh.positions[anchor]
            px, py = positions[anchor]
            want = (px + fx - ax, py + fy - ay)
        else:
            want = (fx + dx, fy + dy)
        spot = _free_spot(want, sizes[c], grid)
        positions[c] = (round(spot[0], 2), round(spot[1], 2))
        grid.add(_box(positions[c], sizes[c]))
    return positions


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
