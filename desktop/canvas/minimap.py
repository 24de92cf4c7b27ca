"""The overview: the whole map in small, with the part the canvas shows outlined.

A second view of the same scene (so it follows every edit for free), always fitted to the
visible map; a click or a drag moves the canvas there.
"""

from __future__ import annotations

import contextlib
import warnings

import shiboken6
from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QGraphicsView, QSizePolicy, QWidget

from desktop.canvas.view import MapView

FRAME_COLOR = QColor("#1f6feb")
MARGIN = 20.0  # scene units around the map


class Overview(QGraphicsView):
    """Shows the map of ``set_view``'s canvas; click or drag to move that canvas."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: MapView | None = None
        self.setInteractive(False)  # no selection or editing here: it only steers
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("Overview: click or drag to move the map")
        self._dragging = False
        # Edits and drags change the scene many times a second: refit once they settle.
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(150)
        self._refit_timer.timeout.connect(self.refit)

    def sizeHint(self) -> QSize:
        return QSize(220, 160)

    def set_view(self, canvas: MapView | None) -> None:
        """Follow ``canvas`` (the map in front), or show nothing."""
        if self.canvas is not None and shiboken6.isValid(self.canvas):
            with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                self.canvas.moved.disconnect(self._canvas_moved)
                self.canvas.map_scene.changed.disconnect(self._scene_changed)
        self.canvas = canvas
        if canvas is None:
            self.setScene(None)
            return
        self.setScene(canvas.map_scene)
        canvas.moved.connect(self._canvas_moved)
        canvas.map_scene.changed.connect(self._scene_changed)
        self.refit()

    def refit(self) -> None:
        """Fit the whole visible map into the overview."""
        if self.canvas is None:
            return
        rect = self.canvas.map_scene.visible_rect()
        if rect.isEmpty():
            return
        self.fitInView(
            rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN), Qt.AspectRatioMode.KeepAspectRatio
        )
        self.viewport().update()

    def shown_rect(self) -> QRectF:
        """The part of the map the canvas shows, in scene coordinates (the outlined frame)."""
        if self.canvas is None:
            return QRectF()
        return self.canvas.visible_scene_rect()

    def _canvas_moved(self) -> None:
        self.viewport().update()

    def _scene_changed(self, _regions: object = None) -> None:
        self._refit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        frame = self.shown_rect()
        if frame.isEmpty():
            return
        pen = QPen(FRAME_COLOR, 2)
        pen.setCosmetic(True)  # two pixels whatever the overview's scale
        painter.setPen(pen)
        fill = QColor(FRAME_COLOR)
        fill.setAlpha(30)
        painter.setBrush(QBrush(fill))
        painter.drawRect(frame)

    # ------------------------------------------------------------------ steering

    def _centre_canvas(self, event: QMouseEvent) -> None:
        if self.canvas is not None:
            self.canvas.centerOn(self.mapToScene(event.position().toPoint()))

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
