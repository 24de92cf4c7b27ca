"""The map scene: builds its items from the model, then follows the model's events.

It keeps ``id → item`` and ``id → shape`` maps. Gestures (drag, connect, inline edit) end in
one :meth:`desktop.document.Document.run` call; the scene never changes its items for an edit
except through the events that call brings back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
)

from argmap.layout import style
from argmap.layout.geometry import claim_box
from argmap.model import (
    ArticleAdded,
    ArticleRemoved,
    ClaimAdded,
    ClaimRemoved,
    ClaimUpdated,
    MapEvent,
    MapUpdated,
    RelationAdded,
    RelationKind,
    RelationRemoved,
    RelationUpdated,
)
from desktop.canvas.editor import InlineEditor
from desktop.canvas.focus import neighbourhood
from desktop.canvas.interactions import ConnectDrag, Interaction, MoveDrag
from desktop.canvas.items import ClaimItem, RelationItem
from desktop.canvas.shapes import (
    EdgeShape,
    NodeShape,
    Point,
    build_drawing,
    edge_shape,
    hidden_claims,
    node_shape,
)
from desktop.document import Document

MARGIN = 60.0
# Claim fields that change the box; the others (notes, anchors…) are for the panels.
_BOX_FIELDS = frozenset({"text", "tags", "attribution", "provenance"})  # what changes a box


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
        self.interaction: Interaction | None = None
        self.editor: InlineEditor | None = None
        self.hidden: set[str] = set()
        self.focus_root: str | None = None  # only its neighbourhood is shown (focus.py)
        self.setBackgroundBrush(QColor("#fbfbf9"))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.rebuild()
        self._unsubscribe = self.map.subscribe(self._on_event)

    def detach(self) -> None:
        """Stop following the model (the document is closing)."""
        self._unsubscribe()

    # ------------------------------------------------------------------ building

    def rebuild(self) -> None:
        """Build every item from the model (on open only; edits update items one by one)."""
        for item in list(self.claim_items.values()) + list(self.relation_items.values()):
            self.removeItem(item)
        drawing = build_drawing(self.map)
        self.nodes = dict(drawing.nodes)
        # Claims hidden under collapsed ones get items too (shown again on expand).
        for claim in self.map.claims():
            if claim.id not in self.nodes:
                centre = claim.position or self.free_spot(None)
                self.nodes[claim.id] = node_shape(self.map, claim.id, centre=centre)
        self.edges = dict(drawing.edges)
        for rel in self.map.relations():
            if rel.id not in self.edges:
                edge_shape(self.map, rel.id, self.nodes, self.edges)
        self.claim_items = {}
        self.relation_items = {}
        for cid, node in self.nodes.items():
            item = ClaimItem(node)
            self.claim_items[cid] = item
            self.addItem(item)
        for rid, edge in self.edges.items():
            ritem = RelationItem(edge)
            self.relation_items[rid] = ritem
            self.addItem(ritem)
        self._update_visibility()
        self._update_scene_rect()

    def _update_scene_rect(self) -> None:
        rect = self.itemsBoundingRect()
        if rect.isNull():
            rect = QRectF(0, 0, 400, 300)
        self.setSceneRect(rect.adjusted(-MARGIN * 4, -MARGIN * 4, MARGIN * 4, MARGIN * 4))

    def _grow_scene_rect(self, rect: QRectF) -> None:
        if not self.sceneRect().contains(rect):
            self.setSceneRect(
                self.sceneRect().united(rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
            )

    # ------------------------------------------------------------------ following the model

    def _on_event(self, event: MapEvent) -> None:
        if isinstance(event, ClaimAdded):
            self._add_claim(event.new.id)
            self._refresh_roles()
        elif isinstance(event, ClaimRemoved):
            item = self.claim_items.pop(event.old.id, None)
            self.nodes.pop(event.old.id, None)
            if item is not None:
                if self.editor is not None and self.editor.parentItem() is item:
                    self.editor.finish(commit=False)
                self.removeItem(item)
            self._refresh_roles()
        elif isinstance(event, ClaimUpdated):
            if event.field == "position":
                # Moves clear stale routes in the same step, so a stored route is current.
                self.refresh_claims([event.id])
            elif event.field in _BOX_FIELDS:
                self.refresh_claims([event.id])
            elif event.field == "collapsed":
                self._update_visibility()
        elif isinstance(event, RelationAdded):
            self._refresh_roles()
            self._set_edge(event.new.id)
            self._update_visibility()
        elif isinstance(event, RelationRemoved):
            ritem = self.relation_items.pop(event.old.id, None)
            self.edges.pop(event.old.id, None)
            if ritem is not None:
                self.removeItem(ritem)
            self._refresh_roles()
            self._update_visibility()
        elif isinstance(event, RelationUpdated):
            if event.field != "route":
                self._refresh_roles()
            self._set_edge(event.id)
            self._update_dependent_edges([event.id])
            if event.field != "route":
                self._update_visibility()
        elif isinstance(event, MapUpdated) and event.field == "thesis":
            self._refresh_roles()
        elif isinstance(event, ArticleAdded | ArticleRemoved):
            pass

    def _centre_for(self, cid: str) -> Point:
        claim = self.map.claim(cid)
        if claim.position is not None:
            return claim.position
        old = self.nodes.get(cid)
        if old is not None:
            return (old.cx, old.cy)
        return self.free_spot(None)

    def _add_claim(self, cid: str) -> None:
        node = node_shape(self.map, cid, centre=self._centre_for(cid))
        self.nodes[cid] = node
        item = ClaimItem(node)
        self.claim_items[cid] = item
        self.addItem(item)
        self._grow_scene_rect(item.sceneBoundingRect())

    def _refresh_roles(self) -> None:
        """Roles follow the structure: redraw the claims whose role changed."""
        roles = self.map.roles()
        changed = [cid for cid, node in self.nodes.items() if roles.get(cid) != node.role]
        if changed:
            self.refresh_claims(changed)

    def refresh_claims(self, ids: Iterable[str], *, use_route: bool = True) -> None:
        """Rebuild the shapes of these claims from the model, with their relations."""
        ids = [cid for cid in ids if cid in self.claim_items]
        below = hidden_claims(self.map)[1] if self.hidden or self._any_collapsed() else {}
        for cid in ids:
            node = node_shape(
                self.map, cid, centre=self._centre_for(cid), hidden_below=below.get(cid, 0)
            )
            self.nodes[cid] = node
            self.claim_items[cid].set_node(node)
            self._grow_scene_rect(self.claim_items[cid].sceneBoundingRect())
        self._update_incident_edges(ids, use_route=use_route)

    def _any_collapsed(self) -> bool:
        return any(c.collapsed for c in self.map.claims())

    def _set_edge(self, rid: str, *, use_route: bool = True) -> None:
        rel = self.map.relation(rid)
        if rel.kind is RelationKind.UNDERCUT and rel.target not in self.edges:
            return
        edge = edge_shape(self.map, rid, self.nodes, self.edges, use_route=use_route)
        self.edges[rid] = edge
        item = self.relation_items.get(rid)
        if item is None:
            item = RelationItem(edge)
            self.relation_items[rid] = item
            self.addItem(item)
        else:
            item.set_edge(edge)

    def _update_incident_edges(self, claim_ids: Iterable[str], *, use_route: bool = True) -> None:
        rids: list[str] = []
        seen: set[str] = set()
        for cid in claim_ids:
            for rel in self.map.relations_of(cid):
                if rel.id not in seen:
                    seen.add(rel.id)
                    rids.append(rel.id)
        for rid in rids:
            self._set_edge(rid, use_route=use_route and bool(self.map.relation(rid).route))
        self._update_dependent_edges(rids)

    def _update_dependent_edges(self, rids: Iterable[str]) -> None:
        """Undercuts aim at a relation's midpoint: redraw them when it moves."""
        todo = list(rids)
        while todo:
            rid = todo.pop()
            for u in self.map.relations_into(rid):
                self._set_edge(u.id, use_route=False)
                todo.append(u.id)

    # ------------------------------------------------------------------ collapse

    def set_focus(self, cid: str | None) -> None:
        """Show only ``cid``'s neighbourhood (``None``: the whole map again)."""
        self.focus_root = cid
        self._update_visibility()

    def _update_visibility(self) -> None:
        """Hide what bears on collapsed claims (the core decides what, as for the SVG) and,
        under focus, what is outside the focused claim's neighbourhood."""
        if self.focus_root is not None and not self.map.has_claim(self.focus_root):
            self.focus_root = None
        focused = self.focus_root is not None
        if not self.hidden and not focused and not any(c.collapsed for c in self.map.claims()):
            return
        hidden, below = hidden_claims(self.map)
        if self.focus_root is not None:
            near = neighbourhood(self.map, self.focus_root)
            hidden |= {cid for cid in self.claim_items if cid not in near}
        for rel in self.map.relations():
            if rel.target in hidden or all(p in hidden for p in rel.premises):
                hidden.add(rel.id)
        changed = []
        for cid, item in self.claim_items.items():
            item.setVisible(cid not in hidden)
            if self.nodes[cid].hidden_below != below.get(cid, 0):
                changed.append(cid)
        for rid, ritem in self.relation_items.items():
            ritem.setVisible(rid not in hidden)
        # Undercuts of hidden relations go too.
        for rel in self.map.relations():
            if rel.id in self.relation_items and self._relation_hidden(rel.id, hidden):
                self.relation_items[rel.id].setVisible(False)
        self.hidden = hidden
        if changed:
            self.refresh_claims(changed)
        self.visibility_changed.emit()
        for selected in self.selectedItems():
            if not selected.isVisible():
                selected.setSelected(False)

    def _relation_hidden(self, rid: str, hidden: set[str]) -> bool:
        seen = set()
        while rid not in seen:
            seen.add(rid)
            if rid in hidden:
                return True
            rel = self.map.relation(rid)
            if rel.kind is not RelationKind.UNDERCUT:
                return False
            rid = rel.target
        return False

    def visible_rect(self) -> QRectF:
        """Where the visible claims and relations are (collapsed or unfocused ones left out),
        from their shapes (asking thousands of items for their bounds is slow)."""
        everything = not self.hidden and self.focus_root is None
        nodes = self.nodes.values() if everything else self.visible_nodes().values()
        xs: list[float] = []
        ys: list[float] = []
        for n in nodes:
            half_w, half_h = n.box.width / 2, n.box.height / 2
            xs += (n.cx - half_w, n.cx + half_w)
            ys += (n.cy - half_h, n.cy + half_h)
        for item in self.relation_items.values():
            if everything or item.isVisible():
                r = item.boundingRect()
                xs += (r.left(), r.right())
                ys += (r.top(), r.bottom())
        if not xs:
            return QRectF()
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    # ------------------------------------------------------------------ live drag

    def preview_move(self, cid: str, centre: Point) -> None:
        """Show a claim at ``centre`` without touching the model (the item leads a drag)."""
        node = dataclasses.replace(self.nodes[cid], cx=centre[0], cy=centre[1])
        self.nodes[cid] = node
        self.claim_items[cid].setPos(centre[0], centre[1])
        self._update_incident_edges([cid], use_route=False)

    def commit_moves(self, moves: dict[str, Point]) -> None:
        """One undo step: the claims move and become pinned; their stale routes are dropped."""
        m = self.map

        def gesture() -> None:
            for cid, pos in moves.items():
                m.move(cid, pos, pin=True)
            for cid in moves:
                for rel in m.relations_of(cid):
                    if rel.route:
                        m.set_route(rel.id, ())

        n = len(moves)
        self.doc.run("Move claim" if n == 1 else f"Move {n} claims", gesture)

    def connect_claims(self, premises: list[str], target: str, kind: RelationKind) -> str | None:
        try:
            rel = self.doc.run(
                f"Connect ({kind.value})", lambda: self.map.connect(premises, target, kind)
            )
        except (ValueError, KeyError) as e:
            self.status_message.emit(f"Cannot connect: {str(e).strip(chr(39))}")
            return None
        self.clear_selection_to([rel.id])
        return rel.id

    def target_at(
        self, pos: QPointF, exclude: QGraphicsItem | None = None
    ) -> tuple[str, str] | None:
        for item in self.items(pos):
            if item is exclude or not item.isVisible():
                continue
            if isinstance(item, ClaimItem):
                return ("claim", item.claim_id)
            if isinstance(item, RelationItem):
                return ("relation", item.relation_id)
        return None

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

    # ------------------------------------------------------------------ placing

    def free_spot(self, near: str | None, size: tuple[float, float] = (210.0, 70.0)) -> Point:
        """A centre where a new box of ``size`` overlaps nothing: below ``near`` (the new
        claim's target; premises sit below in the bottom-to-top layout), or right of all."""
        w, h = size
        if near is not None and near in self.nodes:
            t = self.nodes[near]
            y = t.cy + t.height / 2 + 70 + h / 2
            offsets = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6]
            for row in range(6):
                for k in offsets:
                    c = (t.cx + k * (w + 30), y + row * (h + 50))
                    if not self._overlaps(c, size):
                        return c
            return (t.cx, y)
        rect = self.itemsBoundingRect()
        if rect.isNull():
            return (200.0, 120.0)
        return (rect.right() + w / 2 + 60, rect.top() + h / 2 + 20)

    def visible_nodes(self) -> dict[str, NodeShape]:
        """The shapes of the claims on screen (not those hidden by collapse or focus)."""
        return {c: n for c, n in self.nodes.items() if self.claim_items[c].isVisible()}

    def _overlaps(self, centre: Point, size: tuple[float, float]) -> bool:
        w, h = size
        rect = QRectF(centre[0] - w / 2 - 15, centre[1] - h / 2 - 15, w + 30, h + 30)
        return any(isinstance(i, ClaimItem) and i.isVisible() for i in self.items(rect))

    # ------------------------------------------------------------------ inline edit

    def edit_claim(
        self, cid: str, *, merge_key: Hashable = None, fresh: bool = False
    ) -> InlineEditor | None:
        """Open the inline editor on a claim; Enter commits one "Edit text" step. On a
        ``fresh`` claim (just added under ``merge_key``), Escape takes the claim back: the
        map and the undo stack are as before it was added."""
        item = self.claim_items.get(cid)
        if item is None:
            return None
        if self.editor is not None:
            self.editor.finish(commit=True)

        def done(text: str | None) -> None:
            self.editor = None
            self.doc.clear_pending()
            if not self.map.has_claim(cid):
                return
            if fresh and not (text or "").strip():
                # Escape, or Enter on nothing typed: the new claim was never wanted.
                self.doc.withdraw(merge_key)
                return
            if text is None:
                self.refresh_claims([cid])  # drop the typing preview
                return
            text = text.strip() or self.map.claim(cid).text
            self.doc.run("Edit text", lambda: self.map.set_text(cid, text), merge_key=merge_key)
            self.refresh_claims([cid])
            for view in self.views():
                view.setFocus()

        claim = self.map.claim(cid)
        initial = claim.text
        editor = InlineEditor(
            item,
            initial,
            done,
            on_change=lambda text: self.preview_text(cid, text),
            hint=initial if fresh else "",
        )
        editor.fill = QColor(item.node.style.fill)
        # Autosave keeps what is being typed; a fresh claim's text is only a placeholder.
        self.doc.set_pending(cid, editor.toPlainText(), initial=initial, fresh=fresh)
        editor.document().contentsChanged.connect(
            lambda: self.doc.set_pending(cid, editor.toPlainText(), initial=initial, fresh=fresh)
        )
        self.editor = editor
        self._place_editor(item)
        self.clear_selection_to([cid])
        editor.start()
        return editor

    def preview_text(self, cid: str, text: str) -> None:
        """Redraw a claim's box around ``text`` being typed (the model changes on commit)."""
        item = self.claim_items.get(cid)
        if item is None:
            return
        shown = text if text.strip() else self.map.claim(cid).text
        claim = dataclasses.replace(self.map.claim(cid), text=shown)
        old = self.nodes[cid]
        node = dataclasses.replace(old, box=claim_box(claim, old.role))
        self.nodes[cid] = node
        item.set_node(node)
        self._update_incident_edges([cid], use_route=False)
        if self.editor is not None and self.editor.parentItem() is item:
            self._place_editor(item)
        self.shapes_previewed.emit([cid])

    def _place_editor(self, item: ClaimItem) -> None:
        """The editor's first line on the box's first baseline, as wide as the box's text."""
        assert self.editor is not None
        box = item.node.box
        left = -box.width / 2 + style.PADDING
        first = box.lines[0].baseline if box.lines else style.PADDING + style.FONT_SIZE
        self.editor.set_width(box.width - 2 * style.PADDING)
        self.editor.place(left, -box.height / 2 + first)

    # ------------------------------------------------------------------ mouse

    def _item_at(self, event: QGraphicsSceneMouseEvent) -> QGraphicsItem | None:
        widget = event.widget()
        view = widget.parent() if widget is not None else None
        transform = view.transform() if isinstance(view, QGraphicsView) else QTransform()
        return self.itemAt(event.scenePos(), transform)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self._item_at(event)
        if self.editor is not None and item is not self.editor:
            self.editor.finish(commit=True)
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, ClaimItem):
            mods = event.modifiers()
            on_handle = item.isSelected() and item.handle_rect().contains(
                item.mapFromScene(event.scenePos())
            )
            if mods & Qt.KeyboardModifier.AltModifier or on_handle:
                self.interaction = ConnectDrag(self, item)
            else:
                if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                    item.setSelected(not item.isSelected())
                elif not item.isSelected():
                    self.clear_selection_to([item.claim_id])
                moving = [i for i in self.selectedItems() if isinstance(i, ClaimItem)]
                if item.isSelected():
                    self.interaction = MoveDrag(self, moving, event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self._item_at(event)
        if isinstance(item, ClaimItem):
            self.interaction = None
            self.edit_claim(item.claim_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def cancel_interaction(self) -> bool:
        if self.interaction is None:
            return False
        interaction, self.interaction = self.interaction, None
        interaction.cancel()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.cancel_interaction():
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ find

    def set_found(self, ids: Iterable[str]) -> None:
        found = set(ids)
        for cid, item in self.claim_items.items():
            item.set_found(cid in found)
