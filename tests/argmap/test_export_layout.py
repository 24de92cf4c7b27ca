"""Graphviz layout: conventions, determinism, pinned claims, routes, and a missing or slow dot."""

from __future__ import annotations

import math
import shutil
import stat
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import native
from argmap.layout import graphviz
from argmap.layout.drawing import build_drawing
from argmap.layout.graphviz import apply_layout, box_sizes, compute_layout
from argmap.model import ArgumentMap, RelationKind
from bench.generate import generate_map

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "maps").glob("*.argmap"))
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)


def small_map() -> ArgumentMap:
    m = ArgumentMap("Small")
    for cid in ("t", "a", "b", "l1", "l2", "o", "u"):
        m.add_claim(f"Claim {cid} with a few words of text", id=cid)
    m.connect(["a"], "t", id="ra")
    m.connect(["b"], "a", id="rb")
    m.connect(["l1", "l2"], "t", id="rl")
    m.connect(["o"], "t", "attack", id="ro")
    m.connect(["u"], "ra", "undercut", id="ru")
    m.update_map(thesis="t")
    return m


def overlaps(m: ArgumentMap, positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    sizes = box_sizes(m)
    ids = sorted(positions)
    found = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            (ax, ay), (bx, by) = positions[a], positions[b]
            if (
                abs(ax - bx) < (sizes[a][0] + sizes[b][0]) / 2 - 0.5
                and abs(ay - by) < (sizes[a][1] + sizes[b][1]) / 2 - 0.5
            ):
                found.append((a, b))
    return found


@needs_dot
def test_same_map_same_layout_and_no_overlaps() -> None:
    m = generate_map(150, seed=2)
    first, second = compute_layout(m), compute_layout(m.copy())
    assert first == second
    assert set(first.positions) == {c.id for c in m.claims()}
    assert set(first.routes) == {r.id for r in m.relations()}
    assert not overlaps(m, first.positions)


@needs_dot
@pytest.mark.parametrize("rankdir", ["BT", "TB", "LR", "RL"])
def test_premises_sit_below_what_they_bear_on(rankdir: str) -> None:
    m = small_map()
    pos = compute_layout(m, rankdir=rankdir).positions
    for rel in m.relations():
        if rel.kind is RelationKind.UNDERCUT:
            continue
        for p in rel.premises:
            (px, py), (tx, ty) = pos[p], pos[rel.target]
            beyond = {"BT": py > ty, "TB": py < ty, "LR": px < tx, "RL": px > tx}[rankdir]
            assert beyond, (rankdir, p, rel.target)


@needs_dot
def test_routes_join_the_boxes_and_undercuts_hit_the_inference() -> None:
    m = small_map()
    apply_layout(m, compute_layout(m))
    d = build_drawing(m)
    # Linked premises side by side on one rank, joining at a junction above them.
    y1, y2 = m.claim("l1").position[1], m.claim("l2").position[1]  # type: ignore[index]
    assert y1 == y2
    junction = d.edges["rl"].junction
    assert junction is not None and d.nodes["t"].cy < junction[1] < y1
    for rel in m.relations():
        route = rel.route
        assert len(route) >= 4 and (len(route) - 1) % 3 == 0
        if rel.kind is RelationKind.UNDERCUT:
            # The undercut's arrow tip is the midpoint of the relation it attacks.
            assert d.edges[rel.id].head[0] == pytest.approx(d.edges[rel.target].midpoint, abs=0.02)
            continue
        t = d.nodes[rel.target]
        end = route[-1]
        on_border = min(
            abs(end[1] - t.y),
            abs(end[1] - t.y - t.height),
            abs(end[0] - t.x),
            abs(end[0] - t.x - t.width),
        )
        assert on_border < 2.0, (rel.id, end)
        if len(rel.premises) == 1:
            p = d.nodes[rel.premises[0]]
            start = route[0]
            assert p.x - 2 <= start[0] <= p.x + p.width + 2
            assert min(abs(start[1] - p.y), abs(start[1] - p.y - p.height)) < 2.0


@needs_dot
def test_pinned_claims_stay_put_when_laid_out_again() -> None:
    m = generate_map(60, seed=4)
    apply_layout(m, compute_layout(m))
    pins = {"c3": (-500.0, 1234.5), "c10": (2000.25, -40.0), "c1": (17.0, 19.0)}
    for cid, where in pins.items():
        m.move(cid, where, pin=True)
    m.add_claim("A new claim placed by the next layout", id="new")
    m.connect(["new"], "c3")
    layout = compute_layout(m)
    for cid, where in pins.items():
        assert layout.positions[cid] == where
    assert not overlaps(m, layout.positions)
    # Relations touching a claim Graphviz did not place lose their (stale) route.
    for rel in m.relations():
        if rel.target in pins or any(p in pins for p in rel.premises):
            assert rel.id not in layout.routes
    apply_layout(m, layout)
    again = compute_layout(m)
    for cid, where in pins.items():
        assert again.positions[cid] == where
    # Without keep_pinned the layout is Graphviz's own.
    free = compute_layout(m, keep_pinned=False)
    assert any(free.positions[c] != w for c, w in pins.items())


@needs_dot
def test_apply_layout_changes_only_what_differs() -> None:
    m = small_map()
    layout = compute_layout(m)
    events: list[object] = []
    m.subscribe(events.append)
    apply_layout(m, layout)
    assert len(events) == m.claim_count + m.relation_count
    events.clear()
    apply_layout(m, layout)
    assert events == []
    assert all(m.claim(c).position == p for c, p in layout.positions.items())


@needs_dot
def test_seed_maps_store_the_layout_their_build_gives() -> None:
    from seeds import build

    assert build.main(["--check"]) == 0
    for path in SEEDS:
        m = native.load(path)
        assert build.fully_laid_out(m)
        assert not overlaps(m, {c.id: c.position for c in m.claims()})  # type: ignore[misc]


def test_missing_dot_is_one_clear_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    with pytest.raises(ArgmapError) as info:
        compute_layout(small_map())
    message = info.value.line()
    assert "\n" not in message and "apt-get install graphviz" in message


def test_slow_dot_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    slow = tmp_path / "dot"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ARGMAP_DOT", str(slow))
    with pytest.raises(ArgmapError, match=r"longer than 0\.5 s"):
        compute_layout(small_map(), timeout=0.5)


def test_failing_dot_reports_its_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "dot"
    bad.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 3\n")
    bad.chmod(bad.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ARGMAP_DOT", str(bad))
    with pytest.raises(ArgmapError, match="dot failed: Error: out of memory"):
        compute_layout(small_map())


def test_unknown_rankdir_is_refused() -> None:
    with pytest.raises(ArgmapError, match="rank direction"):
        compute_layout(small_map(), rankdir="XY")


def test_split_keeps_the_curve() -> None:
    chain = [(0.0, 0.0), (10.0, 30.0), (40.0, 30.0), (50.0, 0.0)]
    split = graphviz._split_longest(chain)
    assert len(split) == 7 and split[0] == chain[0] and split[-1] == chain[-1]

    def at(c: list[tuple[float, float]], t: float) -> tuple[float, float]:
        p0, c1, c2, p1 = c
        mt = 1 - t
        return (
            mt**3 * p0[0] + 3 * mt * mt * t * c1[0] + 3 * mt * t * t * c2[0] + t**3 * p1[0],
            mt**3 * p0[1] + 3 * mt * mt * t * c1[1] + 3 * mt * t * t * c2[1] + t**3 * p1[1],
        )

    assert math.dist(at(chain, 0.25), at(split[:4], 0.5)) < 0.05
    assert math.dist(at(chain, 0.5), split[3]) < 0.05


@needs_dot
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_arrowheads_into_one_claim_do_not_pile_up(path: Path) -> None:
    m = native.load(path)
    layout = compute_layout(m)
    tips: dict[str, list[tuple[float, float]]] = {}
    for rel in m.relations():
        if rel.kind is not RelationKind.UNDERCUT:
            tips.setdefault(rel.target, []).append(layout.routes[rel.id][-1])
    for target, points in tips.items():
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                assert math.dist(a, b) >= 8.0, (target, a, b)
