"""Find claims by their text in the map in front: the toolbar's search field highlights the
matches, Enter steps through them and centres each."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

from desktop.document_view import DocumentView


class FindBar(QObject):
    def __init__(
        self,
        current: Callable[[], DocumentView | None],
        message: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self._message = message
        self.matches: list[str] = []
        self.index = -1
        self.box = QLineEdit()
        self.box.setPlaceholderText("Find claims (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setMaximumWidth(260)
        self.box.textChanged.connect(self.search)
        self.box.returnPressed.connect(self.find_next)

    def focus(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def refresh(self) -> None:
        """Search again (another map came to the front)."""
        self.search(self.box.text(), quiet=True)

    def search(self, text: str, *, quiet: bool = False) -> None:
        dv = self._current()
        needle = text.casefold().strip()
        self.matches = []
        self.index = -1
        if dv is None:
            return
        if needle:
            nodes = dv.scene.nodes
            self.matches = sorted(
                (c.id for c in dv.doc.map.claims() if needle in c.text.casefold()),
                key=lambda c: (nodes[c].cy, nodes[c].cx) if c in nodes else (0.0, 0.0),
            )
        dv.scene.set_found(self.matches)
        if needle and not quiet:
            self._message(f"{len(self.matches)} matching claims")

    def find_next(self) -> str | None:
        dv = self._current()
        if dv is None or not self.matches:
            return None
        self.index = (self.index + 1) % len(self.matches)
        cid = self.matches[self.index]
        dv.scene.clear_selection_to([cid])
        dv.view.centerOn(dv.scene.claim_items[cid])
        return cid
