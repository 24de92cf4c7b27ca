"""The map scene: everything drawn for one document, and its selection.

It keeps the ``id → item`` and ``id → shape`` maps and owns one collaborator per job:

- :class:`~desktop.canvas.mirror.ModelMirror` builds the items from the model and follows
  the model's events (the only one that adds or removes them);
- :class:`~desktop.canvas.visibility.Visibility` hides what collapse and focus hide;
- :class:`~desktop.canvas.gestures.Gestures` turns mouse drags into moves and connections;
- :class:`~desktop.canvas.inline_edit.InlineEditing` edits a claim's text in place.

Gestures (drag, connect, inline edit) end in one :meth:`desktop.document.Document.run` call;
the scene never changes its items for an edit except through the events that call brings back.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from desktop.canvas.gestures import Gestures
from desktop.canvas.inline_edit import InlineEditing
from desktop.canvas.items import ClaimItem, RelationItem
from desktop.canvas.mirror import ModelMirror
from desktop.canvas.shapes import EdgeShape, NodeShape
from desktop.canvas.visibility import Visibility
from desktop.document import Document


class MapScene(QGraphicsScene):
    """Everything drawn for one document."""

    status_message = Signal(str)
    # Claims redrawn with a shape the model does not have yet (typing preview): decorations
    # of their boxes follow it.
    shapes_previewed = Signal(list)
    visibility_changed = Signal()  # collapse or focus hid or showed claims

    def __init__(self, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.map = doc.map
        self.claim_items: dict[str, ClaimItem] = {}
        self.relation_items: dict[str, RelationItem] = {}
        self.nodes: dict[str, NodeShape] = {}
        self.edges: dict[str, EdgeShape] = {}
        self.setBackgroundBrush(QColor("#fbfbf9"))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.visibility = Visibility(self)
        self.inline = InlineEditing(self)
        self.gestures = Gestures(self)
        self.mirror = ModelMirror(self)
        self.mirror.rebuild()

    def detach(self) -> None:
        """Stop following the model (the document is closing)."""
        self.mirror.detach()

    # ------------------------------------------------------------------ selection

    def selected_claims(self) -> list[str]:
        return [i.claim_id for i in self.selectedItems() if isinstance(i, ClaimItem)]

    def selected_relations(self) -> list[str]:
        return [i.relation_id for i in self.selectedItems() if isinstance(i, RelationItem)]

    def clear_selection_to(self, ids: Iterable[str]) -> None:
        """Select exactly these claims/relations."""
        ids = list(ids)
        self.blockSignals(True)
        self.clearSelection()
        self.blockSignals(False)
        for i in ids:
            item = self.claim_items.get(i) or self.relation_items.get(i)
            if item is not None and item.isVisible():
                item.setSelected(True)
        self.selectionChanged.emit()
        for view in self.views():
            if ids and ids[0] in self.claim_items:
                view.ensureVisible(self.claim_items[ids[0]], 40, 40)

    def set_found(self, ids: Iterable[str]) -> None:
        """Mark the claims a search found (and unmark the others)."""
        found = set(ids)
        for cid, item in self.claim_items.items():
            item.set_found(cid in found)

    # ------------------------------------------------------------------ events to gestures

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.gestures.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.gestures.cancel():
            event.accept()
            return
        super().keyPressEvent(event)
