"""Builds the scene's items from the model, then keeps them following the model's events.

The scene holds the ``id → item`` and ``id → shape`` maps; this class is the only one that
creates or removes claim and relation items for the model (views only follow events).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from argmap.model import (
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
from argmap.model.queries import relations_of
from desktop.canvas.free_space import free_spot
from desktop.canvas.items import ClaimItem, RelationItem
from desktop.canvas.shapes import Point, build_drawing, edge_shape, hidden_claims, node_shape

if TYPE_CHECKING:
    from desktop.canvas.scene import MapScene

MARGIN = 60.0
# Claim fields that change the box; the others (notes, anchors…) are for the panels.
_BOX_FIELDS = frozenset({"text", "tags", "attribution", "provenance"})


class ModelMirror:
    """Keeps one scene's items equal to the model's claims and relations."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.map = scene.map
        self._unsubscribe = self.map.subscribe(self._on_event)

    def detach(self) -> None:
        """Stop following the model (the document is closing)."""
        self._unsubscribe()

    # ------------------------------------------------------------------ building

    def rebuild(self) -> None:
        """Build every item from the model (on open only; edits update items one by one)."""
        s = self.scene
        for item in list(s.claim_items.values()) + list(s.relation_items.values()):
            s.removeItem(item)
        drawing = build_drawing(self.map)
        s.nodes = dict(drawing.nodes)
        # Claims hidden under collapsed ones get items too (shown again on expand).
        for claim in self.map.claims():
            if claim.id not in s.nodes:
                centre = claim.position or free_spot(s, None)
                s.nodes[claim.id] = node_shape(self.map, claim.id, centre=centre)
        s.edges = dict(drawing.edges)
        for rel in self.map.relations():
            if rel.id not in s.edges:
                edge_shape(self.map, rel.id, s.nodes, s.edges)
        s.claim_items = {}
        s.relation_items = {}
        for cid, node in s.nodes.items():
            item = ClaimItem(node)
            s.claim_items[cid] = item
            s.addItem(item)
        for rid, edge in s.edges.items():
            ritem = RelationItem(edge)
            s.relation_items[rid] = ritem
            s.addItem(ritem)
        s.visibility.update()
        self._fit_scene_rect()

    def _fit_scene_rect(self) -> None:
        rect = self.scene.itemsBoundingRect()
        if rect.isNull():
            rect = QRectF(0, 0, 400, 300)
        self.scene.setSceneRect(rect.adjusted(-MARGIN * 4, -MARGIN * 4, MARGIN * 4, MARGIN * 4))

    def _grow_scene_rect(self, rect: QRectF) -> None:
        s = self.scene
        if not s.sceneRect().contains(rect):
            s.setSceneRect(s.sceneRect().united(rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)))

    # ------------------------------------------------------------------ following the model

    def _on_event(self, event: MapEvent) -> None:
        if isinstance(event, ClaimAdded):
            self._add_claim(event.new.id)
            self._refresh_roles()
        elif isinstance(event, ClaimRemoved):
            self._remove_claim(event.old.id)
            self._refresh_roles()
        elif isinstance(event, ClaimUpdated):
            # Moves clear stale routes in the same step, so a stored route is current.
            if event.field == "position" or event.field in _BOX_FIELDS:
                self.refresh_claims([event.id])
            elif event.field == "collapsed":
                self.scene.visibility.update()
        elif isinstance(event, RelationAdded):
            self._refresh_roles()
            self.set_edge(event.new.id)
            self.scene.visibility.update()
        elif isinstance(event, RelationRemoved):
            ritem = self.scene.relation_items.pop(event.old.id, None)
            self.scene.edges.pop(event.old.id, None)
            if ritem is not None:
                self.scene.removeItem(ritem)
            self._refresh_roles()
            self.scene.visibility.update()
        elif isinstance(event, RelationUpdated):
            if event.field != "route":
                self._refresh_roles()
            self.set_edge(event.id)
            self._update_dependent_edges([event.id])
            if event.field != "route":
                self.scene.visibility.update()
        elif isinstance(event, MapUpdated) and event.field == "thesis":
            self._refresh_roles()

    def _centre_for(self, cid: str) -> Point:
        claim = self.map.claim(cid)
        if claim.position is not None:
            return claim.position
        old = self.scene.nodes.get(cid)
        if old is not None:
            return (old.cx, old.cy)
        return free_spot(self.scene, None)

    def _add_claim(self, cid: str) -> None:
        node = node_shape(self.map, cid, centre=self._centre_for(cid))
        self.scene.nodes[cid] = node
        item = ClaimItem(node)
        self.scene.claim_items[cid] = item
        self.scene.addItem(item)
        self._grow_scene_rect(item.sceneBoundingRect())

    def _remove_claim(self, cid: str) -> None:
        item = self.scene.claim_items.pop(cid, None)
        self.scene.nodes.pop(cid, None)
        if item is not None:
            self.scene.inline.abandon_on(item)
            self.scene.removeItem(item)

    def _refresh_roles(self) -> None:
        """Roles follow the structure: redraw the claims whose role changed."""
        roles = self.map.roles()
        nodes = self.scene.nodes
        changed = [cid for cid, node in nodes.items() if roles.get(cid) != node.role]
        if changed:
            self.refresh_claims(changed)

    def refresh_claims(self, ids: Iterable[str], *, use_route: bool = True) -> None:
        """Rebuild the shapes of these claims from the model, with their relations."""
        s = self.scene
        ids = [cid for cid in ids if cid in s.claim_items]
        any_collapsed = s.visibility.hidden or any(c.collapsed for c in self.map.claims())
        below = hidden_claims(self.map)[1] if any_collapsed else {}
        for cid in ids:
            node = node_shape(
                self.map, cid, centre=self._centre_for(cid), hidden_below=below.get(cid, 0)
            )
            s.nodes[cid] = node
            s.claim_items[cid].set_node(node)
            self._grow_scene_rect(s.claim_items[cid].sceneBoundingRect())
        self.update_incident_edges(ids, use_route=use_route)

    def set_edge(self, rid: str, *, use_route: bool = True) -> None:
        """Draw relation ``rid`` again from the current shapes (adding its item if new)."""
        s = self.scene
        rel = self.map.relation(rid)
        if rel.kind is RelationKind.UNDERCUT and rel.target not in s.edges:
            return
        edge = edge_shape(self.map, rid, s.nodes, s.edges, use_route=use_route)
        s.edges[rid] = edge
        item = s.relation_items.get(rid)
        if item is None:
            item = RelationItem(edge)
            s.relation_items[rid] = item
            s.addItem(item)
        else:
            item.set_edge(edge)

    def update_incident_edges(self, claim_ids: Iterable[str], *, use_route: bool = True) -> None:
        """Redraw the relations touching these claims (and the undercuts aimed at them)."""
        rids: list[str] = []
        seen: set[str] = set()
        for cid in claim_ids:
            for rel in relations_of(self.map, cid):
                if rel.id not in seen:
                    seen.add(rel.id)
                    rids.append(rel.id)
        for rid in rids:
            self.set_edge(rid, use_route=use_route and bool(self.map.relation(rid).route))
        self._update_dependent_edges(rids)

    def _update_dependent_edges(self, rids: Iterable[str]) -> None:
        """Undercuts aim at a relation's midpoint: redraw them when it moves."""
        todo = list(rids)
        while todo:
            rid = todo.pop()
            for u in self.map.relations_into(rid):
                self.set_edge(u.id, use_route=False)
                todo.append(u.id)
