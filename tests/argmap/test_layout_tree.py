"""The default layout (the tree engine): seed maps fit a page, nothing overlaps, arrows join
the right boxes without passing under others, edits move few claims, same map same bytes."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.export.svg import to_svg
from argmap.formats import native
from argmap.layout.drawing import build_drawing
from argmap.layout.engine import (
    PUSH_GAP,
    Layout,
    apply_layout,
    box_sizes,
    compute_layout,
    stored_positions,
)
from argmap.layout.tree import _Forest
from argmap.model import ArgumentMap, RelationKind
from bench.generate import generate_map

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "maps").glob("*.argmap"))
Box = tuple[float, float, float, float]
Point = tuple[float, float]


def boxes(m: ArgumentMap, layout: Layout) -> dict[str, Box]:
    sizes = box_sizes(m)
    return {
        c: (x - sizes[c][0] / 2, y - sizes[c][1] / 2, x + sizes[c][0] / 2, y + sizes[c][1] / 2)
        for c, (x, y) in layout.positions.items()
    }


def overlapping(bx: dict[str, Box]) -> list[tuple[str, str]]:
    ids = sorted(bx)
    return [
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if bx[a][0] < bx[b][2] - 0.5
        and bx[b][0] < bx[a][2] - 0.5
        and bx[a][1] < bx[b][3] - 0.5
        and bx[b][1] < bx[a][3] - 0.5
    ]


def curve_points(
    route: tuple[tuple[float, float], ...], steps: int = 40
) -> list[tuple[float, float]]:
    pts = []
    for i in range(0, len(route) - 3, 3):
        p0, c1, c2, p1 = route[i : i + 4]
        for k in range(steps + 1):
            t = k / steps
            u = 1 - t
            pts.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p1[0],
                    u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p1[1],
                )
            )
    return pts


def inside(p: tuple[float, float], b: Box, margin: float = 1.0) -> bool:
    return b[0] + margin < p[0] < b[2] - margin and b[1] + margin < p[1] < b[3] - margin


def crossings(m: ArgumentMap, layout: Layout) -> list[tuple[str, str]]:
    """(relation, claim) pairs where a drawn line passes through a box that is not its own
    premise's or target's (the drawing's own shapes: routes, feeders, heads)."""
    apply_layout(m, layout)
    d = build_drawing(m)
    bx = boxes(m, layout)
    found = []
    for rid, e in d.edges.items():
        rel = m.relation(rid)
        own = {*rel.premises, rel.target}
        lines = [e.path, *e.feeders]
        for line in lines:
            for p in curve_points(line):
                for c, b in bx.items():
                    if c not in own and inside(p, b):
                        found.append((rid, c))
                        break
        for p in e.head:
            for c, b in bx.items():
                if c not in own and inside(p, b):
                    found.append((rid, c))
    return sorted(set(found))


def on_border(p: tuple[float, float], b: Box) -> float:
    x, y = p
    if b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1:
        return min(abs(x - b[0]), abs(x - b[2]), abs(y - b[1]), abs(y - b[3]))
    return math.inf


@pytest.fixture(params=SEEDS, ids=lambda p: p.stem[:3])
def seed(request: pytest.FixtureRequest) -> ArgumentMap:
    return native.load(request.param)


def test_seed_map_default_layout_fits_a_page(seed: ArgumentMap) -> None:
    layout = compute_layout(seed)
    apply_layout(seed, layout)
    d = build_drawing(seed)
    assert 0.5 <= d.width / d.height <= 2.5, (d.width, d.height)


def test_seed_map_boxes_never_overlap_and_lines_never_cross_a_box(seed: ArgumentMap) -> None:
    layout = compute_layout(seed)
    assert set(layout.positions) == {c.id for c in seed.claims()}
    assert not overlapping(boxes(seed, layout))
    assert crossings(seed, layout) == []


def test_seed_map_arrows_end_on_their_target(seed: ArgumentMap) -> None:
    layout = compute_layout(seed)
    apply_layout(seed, layout)
    d = build_drawing(seed)
    bx = boxes(seed, layout)
    for rel in seed.relations():
        e = d.edges[rel.id]
        tip = e.head[0]
        if rel.kind is RelationKind.UNDERCUT:
            assert tip == pytest.approx(d.edges[rel.target].midpoint, abs=0.05), rel.id
        else:
            assert on_border(tip, bx[rel.target]) < 1.0, (rel.id, tip, bx[rel.target])
        if len(rel.premises) > 1:  # linked premises side by side, joined at one junction
            assert e.junction is not None and len(e.feeders) == len(rel.premises)
            tops = [bx[p][1] for p in rel.premises]
            assert max(tops) - min(tops) < 1.0, tops


def test_seed_map_arrowheads_into_one_box_are_spread(seed: ArgumentMap) -> None:
    layout = compute_layout(seed)
    tips: dict[str, list[tuple[float, float]]] = {}
    for rel in seed.relations():
        if rel.kind is not RelationKind.UNDERCUT:
            tips.setdefault(rel.target, []).append(layout.routes[rel.id][-1])
    for target, points in tips.items():
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                assert math.dist(a, b) >= 8.0, (target, a, b)


def moved(before: Layout, after: Layout, ignore: set[str]) -> list[str]:
    return [
        c
        for c, p in before.positions.items()
        if c not in ignore and c in after.positions and math.dist(p, after.positions[c]) > 0.5
    ]


def relaid(m: ArgumentMap) -> Layout:
    """The layout after an edit, taking the previous positions as input (as the app does)."""
    return compute_layout(m, previous=stored_positions(m))


def test_one_edit_moves_at_most_a_tenth_of_the_other_claims(seed: ArgumentMap) -> None:
    first = compute_layout(seed)
    apply_layout(seed, first)
    limit = 0.10 * (seed.claim_count - 1)
    some = sorted(c.id for c in seed.claims() if c.id != seed.thesis)[len(list(seed.claims())) // 2]

    added = seed.copy()
    added.add_claim("A new reason someone just added to the map", id="new-claim")
    added.connect(["new-claim"], some)
    after = relaid(added)
    assert len(moved(first, after, {"new-claim"})) <= limit
    assert not overlapping(boxes(added, after))

    edited = seed.copy()
    edited.update_claim(some, text=edited.claim(some).text + " " + "and a much longer tail " * 6)
    after = relaid(edited)
    assert len(moved(first, after, {some})) <= limit
    assert not overlapping(boxes(edited, after))

    deleted = seed.copy()
    deleted.delete([some])
    after = relaid(deleted)
    assert moved(first, after, {some}) == []


def _new_premise_cases(seed: ArgumentMap) -> tuple[int, int]:
    """For every claim with premises of its own below it: add one premise, lay out stably,
    check that no one moved and nothing overlaps; count how often the new premise lands level
    with a sibling's top (a row) or edge (a column). Returns (level, cases)."""
    start = stored_positions(seed)
    level = total = 0
    for claim in seed.claims():
        t = boxes(seed, Layout(start, {}, (0, 0)))[claim.id]
        below = [
            p
            for r in seed.relations_into(claim.id)
            if r.kind is not RelationKind.UNDERCUT
            for p in r.premises
            if start[p][1] > t[3]
        ]
        # Premises bearing on this claim only hang from it (others may be cross links).
        own = [p for p in below if {r.target for r in seed.relations_from(p)} == {claim.id}]
        if not own:
            continue
        m = seed.copy()
        m.add_claim("A new reason someone just added", id="new-claim")
        m.connect(["new-claim"], claim.id)
        after = relaid(m)
        assert moved(Layout(start, {}, (0, 0)), after, {"new-claim"}) == [], claim.id
        bx = boxes(m, after)
        assert not overlapping(bx), claim.id
        n = bx["new-claim"]
        total += 1
        level += n[1] > t[3] and any(
            abs(bx[p][1] - n[1]) < 1 or abs(bx[p][0] - n[0]) < 1 or abs(bx[p][2] - n[2]) < 1
            for p in own
        )
    return level, total


def test_a_new_premise_moves_no_one_and_overlaps_nothing(seed: ArgumentMap) -> None:
    """The stable layout hangs a new premise where the engine hangs the next one (as the
    editor's Insert does), moving no one and overlapping nothing."""
    _, total = _new_premise_cases(seed)
    assert total


def test_a_new_premise_joins_its_siblings_row_or_column_across_the_corpus() -> None:
    """Level with a sibling in at least half of all cases over the seed maps. Every slot can
    be taken (nothing is pushed aside here): then the nearest free spot, which on a crowded
    map can even be above the target. Counted over the corpus because the dense overview has a
    single case, whose target's eleven premises fill every slot (a known weakness)."""
    level = total = 0
    for path in SEEDS:
        got, cases = _new_premise_cases(native.load(path))
        level, total = level + got, total + cases
    assert total >= 20 and level >= 0.5 * total, (level, total)


def test_pinned_claims_stay_where_the_user_put_them() -> None:
    m = generate_map(80, seed=3)
    apply_layout(m, compute_layout(m))
    pins = {"c5": (-300.0, 2000.5), "c20": (5000.25, -60.0)}
    for cid, where in pins.items():
        m.move(cid, where, pin=True)
    m.add_claim("Added after pinning", id="late")
    m.connect(["late"], "c5")
    for layout in (compute_layout(m), relaid(m)):
        for cid, where in pins.items():
            assert layout.positions[cid] == where
        assert not overlapping(boxes(m, layout))


def test_claims_under_pinned_ones_are_pushed_right_in_a_crowded_map() -> None:
    """Pins dropped onto a dense layout push the claims they cover (and those these land on)
    to the right along their rows: pinned claims stay, nothing overlaps, nothing else moves
    up, down or left."""
    m = generate_map(400, seed=5)
    fresh = compute_layout(m, keep_pinned=False)
    # Each pin lands exactly on another claim, so every pin clashes.
    ids = sorted(fresh.positions)
    pins = {ids[i]: fresh.positions[ids[i + 7]] for i in range(0, 120, 12)}
    for cid, where in pins.items():
        m.move(cid, where, pin=True)
    layout = compute_layout(m)
    dx = round(sum(p[0] - fresh.positions[c][0] for c, p in pins.items()) / len(pins), 2)
    dy = round(sum(p[1] - fresh.positions[c][1] for c, p in pins.items()) / len(pins), 2)
    sizes = box_sizes(m)

    def clashes_with_a_pin(cid: str, x: float, y: float) -> bool:
        w, h = sizes[cid]
        return any(
            abs(x - px) < (w + sizes[p][0]) / 2 + PUSH_GAP
            and abs(y - py) < (h + sizes[p][1]) / 2 + PUSH_GAP
            for p, (px, py) in pins.items()
        )

    under_pins = pushed = 0
    for cid, (x, y) in layout.positions.items():
        if cid in pins:
            assert (x, y) == pins[cid]
            continue
        fx, fy = round(fresh.positions[cid][0] + dx, 2), round(fresh.positions[cid][1] + dy, 2)
        assert y == fy and x >= fx, cid
        if clashes_with_a_pin(cid, fx, fy):
            under_pins += 1
            assert x > fx, cid
        pushed += x > fx
    assert under_pins >= 2 and pushed >= under_pins
    assert not overlapping(boxes(m, layout))


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 300), seed=st.integers(0, 10_000))
def test_random_maps_lay_out_without_overlaps_and_deterministically(n: int, seed: int) -> None:
    m = generate_map(n, seed)
    layout = compute_layout(m)
    assert set(layout.positions) == {c.id for c in m.claims()}
    assert not overlapping(boxes(m, layout))
    again = m.copy()
    apply_layout(m, layout)
    apply_layout(again, compute_layout(again))
    assert to_svg(m).encode() == to_svg(again).encode()


@pytest.mark.parametrize("rankdir", ["BT", "TB", "LR", "RL"])
def test_premises_sit_beyond_their_target_in_every_direction(rankdir: str) -> None:
    m = generate_map(40, seed=1)
    pos = compute_layout(m, rankdir=rankdir).positions
    for rel in m.relations():
        if rel.kind is RelationKind.UNDERCUT:
            continue
        for p in rel.premises:
            (px, py), (tx, ty) = pos[p], pos[rel.target]
            beyond = {"BT": py > ty, "TB": py < ty, "LR": px < tx, "RL": px > tx}[rankdir]
            # Tree edges always point up; a cross link may run anywhere.
            assert beyond or _is_cross_link(m, rel.id), (rankdir, p, rel.target)


def _is_cross_link(m: ArgumentMap, rid: str) -> bool:
    return rid not in _Forest(m).unit_of


def hooks(path: tuple[tuple[float, float], ...]) -> list[str]:
    """Where a drawn route hooks: a handle pointing more than 120° back against its segment's
    chord (the curve leaves or enters against its way and curls round), a turn of more than
    150° within 60 pt of arc, or a loop (the curve crosses itself)."""
    found = []
    for i in range(0, len(path) - 3, 3):
        a, c1, c2, b = path[i : i + 4]
        chord = (b[0] - a[0], b[1] - a[1])
        for end, handle, sign in ((a, c1, 1), (b, c2, -1)):
            h = (handle[0] - end[0], handle[1] - end[1])
            size = math.hypot(*h) * math.hypot(*chord)
            if math.hypot(*h) > 10 and sign * (h[0] * chord[0] + h[1] * chord[1]) < -0.5 * size:
                found.append(f"handle of segment {i // 3} points back")
    pts = [p for p in curve_points(path)]
    pts = [p for k, p in enumerate(pts) if k == 0 or math.dist(p, pts[k - 1]) > 0.05]
    segs = list(itertools.pairwise(pts))
    heading = [math.atan2(b[1] - a[1], b[0] - a[0]) for a, b in segs]
    turned, arc = [0.0], [0.0]
    for (h1, h2), (a, b) in zip(itertools.pairwise(heading), segs, strict=False):
        turned.append(turned[-1] + (h2 - h1 + math.pi) % (2 * math.pi) - math.pi)
        arc.append(arc[-1] + math.dist(a, b))
    j = 0
    for i in range(len(turned)):
        while arc[i] - arc[j] > 60:
            j += 1
        if any(abs(turned[i] - turned[k]) > math.radians(150) for k in range(j, i)):
            found.append(f"turns back within 60 pt at arc {arc[i]:.0f}")
            break

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    for i, (p, q) in enumerate(segs):
        if any(
            side(p, q, r) * side(p, q, s) < 0 and side(r, s, p) * side(r, s, q) < 0
            for r, s in segs[i + 2 :]
        ):
            found.append(f"crosses itself at arc {arc[i]:.0f}")
            break
    return found


@pytest.mark.parametrize("fresh", [False, True], ids=["stored", "fresh"])
def test_seed_map_routes_have_no_hooks(seed: ArgumentMap, fresh: bool) -> None:
    """Issue 12: no spikes or hooks in routes, in the layout saved with the seed map and in a
    fresh one."""
    if fresh:
        apply_layout(seed, compute_layout(seed))
    d = build_drawing(seed)
    bad = {
        rid: h for rid, e in d.edges.items() for line in (e.path, *e.feeders) if (h := hooks(line))
    }
    assert bad == {}
