"""Find claims in the map in front (Ctrl+F): the toolbar's search field highlights every claim
whose text, quoted passage or tags match ("#tag" looks for that tag only); Enter steps
through those on screen and centres each.

>>> from argmap.model import Anchor, Claim
>>> c = Claim("c", "Sanctions bite", ("ukraine",), anchors=(Anchor("a", 0, 9, "EU measures"),))
>>> [claim_matches(c, q) for q in ("bite", "measures", "ukr", "#ukraine", "#ukr", "syria")]
[True, True, True, True, False, False]
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

from argmap.model import Claim
from desktop.document_view import DocumentView


def claim_matches(claim: Claim, query: str) -> bool:
    """Whether ``claim`` matches ``query`` (case-insensitive; blank matches nothing)."""
    needle = query.casefold().strip()
    if not needle:
        return False
    if needle.startswith("#") and len(needle) > 1:
        return needle[1:] in (t.casefold() for t in claim.tags)
    if needle in claim.text.casefold():
        return True
    if any(needle in a.quote.casefold() for a in claim.anchors):
        return True
    return any(needle in t.casefold() for t in claim.tags)


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
        self.box.setToolTip("Find claims by their text, a quoted passage or a tag (#tag)")
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
        self.matches = []
        self.index = -1
        if dv is None:
            return
        if text.strip():
            nodes = dv.scene.nodes
            self.matches = sorted(
                (c.id for c in dv.doc.map.claims() if claim_matches(c, text)),
                key=lambda c: (nodes[c].cy, nodes[c].cx) if c in nodes else (0.0, 0.0),
            )
        dv.scene.set_found(self.matches)
        if text.strip() and not quiet:
            self._bring_into_view(dv)
            self._message(self._summary(dv))

    def _shown(self, dv: DocumentView) -> list[str]:
        """Matches on screen (not folded under a collapsed claim, nor out of focus)."""
        items = dv.scene.claim_items
        return [c for c in self.matches if c in items and items[c].isVisible()]

    def _bring_into_view(self, dv: DocumentView) -> None:
        """Centre the first match unless one is on screen already."""
        shown = self._shown(dv)
        area = dv.view.visible_scene_rect()
        items = dv.scene.claim_items
        if shown and not any(area.intersects(items[c].sceneBoundingRect()) for c in shown):
            dv.view.centre_on(items[shown[0]])

    def _summary(self, dv: DocumentView) -> str:
        n, hidden = len(self.matches), len(self.matches) - len(self._shown(dv))
        text = f"{n} matching claim{'' if n == 1 else 's'}"
        return text + (f" ({hidden} hidden: collapsed or out of focus)" if hidden else "")

    def find_next(self) -> str | None:
        """Select and centre the next match on screen."""
        dv = self._current()
        if dv is None:
            return None
        shown = set(self._shown(dv))
        for _ in self.matches:
            self.index = (self.index + 1) % len(self.matches)
            cid = self.matches[self.index]
            if cid in shown:
                dv.scene.clear_selection_to([cid])
                dv.view.centre_on(dv.scene.claim_items[cid])
                return cid
        return None
