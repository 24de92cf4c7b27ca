"""Which claims and relations are on screen: collapse hides what bears on a collapsed claim
(the core decides what, as for the SVG), focus hides what is outside a claim's neighbourhood."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from argmap.model import RelationKind
from desktop.canvas.focus import neighbourhood
from desktop.canvas.shapes import NodeShape, hidden_claims

if TYPE_CHECKING:
    from desktop.canvas.scene import MapScene


class Visibility:
    """Shows and hides one scene's items; emits the scene's ``visibility_changed``."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.map = scene.map
        self.hidden: set[str] = set()
        self.focus_root: str | None = None  # only its neighbourhood is shown (focus.py)

    def set_focus(self, cid: str | None) -> None:
        """Show only ``cid``'s neighbourhood (``None``: the whole map again)."""
        self.focus_root = cid
        self.update()

    def update(self) -> None:
        """Hide what collapse and focus hide now; show the rest."""
        s = self.scene
        if self.focus_root is not None and not self.map.has_claim(self.focus_root):
            self.focus_root = None
        focused = self.focus_root is not None
        if not self.hidden and not focused and not any(c.collapsed for c in self.map.claims()):
            return
        hidden, below = hidden_claims(self.map)
        if self.focus_root is not None:
            near = neighbourhood(self.map, self.focus_root)
            hidden |= {cid for cid in s.claim_items if cid not in near}
        for rel in self.map.relations():
            if rel.target in hidden or all(p in hidden for p in rel.premises):
                hidden.add(rel.id)
        changed = []
        for cid, item in s.claim_items.items():
            item.setVisible(cid not in hidden)
            if s.nodes[cid].hidden_below != below.get(cid, 0):
                changed.append(cid)
        for rid, ritem in s.relation_items.items():
            ritem.setVisible(rid not in hidden)
        # Undercuts of hidden relations go too.
        for rel in self.map.relations():
            if rel.id in s.relation_items and self._relation_hidden(rel.id, hidden):
                s.relation_items[rel.id].setVisible(False)
        self.hidden = hidden
        if changed:
            s.mirror.refresh_claims(changed)
        s.visibility_changed.emit()
        for selected in s.selectedItems():
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

    def visible_nodes(self) -> dict[str, NodeShape]:
        """The shapes of the claims on screen (not those hidden by collapse or focus)."""
        s = self.scene
        return {c: n for c, n in s.nodes.items() if s.claim_items[c].isVisible()}

    def visible_rect(self) -> QRectF:
        """Where the visible claims and relations are (collapsed or unfocused ones left out),
        from their shapes (asking thousands of items for their bounds is slow)."""
        s = self.scene
        everything = not self.hidden and self.focus_root is None
        nodes = s.nodes.values() if everything else self.visible_nodes().values()
        xs: list[float] = []
        ys: list[float] = []
        for n in nodes:
            half_w, half_h = n.box.width / 2, n.box.height / 2
            xs += (n.cx - half_w, n.cx + half_w)
            ys += (n.cy - half_h, n.cy + half_h)
        for item in s.relation_items.values():
            if everything or item.isVisible():
                r = item.boundingRect()
                xs += (r.left(), r.right())
                ys += (r.top(), r.bottom())
        if not xs:
            return QRectF()
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
