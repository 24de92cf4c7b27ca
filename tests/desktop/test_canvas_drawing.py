"""What the canvas paints, counted in pixels: zoomed far out, an edge is still a line."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from argmap.layout import style
from argmap.layout.drawing import EdgeShape
from argmap.model import RelationKind
from desktop.canvas.items import RelationItem, _chain


def _curved_edge() -> EdgeShape:
    # A C-shaped Bézier: filled, it would close into a big half-disc.
    path = ((100.0, 100.0), (2100.0, 100.0), (2100.0, 2100.0), (100.0, 2100.0))
    head = ((100.0, 2100.0), (90.0, 2095.0), (90.0, 2105.0))
    return EdgeShape(
        "r1",
        RelationKind.SUPPORT,
        style.EDGE_STYLES[RelationKind.SUPPORT],
        path,
        (),
        None,
        head,
        None,
        (1600.0, 1100.0),
    )


def _dark_pixels(image: QImage) -> int:
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if QColor(image.pixel(x, y)).lightness() < 235:
                count += 1
    return count


def test_a_curved_edge_at_ten_percent_is_no_more_than_its_stroke(qapp) -> None:  # type: ignore[no-untyped-def]
    edge = _curved_edge()
    scene = QGraphicsScene()
    scene.addItem(RelationItem(edge))
    zoom = 0.1
    source = QRectF(0, 0, 2300, 2300)
    image = QImage(230, 230, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 230, 230), source)
    painter.end()
    painted = _dark_pixels(image)
    length_px = _chain(edge.path).length() * zoom
    # A hairline covers about two pixels across (antialiased) along its length, plus the
    # small arrowhead; the filled half-disc would cover some 15 000 pixels.
    assert length_px * 0.5 < painted <= 3 * length_px + 30, (painted, length_px)
