"""Keyboard navigation along relations, on the model only (so it is easy to test).

Up goes to what the claim supports or attacks; Down to its first reason or objection; Left and
Right to its siblings (the other premises of relations into the same target), ordered left to
right on the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.model import ArgumentMap, RelationKind

XOf = Callable[[str], float]


def _target_claim(m: ArgumentMap, relation_id: str) -> str | None:
    """The claim a relation ends at (an undercut: the target of the relation it undercuts)."""
    seen = set()
    rel = m.relation(relation_id)
    while rel.kind is RelationKind.UNDERCUT and rel.id not in seen:
        seen.add(rel.id)
        rel = m.relation(rel.target)
    return rel.target if m.has_claim(rel.target) else None


def parent(m: ArgumentMap, cid: str) -> str | None:
    for rel in m.relations_from(cid):
        target = _target_claim(m, rel.id)
        if target is not None:
            return target
    return None


def children(m: ArgumentMap, cid: str, x_of: XOf) -> list[str]:
    """Premises of every relation into the claim (and of undercuts of those), left to right."""
    out: list[str] = []
    stack = [r.id for r in m.relations_into(cid)]
    seen: set[str] = set()
    while stack:
        rid = stack.pop(0)
        if rid in seen:
            continue
        seen.add(rid)
        for p in m.relation(rid).premises:
            if p not in out and p != cid:
                out.append(p)
        stack.extend(u.id for u in m.relations_into(rid))
    return sorted(out, key=x_of)


def step(m: ArgumentMap, cid: str, direction: str, x_of: XOf) -> str | None:
    """Where an arrow key goes from claim ``cid`` (``None``: nowhere)."""
    if direction == "up":
        return parent(m, cid)
    if direction == "down":
        kids = children(m, cid, x_of)
        return kids[0] if kids else None
    up = parent(m, cid)
    if up is None:
        return None
    siblings = children(m, up, x_of)
    if cid not in siblings:
        return None
    i = siblings.index(cid) + (1 if direction == "right" else -1)
    return siblings[i] if 0 <= i < len(siblings) else None
