"""Interaction modes as objects (start / move / finish / cancel), as in Orange's canvas.

The scene forwards mouse events to the current interaction; each one ends by pushing at most
one command (one gesture, one undo step) or by cancelling without touching the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem

from argmap.model import RelationKind

if TYPE_CHECKING:
    from desktop.canvas.items import ClaimItem
    from desktop.canvas.scene import MapScene

DRAG_THRESHOLD = 3.0  # scene units a press must move before it counts as a drag


class Interaction:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene

    def move(self, pos: QPointF) -> None:  # pragma: no cover - overridden
        pass

    def finish(self, pos: QPointF) -> None:  # pragma: no cover - overridden
        pass

    def cancel(self) -> None:  # pragma: no cover - overridden
        pass


class MoveDrag(Interaction):
    """Drag the selected claims: the items lead, the model catches up on release."""

    def __init__(self, scene: MapScene, items: list[ClaimItem], press: QPointF) -> None:
        super().__init__(scene)
        self.items = items
        self.press = QPointF(press)
        self.start = {it.claim_id: QPointF(it.pos()) for it in items}
        self.started = False

    def move(self, pos: QPointF) -> None:
        delta = pos - self.press
        if not self.started and abs(delta.x()) + abs(delta.y()) < DRAG_THRESHOLD:
            return
        self.started = True
        for it in self.items:
            p = self.start[it.claim_id] + delta
            self.scene.gestures.preview_move(it.claim_id, (p.x(), p.y()))

    def finish(self, pos: QPointF) -> None:
        if not self.started:
            return
        self.move(pos)
        moves = {it.claim_id: (it.pos().x(), it.pos().y()) for it in self.items}
        if all(self.start[c] == QPointF(*p) for c, p in moves.items()):
            return
        self.scene.gestures.commit_moves(moves)

    def cancel(self) -> None:
        for it in self.items:
            p = self.start[it.claim_id]
            self.scene.gestures.preview_move(it.claim_id, (p.x(), p.y()))
        self.scene.mirror.refresh_claims([it.claim_id for it in self.items])


class ConnectDrag(Interaction):
    """Drag from a claim (Alt+drag) onto another claim (support) or onto a relation (undercut)."""

    def __init__(self, scene: MapScene, source: ClaimItem) -> None:
        super().__init__(scene)
        self.source = source
        self.line = QGraphicsLineItem()
        pen = QPen(QColor("#555555"), 1.5, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(100)
        scene.addItem(self.line)
        self.line.setLine(QLineF(source.pos(), source.pos()))

    def move(self, pos: QPointF) -> None:
        self.line.setLine(QLineF(self.source.pos(), pos))

    def finish(self, pos: QPointF) -> None:
        self._remove_line()
        target = self.scene.gestures.target_at(pos, exclude=self.source)
        if target is None:
            return
        kind_target, target_id = target
        kind = RelationKind.UNDERCUT if kind_target == "relation" else RelationKind.SUPPORT
        self.scene.gestures.connect_claims([self.source.claim_id], target_id, kind)

    def cancel(self) -> None:
        self._remove_line()

    def _remove_line(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
