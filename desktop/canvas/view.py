"""The map view: zoom (Ctrl+wheel, Ctrl±, fit Ctrl+0), pan (middle button or space+drag),
rubber-band selection on empty space, arrow keys handed to the navigation callback."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from desktop.canvas.scene import MapScene

MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
MIN_FIT_ZOOM = 0.7
ZOOM_STEP = 1.2

_ARROWS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}


class MapView(QGraphicsView):
    first_painted = Signal()  # once, after the first paint of the map

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Only the changed regions repaint: a drag redraws one claim and its relations.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, False)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navigate: Callable[[str], None] | None = None
        self._pan_from: QPoint | None = None
        self._space = False
        self._fitted = False
        self.painted = False

    # ------------------------------------------------------------------ zoom

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.scale(factor / self.zoom, factor / self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit(self) -> None:
        """Show the whole map, never enlarged beyond 100% nor shrunk below ``MIN_FIT_ZOOM``
        (a huge map is then shown from its thesis, readable, instead of as dust)."""
        self._fitted = True
        rect = self.map_scene.itemsBoundingRect()
        if rect.isNull():
            return
        self.fitInView(rect.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.0:
            self.set_zoom(1.0)
            self.centerOn(rect.center())
        elif self.zoom < MIN_FIT_ZOOM:
            self.set_zoom(MIN_FIT_ZOOM)
            scene = self.map_scene
            thesis = scene.map.thesis
            item = scene.claim_items.get(thesis) if thesis else None
            if item is not None:
                top = self.mapToScene(0, 0).y()
                height = self.mapToScene(0, self.viewport().height()).y() - top
                if rect.height() + 40 <= height:  # all ranks fit: centre them vertically
                    self.centerOn(item.pos().x(), rect.center().y())
                else:  # the thesis near the top, its premises below
                    self.centerOn(item.pos().x(), item.pos().y() + height / 2 - 100)
            else:
                self.centerOn(rect.topLeft() + QPointF(200, 200))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The first real size decides the first view of the map.
        if not self._fitted and self.viewport().width() > 200:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom * ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------------ pan

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.map_scene.editor is not None
        if not editing and event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if not editing and event.key() == Qt.Key.Key_Escape and self.map_scene.cancel_interaction():
            event.accept()
            return
        direction = _ARROWS.get(Qt.Key(event.key()))
        if (
            not editing
            and direction is not None
            and self.navigate is not None
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.navigate(direction)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)
