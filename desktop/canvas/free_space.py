"""Where a box fits on the canvas without covering a visible claim."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from desktop.canvas.items import ClaimItem
from desktop.canvas.shapes import Point

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene

    from desktop.canvas.scene import MapScene

DEFAULT_SIZE = (210.0, 70.0)


def free_spot(scene: MapScene, near: str | None, size: tuple[float, float] = DEFAULT_SIZE) -> Point:
    """A centre where a new box of ``size`` overlaps nothing: below ``near`` (the new
    claim's target; premises sit below in the bottom-to-top layout), or right of all."""
    w, h = size
    if near is not None and near in scene.nodes:
        t = scene.nodes[near]
        y = t.cy + t.height / 2 + 70 + h / 2
        offsets = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6]
        for row in range(6):
            for k in offsets:
                c = (t.cx + k * (w + 30), y + row * (h + 50))
                if not overlaps(scene, c, size):
                    return c
        return (t.cx, y)
    rect = scene.itemsBoundingRect()
    if rect.isNull():
        return (200.0, 120.0)
    return (rect.right() + w / 2 + 60, rect.top() + h / 2 + 20)


def overlaps(scene: QGraphicsScene, centre: Point, size: tuple[float, float]) -> bool:
    """Whether a box of ``size`` at ``centre`` (with a margin) would cover a visible claim."""
    w, h = size
    rect = QRectF(centre[0] - w / 2 - 15, centre[1] - h / 2 - 15, w + 30, h + 30)
    return any(isinstance(i, ClaimItem) and i.isVisible() for i in scene.items(rect))
