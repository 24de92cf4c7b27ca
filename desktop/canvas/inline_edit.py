"""Typing a claim's text in place: opens the inline editor on a claim box, previews the box
around what is typed, and ends in one "Edit text" step (or takes back a fresh claim)."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from argmap.layout import style
from argmap.layout.geometry import claim_box
from desktop.canvas.editor import InlineEditor
from desktop.canvas.items import ClaimItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsItem

    from desktop.canvas.scene import MapScene


class InlineEditing:
    """At most one open :class:`InlineEditor` per scene, and what its text does."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.map = scene.map
        self.doc = scene.doc
        self.editor: InlineEditor | None = None

    def edit_claim(
        self, cid: str, *, merge_key: Hashable = None, fresh: bool = False
    ) -> InlineEditor | None:
        """Open the inline editor on a claim; Enter commits one "Edit text" step. On a
        ``fresh`` claim (just added under ``merge_key``), Escape takes the claim back: the
        map and the undo stack are as before it was added."""
        s = self.scene
        item = s.claim_items.get(cid)
        if item is None:
            return None
        self.finish()

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
                s.mirror.refresh_claims([cid])  # drop the typing preview
                return
            text = text.strip() or self.map.claim(cid).text
            self.doc.run(
                "Edit text", lambda: self.map.update_claim(cid, text=text), merge_key=merge_key
            )
            s.mirror.refresh_claims([cid])
            for view in s.views():
                view.setFocus()

        initial = self.map.claim(cid).text
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
        s.clear_selection_to([cid])
        editor.start()
        return editor

    def finish(self, *, unless: QGraphicsItem | None = None) -> None:
        """Commit what is typed (a click elsewhere, another editor opening)."""
        if self.editor is not None and self.editor is not unless:
            self.editor.finish(commit=True)

    def abandon_on(self, item: ClaimItem) -> None:
        """The claim under the editor went away (undo, delete): drop what was typed."""
        if self.editor is not None and self.editor.parentItem() is item:
            self.editor.finish(commit=False)

    def preview_text(self, cid: str, text: str) -> None:
        """Redraw a claim's box around ``text`` being typed (the model changes on commit)."""
        s = self.scene
        item = s.claim_items.get(cid)
        if item is None:
            return
        shown = text if text.strip() else self.map.claim(cid).text
        claim = dataclasses.replace(self.map.claim(cid), text=shown)
        old = s.nodes[cid]
        node = dataclasses.replace(old, box=claim_box(claim, old.role))
        s.nodes[cid] = node
        item.set_node(node)
        s.mirror.update_incident_edges([cid], use_route=False)
        if self.editor is not None and self.editor.parentItem() is item:
            self._place_editor(item)
        s.shapes_previewed.emit([cid])

    def _place_editor(self, item: ClaimItem) -> None:
        """The editor's first line on the box's first baseline, as wide as the box's text."""
        assert self.editor is not None
        box = item.node.box
        left = -box.width / 2 + style.PADDING
        first = box.lines[0].baseline if box.lines else style.PADDING + style.FONT_SIZE
        self.editor.set_width(box.width - 2 * style.PADDING)
        self.editor.place(left, -box.height / 2 + first)
