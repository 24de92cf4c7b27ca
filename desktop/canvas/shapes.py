"""The drawing contract the canvas paints: ``argmap.layout.drawing`` when it is available,
else a small stand-in with the same names (plain boxes and straight curves) so the app runs."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.layout import style
from argmap.layout.geometry import ClaimBox, claim_box
from argmap.model import ArgumentMap, RelationKind, Role

Point = tuple[float, float]

try:  # pragma: no cover - depends on the core's version
    from argmap.layout.drawing import (  # type: ignore[import-not-found,unused-ignore]
        EdgeShape,
        NodeShape,
        build_drawing,
        edge_shape,
        node_shape,
    )
except ImportError:

    @dataclass(frozen=True)
    class NodeShape:  # type: ignore[no-redef]
        id: str
        role: Role
        cx: float
        cy: float
        box: ClaimBox
        style: style.RoleStyle

        @property
        def x(self) -> float:
            return self.cx - self.box.width / 2

        @property
        def y(self) -> float:
            return self.cy - self.box.height / 2

        @property
        def width(self) -> float:
            return self.box.width

        @property
        def height(self) -> float:
            return self.box.height

    @dataclass(frozen=True)
    class EdgeShape:  # type: ignore[no-redef]
        relation_id: str
        kind: RelationKind
        style: style.EdgeStyle
        path: tuple[Point, ...]
        feeders: tuple[tuple[Point, ...], ...]
        junction: Point | None
        head: tuple[Point, ...]
        bar: tuple[Point, Point] | None
        midpoint: Point

    @dataclass(frozen=True)
    class Drawing:
        nodes: dict[str, NodeShape]
        edges: dict[str, EdgeShape]
        bounds: tuple[float, float, float, float]

    def _fallback_centre(index: int) -> Point:
        return (150.0 + (index % 6) * 260.0, 100.0 + (index // 6) * 160.0)

    def node_shape(
        m: ArgumentMap,
        claim_id: str,
        *,
        centre: Point | None = None,
        wrap_width: float = style.WRAP_WIDTH,
    ) -> NodeShape:
        claim = m.claim(claim_id)
        role = m.role(claim_id)
        box = claim_box(claim, role, wrap_width)
        c = centre or claim.position or (0.0, 0.0)
        return NodeShape(claim_id, role, c[0], c[1], box, style.ROLE_STYLES[role])

    def _border(n: NodeShape, toward: Point) -> Point:
        dx, dy = toward[0] - n.cx, toward[1] - n.cy
        if dx == 0 and dy == 0:
            return (n.cx, n.cy)
        sx = (n.width / 2) / abs(dx) if dx else math.inf
        sy = (n.height / 2) / abs(dy) if dy else math.inf
        s = min(sx, sy)
        return (n.cx + dx * s, n.cy + dy * s)

    def _line(a: Point, b: Point) -> tuple[Point, ...]:
        return (
            a,
            (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
            (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3),
            b,
        )

    def edge_shape(
        m: ArgumentMap,
        relation_id: str,
        nodes: Mapping[str, NodeShape],
        edges: Mapping[str, EdgeShape] | None = None,
        *,
        use_route: bool = True,
    ) -> EdgeShape:
        rel = m.relation(relation_id)
        est = style.EDGE_STYLES[rel.kind]
        prem = [nodes[p] for p in rel.premises]
        if rel.kind is RelationKind.UNDERCUT:
            target_pt = edges[rel.target].midpoint if edges and rel.target in edges else (0, 0)
            tgt: NodeShape | None = None
        else:
            tgt = nodes[rel.target]
            target_pt = (tgt.cx, tgt.cy)
        if len(prem) == 1:
            start = _border(prem[0], target_pt)
            junction = None
            feeders: tuple[tuple[Point, ...], ...] = ()
        else:
            jx = sum(p.cx for p in prem) / len(prem)
            jy = sum(p.cy for p in prem) / len(prem)
            jx, jy = (jx + target_pt[0]) / 2, (jy + target_pt[1]) / 2
            junction = (jx, jy)
            start = junction
            feeders = tuple(_line(_border(p, junction), junction) for p in prem)
        end = _border(tgt, start) if tgt is not None else target_pt
        path = _line(start, end)
        ang = math.atan2(end[1] - start[1], end[0] - start[0])
        size = 9.0
        left = (end[0] - size * math.cos(ang - 0.4), end[1] - size * math.sin(ang - 0.4))
        right = (end[0] - size * math.cos(ang + 0.4), end[1] - size * math.sin(ang + 0.4))
        bar = None
        if est.head == "bar":
            bx, by = end[0] - 14 * math.cos(ang), end[1] - 14 * math.sin(ang)
            px, py = -math.sin(ang) * 7, math.cos(ang) * 7
            bar = ((bx + px, by + py), (bx - px, by - py))
        mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        return EdgeShape(
            relation_id, rel.kind, est, path, feeders, junction, (end, left, right), bar, mid
        )

    def build_drawing(m: ArgumentMap, *, wrap_width: float = style.WRAP_WIDTH) -> Drawing:
        nodes: dict[str, NodeShape] = {}
        for i, c in enumerate(m.claims()):
            centre = c.position or _fallback_centre(i)
            nodes[c.id] = node_shape(m, c.id, centre=centre, wrap_width=wrap_width)
        edges: dict[str, EdgeShape] = {}
        pending = list(m.relations())
        for _ in range(len(pending) + 1):
            later = []
            for r in pending:
                if r.kind is RelationKind.UNDERCUT and r.target not in edges:
                    later.append(r)
                else:
                    edges[r.id] = edge_shape(m, r.id, nodes, edges)
            pending = later
            if not pending:
                break
        xs = [n.x for n in nodes.values()] + [n.x + n.width for n in nodes.values()] or [0.0]
        ys = [n.y for n in nodes.values()] + [n.y + n.height for n in nodes.values()] or [0.0]
        return Drawing(nodes, edges, (min(xs) - 20, min(ys) - 20, max(xs) + 20, max(ys) + 20))


__all__ = ["EdgeShape", "NodeShape", "build_drawing", "edge_shape", "node_shape"]
