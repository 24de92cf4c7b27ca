"""The overview: the whole map in small, with the part the canvas shows outlined.

The picture is a schematic of the map (boxes and lines) drawn into a pixmap, again only when
the map has changed and settled; moving the canvas only moves the frame. A
click or a drag moves the canvas there.
"""

from __future__ import annotations

import contextlib
import warnings
from collections import defaultdict
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.canvas.view import MapView

FRAME_COLOR = QColor("#1f6feb")
BACKGROUND = QColor("#fbfbf9")
MARGIN = 20.0  # scene units around the map
SETTLE_MS = 200  # redraw the picture this long after the last change


def _pen(color: str) -> QPen:
    pen = QPen(QColor(color), 1)
    pen.setCosmetic(True)  # one pixel whatever the scale
    return pen


class Overview(QWidget):
    """Shows the map of ``set_view``'s canvas; click or drag to move that canvas."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: MapView | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("Overview: click or drag to move the map")
        self.setMouseTracking(False)
        self._picture = QPixmap()
        self._source = QRectF()  # the scene area drawn…
        self._target = QRectF()  # …into this part of the widget
        self._dragging = False
        self._unsubscribe: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.refit)

    def sizeHint(self) -> QSize:
        return QSize(220, 160)

    def set_view(self, canvas: MapView | None) -> None:
        """Follow ``canvas`` (the map in front), or show nothing."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.canvas is not None and shiboken6.isValid(self.canvas):
            with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                self.canvas.moved.disconnect(self.update)
                self.canvas.map_scene.visibility_changed.disconnect(self._map_changed)
        self.canvas = canvas
        if canvas is not None:
            canvas.moved.connect(self.update)
            # Redrawn when the map changes or claims are hidden or shown, not on every
            # repaint of the scene (a selection, a hover).
            canvas.map_scene.visibility_changed.connect(self._map_changed)
            self._unsubscribe = canvas.map_scene.map.subscribe(self._map_changed)
        self.refit()

    # ------------------------------------------------------------------ the picture

    def refit(self) -> None:
        """Draw the whole visible map again, fitted into the overview."""
        self._timer.stop()
        self._picture = QPixmap()
        self._source = QRectF()
        canvas = self.canvas
        if canvas is not None and self.width() > 0 and self.height() > 0:
            rect = canvas.map_scene.visibility.visible_rect()
            if not rect.isEmpty():
                self._source = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
                scale = min(
                    self.width() / self._source.width(), self.height() / self._source.height()
                )
                w, h = self._source.width() * scale, self._source.height() * scale
                self._target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
                self._picture = self._render(canvas)
        self.update()

    def _render(self, canvas: MapView) -> QPixmap:
        """A schematic of the map: each claim a box in its role's colours, each relation a
        line in its colour. Drawn from the shapes, not by asking every item to paint (that
        takes a second on 5,000 claims; this takes milliseconds)."""
        ratio = self.devicePixelRatioF()
        picture = QPixmap(self.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(BACKGROUND)
        scene = canvas.map_scene
        painter = QPainter(picture)
        scale = self._target.width() / self._source.width()
        painter.translate(self._target.topLeft())
        painter.scale(scale, scale)
        painter.translate(-self._source.topLeft())
        # Batched by colour: one call per colour, not one per shape.
        lines: dict[str, list[QLineF]] = defaultdict(list)
        for rid, item in scene.relation_items.items():
            edge = scene.edges.get(rid)
            if edge is not None and edge.path and item.isVisible():
                lines[edge.style.color].append(QLineF(*edge.path[0], *edge.path[-1]))
        for color, batch in lines.items():
            painter.setPen(_pen(color))
            painter.drawLines(batch)
        boxes: dict[tuple[str, str], list[QRectF]] = defaultdict(list)
        for node in scene.visibility.visible_nodes().values():
            boxes[(node.style.fill, node.style.stroke)].append(
                QRectF(node.x, node.y, node.width, node.height)
            )
        for (fill, stroke), rects in boxes.items():
            painter.setPen(_pen(stroke))
            painter.setBrush(QColor(fill))
            painter.drawRects(rects)
        painter.end()
        return picture

    def _map_changed(self, _event: object = None) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    # ------------------------------------------------------------------ coordinates

    def to_scene(self, point: QPoint | QPointF) -> QPointF:
        """Where a point of the overview is on the map."""
        if self._source.isEmpty():
            return QPointF()
        s = self._source.width() / self._target.width()
        return QPointF(
            self._source.left() + (point.x() - self._target.left()) * s,
            self._source.top() + (point.y() - self._target.top()) * s,
        )

    def from_scene(self, point: QPointF) -> QPointF:
        """Where a point of the map is drawn in the overview."""
        if self._source.isEmpty():
            return QPointF()
        s = self._target.width() / self._source.width()
        return QPointF(
            self._target.left() + (point.x() - self._source.left()) * s,
            self._target.top() + (point.y() - self._source.top()) * s,
        )

    def drawn_area(self) -> QRectF:
        """The part of the map the overview shows (scene coordinates)."""
        return QRectF(self._source)

    def shown_rect(self) -> QRectF:
        """The part of the map the canvas shows, in scene coordinates (the outlined frame)."""
        if self.canvas is None:
            return QRectF()
        return self.canvas.visible_scene_rect()

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self._picture.isNull():
            return
        painter.drawPixmap(0, 0, self._picture)
        frame = self.shown_rect()
        if frame.isEmpty():
            return
        top_left, bottom_right = (
            self.from_scene(frame.topLeft()),
            self.from_scene(frame.bottomRight()),
        )
        painter.setPen(QPen(FRAME_COLOR, 2))
        fill = QColor(FRAME_COLOR)
        fill.setAlpha(30)
        painter.setBrush(QBrush(fill))
        painter.drawRect(QRectF(top_left, bottom_right))

    # ------------------------------------------------------------------ steering

    def _centre_canvas(self, event: QMouseEvent) -> None:
        if self.canvas is not None and not self._source.isEmpty():
            self.canvas.centerOn(self.to_scene(event.position()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.canvas is not None:
            self._dragging = True
            self._centre_canvas(event)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._centre_canvas(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._dragging = False
            event.accept()
            return
        super().mouseReleaseEvent(event)
