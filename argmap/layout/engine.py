"""The layout entry point: one function, several engines, the user's picture kept.

``compute_layout(m, engine=…)`` returns claim centres and relation routes for ``m``:

- ``tree`` (the default): :mod:`argmap.layout.tree`, a linear-time block tree layout with
  wide fan-outs wrapped into columns and grids, routes drawn by the engine itself. Chosen by
  measurement (BENCHMARKS.md, "Layout engines"): its maps fit a page, it is ~4× faster than
  our Graphviz graph at 1,000 claims and takes seconds at 10,000 where ``dot`` takes minutes;
- ``dot``: Graphviz ``dot`` through :mod:`argmap.layout.graphviz` (needs the program).

``previous`` (claim id → centre) makes the layout *stable* (DESIGN.md rule 15): claims that
had a position keep it, only new claims and claims whose box grew into a neighbour are placed,
near where a fresh layout would put them. Pinned claims always keep their stored position.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.layout import style
from argmap.layout.geometry import claim_box
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.map_view import MapView

Point = tuple[float, float]

ENGINES = ("tree", "dot")
DEFAULT_ENGINE = "tree"


@dataclass(frozen=True)
class Layout:
    """Claim centres and relation routes (points, y down) and the size of the whole layout."""

    positions: dict[str, Point]
    routes: dict[str, tuple[Point, ...]]
    size: Point


def compute_layout(
    m: MapView,
    *,
    engine: str = DEFAULT_ENGINE,
    rankdir: str = "BT",
    wrap_width: float = style.WRAP_WIDTH,
    keep_pinned: bool = True,
    timeout: float = 60.0,
    previous: Mapping[str, Point] | None = None,
) -> Layout:
    """Lay out ``m`` with ``engine``; with ``previous``, move as few claims as possible.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap(); _ = m.add_claim("Thesis", id="t"); _ = m.add_claim("Reason", id="r")
    >>> _ = m.connect(["r"], "t"); m.update_map(thesis="t")
    >>> lay = compute_layout(m)
    >>> lay.positions["t"][1] < lay.positions["r"][1]  # the thesis is above its reason
    True
    """
    if engine not in ENGINES:
        raise ArgmapError(f"unknown layout engine {engine!r} (use one of {', '.join(ENGINES)})")

    def fresh() -> Layout:
        if engine == "dot":
            from argmap.layout import graphviz

            return graphviz.compute_layout(
                m, rankdir=rankdir, wrap_width=wrap_width, keep_pinned=keep_pinned, timeout=timeout
            )
        from argmap.layout import tree

        laid = tree.tree_layout(m, rankdir=rankdir, wrap_width=wrap_width)
        # Most maps pin nothing: only then is measuring every box again worth it.
        if keep_pinned and any(c.pinned for c in m.claims()):
            return keep_pinned_claims(m, laid, box_sizes(m, wrap_width))
        return laid

    if previous:
        from argmap.layout.incremental import stabilise

        return stabilise(m, fresh, previous, box_sizes(m, wrap_width))
    return fresh()


def box_sizes(m: MapView, wrap_width: float = style.WRAP_WIDTH) -> dict[str, Point]:
    """Width and height of every claim's box, in points, as the drawing draws it."""
    roles = m.roles()
    out: dict[str, Point] = {}
    for claim in m.claims():
        box = claim_box(claim, roles[claim.id], wrap_width)
        out[claim.id] = (box.width, box.height)
    return out


def stored_positions(m: MapView) -> dict[str, Point]:
    """The positions the map holds now: the ``previous`` of a stable layout."""
    return {c.id: c.position for c in m.claims() if c.position is not None}


def apply_layout(m: ArgumentMap, layout: Layout) -> None:
    """Store ``layout`` in the map: ``move`` each claim and update the ``route`` of each
    relation whose value changes (relations without a route in the layout lose their stored
    one). The caller records the events as one undo step.
    """
    for cid in sorted(layout.positions, key=natural_key):
        if m.has_claim(cid) and m.claim(cid).position != layout.positions[cid]:
            m.move(cid, layout.positions[cid])
    for rel in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        route = layout.routes.get(rel.id, ())
        if rel.route != route:
            m.update_relation(rel.id, route=route)


# ------------------------------------------------------------------------------ pinned claims

PUSH_GAP = 12.0  # points left between a pinned claim and a claim pushed aside


def keep_pinned_claims(m: MapView, layout: Layout, sizes: dict[str, Point]) -> Layout:
    """Pinned claims (``Claim.pinned`` with a position) stay exactly where they are: the layout
    is translated so they match on average, they get their stored positions, unpinned claims
    that would overlap one are pushed right, and routes touching a moved claim are dropped
    (the drawing draws those as clean curves)."""
    pinned = {
        c.id: c.position
        for c in m.claims()
        if c.pinned and c.position is not None and c.id in layout.positions
    }
    if not pinned:
        return layout
    n = len(pinned)
    dx = round(sum(p[0] - layout.positions[c][0] for c, p in pinned.items()) / n, 2)
    dy = round(sum(p[1] - layout.positions[c][1] for c, p in pinned.items()) / n, 2)

    def shift(p: Point) -> Point:
        return (round(p[0] + dx, 2), round(p[1] + dy, 2))

    positions = {cid: shift(p) for cid, p in layout.positions.items()}
    routes = {rid: tuple(shift(p) for p in r) for rid, r in layout.routes.items()}
    moved = {cid for cid, p in pinned.items() if positions[cid] != p}
    positions.update(pinned)

    # Claims that now overlap a pinned one move right, in reading order; x only grows.
    occupied = _Occupied()
    for cid in sorted(pinned, key=natural_key):
        occupied.add(positions[cid], sizes[cid])
    free = sorted(
        (c for c in positions if c not in pinned), key=lambda c: (positions[c][1], positions[c][0])
    )
    for cid in free:
        x, y = positions[cid]
        w, h = sizes[cid]
        # Passes over the occupied boxes in the order they were placed, each moving past the
        # boxes it clashes with, until one pass finds no clash.
        after, clashed = -1, False
        while True:
            i = occupied.first_clash((x, y), (w, h), after)
            if i is None:
                if not clashed:
                    break
                after, clashed = -1, False
                continue
            (ox, _), (ow, _) = occupied.boxes[i]
            # Rounded up: rounding down would clash again, forever.
            x = math.ceil((ox + (ow + w) / 2 + PUSH_GAP) * 100) / 100
            after, clashed = i, True
        if x != positions[cid][0]:
            positions[cid] = (x, y)
            moved.add(cid)
        occupied.add(positions[cid], (w, h))
    stale = stale_relations(m, moved)
    routes = {rid: r for rid, r in routes.items() if rid not in stale}
    return Layout(positions, routes, extent(positions, sizes, layout.size))


class _Occupied:
    """Boxes (centre, size) in the order placed, bucketed in a coarse grid so that finding
    the boxes near a spot does not look at every box (a fresh layout of 10,000 claims with
    one pinned claim took 26 s when it did)."""

    CELL = 240.0

    def __init__(self) -> None:
        self.boxes: list[tuple[Point, Point]] = []
        self.cells: dict[tuple[int, int], list[int]] = {}

    def _keys(self, centre: Point, size: Point, margin: float) -> Iterator[tuple[int, int]]:
        """The cells a box (grown by ``margin`` on every side) reaches into."""
        (x, y), (w, h) = centre, size
        half_w, half_h, cell = w / 2 + margin, h / 2 + margin, self.CELL
        columns = range(math.floor((x - half_w) / cell), math.floor((x + half_w) / cell) + 1)
        rows = range(math.floor((y - half_h) / cell), math.floor((y + half_h) / cell) + 1)
        return ((i, j) for i in columns for j in rows)

    def add(self, centre: Point, size: Point) -> None:
        index = len(self.boxes)
        self.boxes.append((centre, size))
        # Entered with the gap around it: a box clashes with whatever overlaps that.
        for key in self._keys(centre, size, PUSH_GAP):
            self.cells.setdefault(key, []).append(index)

    def first_clash(self, centre: Point, size: Point, after: int) -> int | None:
        """The first box placed after box ``after`` that a box at ``centre`` would be
        closer to than ``PUSH_GAP``; None if there is none."""
        (x, y), (w, h) = centre, size
        near = {i for key in self._keys(centre, size, 0.0) for i in self.cells.get(key, ())}
        for i in sorted(i for i in near if i > after):
            (ox, oy), (ow, oh) = self.boxes[i]
            if abs(x - ox) < (w + ow) / 2 + PUSH_GAP and abs(y - oy) < (h + oh) / 2 + PUSH_GAP:
                return i
        return None


def stale_relations(m: MapView, moved: set[str]) -> set[str]:
    """Relations touching a moved claim, and the undercuts of those (their aim moved too)."""
    stale = {
        r.id for r in m.relations() if r.target in moved or any(p in moved for p in r.premises)
    }
    grew = True
    while grew:
        extra = {r.id for r in m.relations() if r.target in stale and r.id not in stale}
        stale |= extra
        grew = bool(extra)
    return stale


def extent(positions: Mapping[str, Point], sizes: Mapping[str, Point], at_least: Point) -> Point:
    """Width and height from the origin to the far edges of the boxes (at least ``at_least``)."""
    width = max([at_least[0], *(p[0] + sizes[c][0] / 2 for c, p in positions.items())])
    height = max([at_least[1], *(p[1] + sizes[c][1] / 2 for c, p in positions.items())])
    return (round(width, 2), round(height, 2))
