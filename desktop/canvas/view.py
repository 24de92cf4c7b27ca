"""The map view: zoom (Ctrl+wheel, Ctrl±, fit Ctrl+0), pan (middle button or space+drag),
rubber-band selection on empty space, arrow keys handed to the navigation callback."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from desktop.canvas.scene import MapScene

MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
# Claim text (11 pt) is about 6.6 px high here: the smallest zoom at which it reads.
READABLE_ZOOM = 0.6
# Share of the viewport left empty on each side by "fit", so nothing touches the frame.
FIT_MARGIN = 0.04
ZOOM_STEP = 1.2

_ARROWS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}


class MapView(QGraphicsView):
    first_painted = Signal()  # once, after the first paint of the map
    moved = Signal()  # the visible part of the scene changed (scroll, zoom, resize)

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
        # A fit below MIN_ZOOM (a huge map shown whole) is not pulled back up by a zoom step.
        factor = max(min(MIN_ZOOM, self.zoom), min(MAX_ZOOM, factor))
        self._rescale(factor)

    def _rescale(self, factor: float) -> None:
        self.scale(factor / self.zoom, factor / self.zoom)
        self.moved.emit()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def whole_map_zoom(self) -> float:
        """The zoom at which every visible claim and relation fits, margins kept (≤ 100%)."""
        rect = self.map_scene.visibility.visible_rect()
        vp = self.viewport().rect()
        if rect.isEmpty() or vp.isEmpty():
            return 1.0
        usable = 1.0 - 2 * FIT_MARGIN
        return min(1.0, vp.width() * usable / rect.width(), vp.height() * usable / rect.height())

    def fit(self) -> None:
        """Show the whole map, however small it gets (Ctrl+0), never enlarged beyond 100%."""
        self._fitted = True
        rect = self.map_scene.visibility.visible_rect()
        if rect.isEmpty():
            return
        self._rescale(self.whole_map_zoom())
        self.centerOn(rect.center())

    def show_opening(self) -> None:
        """The first view of a map: all of it if that is readable, else its thesis at the
        smallest readable zoom (the overview shows the rest)."""
        self._fitted = True
        if self.whole_map_zoom() >= READABLE_ZOOM:
            self.fit()
            return
        scene = self.map_scene
        self.set_zoom(READABLE_ZOOM)
        rect = scene.visibility.visible_rect()
        thesis = scene.map.thesis
        item = scene.claim_items.get(thesis) if thesis else None
        if item is None or not item.isVisible():
            self.centerOn(rect.topLeft() + QPointF(200, 200))
            return
        height = self.viewport().height() / self.zoom
        if rect.height() <= height * (1 - 2 * FIT_MARGIN):  # all ranks fit: centre them
            self.centerOn(item.pos().x(), rect.center().y())
        else:  # the thesis near the top, its premises below
            top = item.pos().y() - item.node.height / 2 - height * FIT_MARGIN * 2
            self.centerOn(item.pos().x(), top + height / 2)

    def centre_on(self, item: QGraphicsItem) -> None:
        """Put ``item`` in the middle of the view, even near the map's edge (the scrollable
        area grows by half a view around it if it must)."""
        self.centre_at(item.sceneBoundingRect().center())

    def centre_at(self, centre: QPointF) -> None:
        """Put the scene point ``centre`` in the middle of the view, growing the scrollable
        area by what it takes (so a view remembered earlier comes back exactly)."""
        half_w = self.viewport().width() / 2 / self.zoom
        half_h = self.viewport().height() / 2 / self.zoom
        room = QRectF(centre.x() - half_w, centre.y() - half_h, 2 * half_w, 2 * half_h)
        if not self.sceneRect().contains(room):
            self.map_scene.setSceneRect(self.sceneRect().united(room))
        self.centerOn(centre)

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the viewport shows."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.moved.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.moved.emit()
        # The first real size decides the first view of the map.
        if not self._fitted and self.viewport().width() > 200:
            self.show_opening()

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
        editing = self.map_scene.inline.editor is not None
        if not editing and event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if not editing and event.key() == Qt.Key.Key_Escape and self.map_scene.gestures.cancel():
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
