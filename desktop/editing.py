"""Editing commands on the map in front: add, delete, relation kinds, collapse, clipboard,
claims from the article. Each gesture is one undo step (``Document.run``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from argmap.errors import ArgmapError
from argmap.model import RelationKind
from desktop import clipboard, navigation
from desktop.canvas import placement
from desktop.canvas.free_space import free_spot, overlaps
from desktop.document_view import DocumentView

PLACEHOLDER = {
    "reason": "New reason",
    "objection": "New objection",
    "rebuttal": "New rebuttal",
    "concession": "New concession",
    "co-premise": "New co-premise",
    "claim": "New claim",
}


class EditCommands:
    """The editing gestures; ``current`` gives the map in front, ``message`` shows a line in
    the status bar."""

    def __init__(
        self,
        current: Callable[[], DocumentView | None],
        message: Callable[[str], None],
    ) -> None:
        self._current = current
        self._message = message

    def selected_one(self) -> str | None:
        dv = self._current()
        if dv is None:
            return None
        claims = dv.scene.selected_claims()
        return claims[0] if len(claims) == 1 else None

    # ------------------------------------------------------------------ adding

    def add_related(self, what: str) -> str | None:
        """Add a reason (support), an objection/rebuttal (attack) or a concession (qualify:
        the author's "yes, but", which attacks nothing) to the selected claim, next to it,
        with its text open for editing; adding and typing are one undo step."""
        dv, target = self._current(), self.selected_one()
        if dv is None or target is None:
            return None
        m = dv.doc.map
        kind = {"reason": RelationKind.SUPPORT, "concession": RelationKind.QUALIFY}.get(
            what, RelationKind.ATTACK
        )
        cid = m.fresh_id("c")
        # Where the layout engine puts the next premise, beside its siblings, where it adds no
        # crossing (argmap/layout/slot.py, desktop/canvas/placement.py).
        nodes = dv.scene.visibility.visible_nodes()
        spot = placement.choose(m, nodes, dv.scene.edges, target, kind, PLACEHOLDER[what])

        def gesture() -> None:
            placement.apply_shifts(m, spot, nodes)
            m.add_claim(PLACEHOLDER[what], id=cid, position=spot.centre)
            rel = m.connect([cid], target, kind)
            if spot.route:
                m.update_relation(rel.id, route=spot.route)

        try:
            dv.doc.run(f"Add {what}", gesture, merge_key=("new", cid))
        except (ValueError, KeyError) as e:
            self._message(f"Cannot add: {e}")
            return None
        dv.scene.inline.edit_claim(cid, merge_key=("new", cid), fresh=True)
        return cid

    def add_copremise(self) -> str | None:
        """Add a claim that supports the same conclusion only together with the selected one."""
        dv, cid = self._current(), self.selected_one()
        if dv is None or cid is None:
            return None
        m = dv.doc.map
        rel = next((r for r in m.relations_from(cid) if r.kind is RelationKind.SUPPORT), None)
        if rel is None:
            return None
        new = m.fresh_id("c")
        node = dv.scene.nodes[cid]
        pos = (node.cx + node.width + 40, node.cy)
        if overlaps(dv.scene, pos, (node.width, node.height)):
            pos = free_spot(dv.scene, rel.target)

        def gesture() -> None:
            m.add_claim(PLACEHOLDER["co-premise"], id=new, position=pos)
            m.add_premise(rel.id, new)

        dv.doc.run("Add co-premise", gesture, merge_key=("new", new))
        dv.scene.inline.edit_claim(new, merge_key=("new", new), fresh=True)
        return new

    def add_free_claim(self) -> str | None:
        dv = self._current()
        if dv is None:
            return None
        m = dv.doc.map
        cid = m.fresh_id("c")
        pos = free_spot(dv.scene, None)
        dv.doc.run(
            "New claim",
            lambda: m.add_claim(PLACEHOLDER["claim"], id=cid, position=pos),
            merge_key=("new", cid),
        )
        dv.scene.inline.edit_claim(cid, merge_key=("new", cid), fresh=True)
        return cid

    # ------------------------------------------------------------------ changing

    def edit_selected(self) -> None:
        dv, cid = self._current(), self.selected_one()
        if dv is not None and cid is not None:
            dv.scene.inline.edit_claim(cid)

    def delete_selection(self) -> None:
        dv = self._current()
        if dv is None:
            return
        ids = dv.scene.selected_claims() + dv.scene.selected_relations()
        if not ids:
            return
        m = dv.doc.map
        n = len(ids)
        dv.doc.run("Delete" if n == 1 else f"Delete {n} items", lambda: m.delete(ids))

    def set_thesis(self) -> None:
        dv, cid = self._current(), self.selected_one()
        if dv is not None and cid is not None:
            dv.doc.run("Set thesis", lambda: dv.doc.map.update_map(thesis=cid))

    def set_relation_kind(self, kind: RelationKind) -> None:
        dv = self._current()
        if dv is None:
            return
        m = dv.doc.map
        rids = [
            r
            for r in dv.scene.selected_relations()
            if m.relation(r).kind is not RelationKind.UNDERCUT
        ]
        try:
            dv.doc.run(
                f"Make {kind.value}", lambda: [m.update_relation(r, kind=kind) for r in rids]
            )
        except ValueError as e:
            self._message(f"Cannot change the kind: {e}")

    def toggle_collapse(self) -> None:
        dv = self._current()
        if dv is None:
            return
        m = dv.doc.map
        ids = dv.scene.selected_claims()
        if not ids:
            return
        collapse = not m.claim(ids[0]).collapsed
        dv.doc.run(
            "Collapse" if collapse else "Expand",
            lambda: [m.update_claim(c, collapsed=collapse) for c in ids],
        )

    def select_all(self) -> None:
        dv = self._current()
        if dv is not None:
            items = dv.scene.claim_items.items()
            dv.scene.clear_selection_to([c for c, i in items if i.isVisible()])

    def navigate(self, direction: str) -> None:
        """Arrow keys: move the selection along relations (:mod:`desktop.navigation`)."""
        dv = self._current()
        if dv is None:
            return
        m = dv.doc.map
        cid = self.selected_one()
        if cid is None:
            start = m.thesis or next((c.id for c in m.claims()), None)
            if start is not None:
                dv.scene.clear_selection_to([start])
            return
        nodes = dv.scene.nodes
        nxt = navigation.step(m, cid, direction, lambda c: nodes[c].cx if c in nodes else 0.0)
        if nxt is not None and dv.scene.claim_items[nxt].isVisible():
            dv.scene.clear_selection_to([nxt])

    # ------------------------------------------------------------------ clipboard

    def copy(self) -> bool:
        dv = self._current()
        if dv is None or not dv.scene.selected_claims():
            return False
        part = clipboard.subgraph(dv.doc.map, dv.scene.selected_claims())
        mime = QMimeData()
        mime.setData(clipboard.MIME_TYPE, clipboard.to_bytes(part))
        mime.setText(clipboard.plain_text(part))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selection()

    def paste(self) -> list[str]:
        dv = self._current()
        mime = QGuiApplication.clipboard().mimeData()
        if dv is None or mime is None or not mime.hasFormat(clipboard.MIME_TYPE):
            return []
        data = bytes(mime.data(clipboard.MIME_TYPE).data())
        if not clipboard.parse_payload(data):
            return []
        m = dv.doc.map
        try:
            new = dv.doc.run("Paste", lambda: clipboard.paste(m, data, (40.0, 40.0)))
        except (ArgmapError, ValueError, KeyError) as e:
            self._message(f"Cannot paste: {e}")
            return []
        dv.scene.clear_selection_to(new)
        return new

    # ------------------------------------------------------------------ from the article

    def select_from_article(self, cid: str) -> None:
        dv = self._current()
        if dv is not None:
            dv.scene.clear_selection_to([cid])

    def new_claim_from_selection(self, article_id: str, start: int, end: int) -> str | None:
        dv = self._current()
        if dv is None:
            return None
        m = dv.doc.map
        anchor = m.article(article_id).anchor(start, end)
        cid = m.fresh_id("c")
        pos = free_spot(dv.scene, None)
        text = " ".join(anchor.quote.split())
        dv.doc.run(
            "New claim from selection",
            lambda: m.add_claim(text, id=cid, anchors=[anchor], position=pos),
        )
        dv.scene.clear_selection_to([cid])
        return cid

    def anchor_to_selection(self, article_id: str, start: int, end: int) -> None:
        dv, cid = self._current(), self.selected_one()
        if dv is None or cid is None:
            return
        m = dv.doc.map
        anchor = m.article(article_id).anchor(start, end)
        dv.doc.run("Anchor to selection", lambda: m.update_claim(cid, anchors=[anchor]))
