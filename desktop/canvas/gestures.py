"""Mouse gestures on the scene: a press on a claim starts an interaction (move, connect;
see interactions.py), the drag previews it, the release ends it in one undo step.

The scene's mouse handlers hand their events here and fall back to Qt's own handling (rubber
band, item selection) when a method returns ``False``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QGraphicsView

from argmap.model import RelationKind
from argmap.model.queries import relations_of
from desktop.canvas.interactions import ConnectDrag, Interaction, MoveDrag
from desktop.canvas.items import ClaimItem, RelationItem
from desktop.canvas.shapes import Point

if TYPE_CHECKING:
    from desktop.canvas.scene import MapScene


class Gestures:
    """The current interaction of one scene, and the model changes gestures end in."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.map = scene.map
        self.interaction: Interaction | None = None

    # ------------------------------------------------------------------ mouse events

    def _item_at(self, event: QGraphicsSceneMouseEvent) -> QGraphicsItem | None:
        widget = event.widget()
        view = widget.parent() if widget is not None else None
        transform = view.transform() if isinstance(view, QGraphicsView) else QTransform()
        return self.scene.itemAt(event.scenePos(), transform)

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        """Start a move or connect drag on a claim; ``False``: not ours."""
        s = self.scene
        item = self._item_at(event)
        s.inline.finish(unless=item)
        if event.button() != Qt.MouseButton.LeftButton or not isinstance(item, ClaimItem):
            return False
        mods = event.modifiers()
        on_handle = item.isSelected() and item.handle_rect().contains(
            item.mapFromScene(event.scenePos())
        )
        if mods & Qt.KeyboardModifier.AltModifier or on_handle:
            self.interaction = ConnectDrag(s, item)
        else:
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                item.setSelected(not item.isSelected())
            elif not item.isSelected():
                s.clear_selection_to([item.claim_id])
            moving = [i for i in s.selectedItems() if isinstance(i, ClaimItem)]
            if item.isSelected():
                self.interaction = MoveDrag(s, moving, event.scenePos())
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self.interaction is None:
            return False
        self.interaction.move(event.scenePos())
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self.interaction is None:
            return False
        interaction, self.interaction = self.interaction, None
        interaction.finish(event.scenePos())
        return True

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        """A double click on a claim edits its text in place."""
        item = self._item_at(event)
        if not isinstance(item, ClaimItem):
            return False
        self.interaction = None
        self.scene.inline.edit_claim(item.claim_id)
        return True

    def cancel(self) -> bool:
        """Escape: drop the current interaction, the model untouched; ``False`` if none."""
        if self.interaction is None:
            return False
        interaction, self.interaction = self.interaction, None
        interaction.cancel()
        return True

    # ------------------------------------------------------------------ what gestures do

    def preview_move(self, cid: str, centre: Point) -> None:
        """Show a claim at ``centre`` without touching the model (the item leads a drag)."""
        s = self.scene
        node = dataclasses.replace(s.nodes[cid], cx=centre[0], cy=centre[1])
        s.nodes[cid] = node
        s.claim_items[cid].setPos(centre[0], centre[1])
        s.mirror.update_incident_edges([cid], use_route=False)

    def commit_moves(self, moves: dict[str, Point]) -> None:
        """One undo step: the claims move and become pinned; their stale routes are dropped."""
        m = self.map

        def gesture() -> None:
            for cid, pos in moves.items():
                m.move(cid, pos, pin=True)
            for cid in moves:
                for rel in relations_of(m, cid):
                    if rel.route:
                        m.update_relation(rel.id, route=())

        n = len(moves)
        self.scene.doc.run("Move claim" if n == 1 else f"Move {n} claims", gesture)

    def connect_claims(self, premises: list[str], target: str, kind: RelationKind) -> str | None:
        """One undo step: a new relation, then selected; ``None`` (and a status line) if the
        model refuses it."""
        s = self.scene
        try:
            rel = s.doc.run(
                f"Connect ({kind.value})", lambda: self.map.connect(premises, target, kind)
            )
        except (ValueError, KeyError) as e:
            s.status_message.emit(f"Cannot connect: {str(e).strip(chr(39))}")
            return None
        s.clear_selection_to([rel.id])
        return rel.id

    def target_at(
        self, pos: QPointF, exclude: QGraphicsItem | None = None
    ) -> tuple[str, str] | None:
        """The visible claim or relation under ``pos`` (``("claim", id)``…), if any."""
        for item in self.scene.items(pos):
            if item is exclude or not item.isVisible():
                continue
            if isinstance(item, ClaimItem):
                return ("claim", item.claim_id)
            if isinstance(item, RelationItem):
                return ("relation", item.relation_id)
        return None
