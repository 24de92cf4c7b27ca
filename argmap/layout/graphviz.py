"""Automatic layout with Graphviz ``dot``, driven through pydot: a pure function of the map.

How the map becomes a Graphviz graph:

- every claim is a box of *fixed* size, the size :func:`argmap.layout.geometry.claim_box` gives
  its wrapped text, so Graphviz never measures text with fonts of its own;
- every relation is a tiny point node between its premises and its target (premise → point →
  target), like AIF's inference nodes. Linked premises all feed the same point, so they sit side
  by side on one rank and join there (the junction); an undercut runs to the point of the
  relation it attacks, so it ends on that inference;
- nodes and edges are given in a fixed order (ids sorted naturally) under internal names
  (``n0``, ``n1``…), so the same map always gives the same DOT text, hence the same layout, and
  no id can clash with DOT syntax or be merged with another.

Graphviz works in points with y up; positions here are points with y down, box centres. A
relation's route is the Bézier chain from its premise's border (or from the junction of linked
premises) to its target's border (or, for an undercut, to the point of the relation it attacks).
The two halves premise → point → target are joined so that the point is the chain's parametric
middle, which is where :mod:`argmap.layout.drawing` puts a relation's ``midpoint``.

Pinned claims (``Claim.pinned`` with a stored position) stay exactly where they are: the whole
map is laid out, then translated so the pinned claims' Graphviz positions match their stored
ones on average; pinned claims then get their stored positions, unpinned claims that would now
overlap a pinned one are pushed right, and the stored routes of relations touching any claim
that was not placed by Graphviz are dropped (the drawing draws those as clean curves).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

import pydot

from argmap.errors import ArgmapError
from argmap.layout import style
from argmap.layout.engine import Layout, apply_layout, box_sizes, keep_pinned_claims
from argmap.model.argument_map import natural_key

__all__ = ["Layout", "apply_layout", "box_sizes", "compute_layout", "find_dot", "run_dot"]
from argmap.model.elements import RelationKind
from argmap.model.map_view import MapView

Point = tuple[float, float]

RANKDIRS = ("BT", "TB", "LR", "RL")
POINTS_PER_INCH = 72.0
NODESEP = 0.3  # inches between neighbours on a rank
RANKSEP = 0.22  # inches between ranks; a relation's point is a rank of its own
POINT_SIZE = 0.04  # inches
ARRIVAL_GAP = 16.0  # points at least between arrow tips arriving on the same side of a box

INSTALL_HINT = (
    "Graphviz's `dot` program is needed to lay out maps but was not found; "
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz) or put `dot` on the PATH"
)


# ------------------------------------------------------------------------------ public API


def compute_layout(
    m: MapView,
    *,
    rankdir: str = "BT",
    wrap_width: float = style.WRAP_WIDTH,
    keep_pinned: bool = True,
    timeout: float = 60.0,
) -> Layout:
    """Lay out ``m`` with Graphviz ``dot``; raises :class:`ArgmapError` if dot is missing,
    fails or takes longer than ``timeout`` seconds.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap(); _ = m.add_claim("Thesis", id="t"); _ = m.add_claim("Reason", id="r")
    >>> _ = m.connect(["r"], "t"); m.update_map(thesis="t")
    >>> lay = compute_layout(m)
    >>> lay.positions["t"][1] < lay.positions["r"][1]  # the thesis is above its reason
    True
    >>> len(lay.routes["r1"]) % 3 == 1
    True
    """
    if rankdir not in RANKDIRS:
        raise ArgmapError(f"unknown rank direction {rankdir!r} (use one of {', '.join(RANKDIRS)})")
    sizes = box_sizes(m, wrap_width)
    graph, names = layout_graph(m, rankdir=rankdir, sizes=sizes)
    data = run_dot(graph.to_string(), timeout=timeout)
    layout = _read_layout(m, data, names)
    _spread_arrival_points(m, layout, sizes)
    if keep_pinned:
        layout = keep_pinned_claims(m, layout, sizes)
    return layout


def find_dot() -> str:
    """The path of Graphviz's ``dot`` (``ARGMAP_DOT`` overrides), or the install hint."""
    override = os.environ.get("ARGMAP_DOT")
    found = override if override and os.path.isfile(override) else shutil.which("dot")
    if not found:
        raise ArgmapError(INSTALL_HINT)
    return found


def run_dot(source: str, *, output_format: str = "json0", timeout: float = 60.0) -> bytes:
    """Run ``dot -T<output_format>`` on DOT text, without a shell and with a time limit."""
    dot = find_dot()
    try:
        done = subprocess.run(
            [dot, f"-T{output_format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ArgmapError(
            f"Graphviz took longer than {timeout:g} s to lay out the map; "
            "try again with a longer time limit"
        ) from None
    except OSError as e:
        raise ArgmapError(f"cannot run Graphviz's dot ({dot}): {e.strerror or e}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[0] if lines else f"exit status {done.returncode}"
        raise ArgmapError(f"Graphviz's dot failed: {detail}")
    return done.stdout


# ------------------------------------------------------------------------------ the graph


def layout_graph(
    m: MapView, *, rankdir: str = "BT", sizes: dict[str, Point] | None = None
) -> tuple[pydot.Dot, dict[str, str]]:
    """The pydot graph given to ``dot`` and the map from internal node names to our ids."""
    sizes = box_sizes(m) if sizes is None else sizes
    g = pydot.Dot(graph_type="digraph", strict=False)
    g.set("rankdir", rankdir)
    g.set("nodesep", f"{NODESEP:g}")
    g.set("ranksep", f"{RANKSEP:g}")
    g.set("splines", "true")
    g.set("outputorder", "edgesfirst")
    g.set_node_defaults(shape="box", fixedsize="true", label='""')
    g.set_edge_defaults(dir="none", arrowhead="none")
    names: dict[str, str] = {}
    name_of: dict[str, str] = {}
    for i, claim in enumerate(sorted(m.claims(), key=lambda c: natural_key(c.id))):
        name = f"n{i}"
        names[name], name_of[claim.id] = claim.id, name
        width, height = sizes[claim.id]
        g.add_node(pydot.Node(name, width=_inches(width), height=_inches(height)))
    relations = sorted(m.relations(), key=lambda r: natural_key(r.id))
    for i, rel in enumerate(relations):
        name = f"p{i}"
        names[name], name_of[rel.id] = rel.id, name
        g.add_node(
            pydot.Node(name, shape="point", width=f"{POINT_SIZE:g}", height=f"{POINT_SIZE:g}")
        )
    for rel in relations:
        point = name_of[rel.id]
        for premise in rel.premises:
            g.add_edge(pydot.Edge(name_of[premise], point, headclip="false"))
        # Undercuts end on the point of their target relation, at its centre.
        edge = pydot.Edge(point, name_of[rel.target], tailclip="false")
        if rel.kind is RelationKind.UNDERCUT:
            edge.set("headclip", "false")
        g.add_edge(edge)
    return g, names


def _inches(points: float) -> str:
    return f"{points / POINTS_PER_INCH:.4f}"


# ------------------------------------------------------------------------------ reading dot


def _read_layout(m: MapView, data: bytes, names: dict[str, str]) -> Layout:
    try:
        doc = json.loads(data)
        x0, y0, x1, y1 = (float(v) for v in doc["bb"].split(","))
    except (ValueError, KeyError, TypeError) as e:
        raise ArgmapError(f"cannot read Graphviz's output: {e}") from None

    def flip(p: Sequence[float]) -> Point:
        return (round(p[0] - x0, 2), round(y1 - p[1], 2))

    objects: list[dict[str, Any]] = doc.get("objects", [])
    centre: dict[str, Point] = {}  # our id -> centre (y down)
    by_gvid: dict[int, str] = {}
    for obj in objects:
        name = obj.get("name")
        if name in names and "pos" in obj:
            centre[names[name]] = flip(_floats(obj["pos"]))
            by_gvid[obj["_gvid"]] = names[name]

    # Edges by (tail id, head id): the Bézier chain from tail to head, y down.
    splines: dict[tuple[str, str], list[Point]] = {}
    for edge in doc.get("edges", []):
        tail, head = by_gvid.get(edge.get("tail", -1)), by_gvid.get(edge.get("head", -1))
        if tail is None or head is None or "pos" not in edge:
            continue
        pts = [flip(p) for p in _spline_points(edge["pos"])]
        if len(pts) < 4:
            continue
        if math.dist(pts[-1], centre[tail]) < math.dist(pts[0], centre[tail]):
            pts.reverse()
        splines[(tail, head)] = pts

    positions = {cid: centre[cid] for cid in (c.id for c in m.claims()) if cid in centre}
    routes: dict[str, tuple[Point, ...]] = {}
    for rel in m.relations():
        point = centre.get(rel.id)
        out = splines.get((rel.id, rel.target))
        if point is None or out is None:
            continue
        out[0] = point
        if rel.kind is RelationKind.UNDERCUT and rel.target in centre:
            out[-1] = centre[rel.target]
        if len(rel.premises) > 1:
            routes[rel.id] = tuple(out)
            continue
        into = splines.get((rel.premises[0], rel.id))
        if into is None:
            continue
        into[-1] = point
        first, second = _same_length(into, out)
        _smooth_joint(first, second)
        routes[rel.id] = (*first, *second[1:])
    return Layout(positions, routes, (round(x1 - x0, 2), round(y1 - y0, 2)))


def _spread_arrival_points(m: MapView, layout: Layout, sizes: dict[str, Point]) -> None:
    """Move arrow tips that Graphviz lands on (nearly) the same spot of a box apart along
    that side, so arrowheads do not pile up; the last control point moves with its tip, so
    each arrow keeps its direction. Routes are changed in place."""
    arrivals: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for rel in m.relations():
        route = layout.routes.get(rel.id)
        centre = layout.positions.get(rel.target)
        if route is None or centre is None:
            continue  # undercuts end on a relation's point, not on a box
        (x, y), (w, h) = route[-1], sizes[rel.target]
        dx, dy = x - centre[0], y - centre[1]
        gaps = {"left": w / 2 + dx, "right": w / 2 - dx, "top": h / 2 + dy, "bottom": h / 2 - dy}
        side = min(gaps, key=lambda k: gaps[k])
        along = y if side in ("left", "right") else x
        arrivals.setdefault((rel.target, side), []).append((along, rel.id))
    for (target, side), tips in arrivals.items():
        if len(tips) < 2:
            continue
        tips.sort()
        if all(b[0] - a[0] >= ARRIVAL_GAP for a, b in itertools.pairwise(tips)):
            continue
        centre, (w, h) = layout.positions[target], sizes[target]
        horizontal = side in ("top", "bottom")
        mid, half = (centre[0], w / 2) if horizontal else (centre[1], h / 2)
        room = max(0.0, half - style.CORNER_RADIUS)
        gap = min(ARRIVAL_GAP, 2 * room / (len(tips) - 1))
        # Keep the group where Graphviz put it, as far as the side allows.
        first = sum(a for a, _ in tips) / len(tips) - gap * (len(tips) - 1) / 2
        first = min(max(first, mid - room), mid + room - gap * (len(tips) - 1))
        for i, (along, rid) in enumerate(tips):
            shift = round(first + i * gap - along, 2)
            if not shift:
                continue
            chain = list(layout.routes[rid])
            for k in (-1, -2):
                px, py = chain[k]
                chain[k] = (round(px + shift, 2), py) if horizontal else (px, round(py + shift, 2))
            layout.routes[rid] = tuple(chain)


def _floats(text: str) -> list[float]:
    return [float(v) for v in text.rstrip("!").split(",")[:2]]


def _spline_points(pos: str) -> list[list[float]]:
    """The Bézier points of a Graphviz edge ``pos`` (arrow endpoints ``s,``/``e,`` skipped;
    only the first spline if there are several)."""
    first = pos.split(";")[0]
    return [_floats(tok) for tok in first.split() if not tok.startswith(("s,", "e,"))]


def _same_length(a: list[Point], b: list[Point]) -> tuple[list[Point], list[Point]]:
    """Split segments of the shorter chain until both have as many, so that their joint is
    the parametric middle of the joined chain (see ``drawing._bezier_midpoint``)."""
    while (len(a) - 1) // 3 < (len(b) - 1) // 3:
        a = _split_longest(a)
    while (len(b) - 1) // 3 < (len(a) - 1) // 3:
        b = _split_longest(b)
    return a, b


def _smooth_joint(a: list[Point], b: list[Point]) -> None:
    """Align the control points on both sides of the joint ``a[-1] == b[0]`` so the line
    runs through the relation's point without a kink. Graphviz leaves the handles at a
    point node almost zero long, which draws a corner; they get a third of their segment."""
    p = a[-1]
    # Along the chord from the anchor before the joint to the one after it.
    ux, uy = b[3][0] - a[-4][0], b[3][1] - a[-4][1]
    norm = math.hypot(ux, uy)
    if norm < 1e-6:
        return
    ux, uy = ux / norm, uy / norm
    before = max(math.dist(a[-2], p), math.dist(a[-4], p) / 3)
    after = max(math.dist(p, b[1]), math.dist(p, b[3]) / 3)
    a[-2] = (round(p[0] - ux * before, 2), round(p[1] - uy * before, 2))
    b[1] = (round(p[0] + ux * after, 2), round(p[1] + uy * after, 2))


def _split_longest(chain: list[Point]) -> list[Point]:
    """Split the chain's longest cubic segment in two at t = 1/2 (de Casteljau): same curve."""
    segments = (len(chain) - 1) // 3
    i = 3 * max(range(segments), key=lambda k: math.dist(chain[3 * k], chain[3 * k + 3]))
    p0, c1, c2, p1 = chain[i : i + 4]
    m01, m12, m23 = _mid(p0, c1), _mid(c1, c2), _mid(c2, p1)
    m012, m123 = _mid(m01, m12), _mid(m12, m23)
    centre = _mid(m012, m123)
    return [*chain[:i], p0, m01, m012, centre, m123, m23, *chain[i + 3 :]]


def _mid(a: Point, b: Point) -> Point:
    return (round((a[0] + b[0]) / 2, 2), round((a[1] + b[1]) / 2, 2))
