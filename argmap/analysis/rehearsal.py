"""Rehearsal: which objections to practise, in which order, and what the prepared answer is.

The user rehearses a debate by facing each objection, answering it aloud, then comparing
with the map's prepared answer (its rebuttals) and marking the objection ``good`` or
``needs-work`` (:class:`argmap.model.Rehearsal`, kept in the map). A session starts with the
weak ones: needs-work first, then those never rehearsed, then the good ones.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap()
>>> for i in ("t", "o1", "o2", "o3", "r"): _ = m.add_claim(i, id=i)
>>> for o in ("o1", "o2", "o3"): _ = m.connect([o], "t", "attack")
>>> _ = m.connect(["r"], "o2", "attack"); m.update_map(thesis="t")
>>> _ = m.update_claim("o1", rehearsal="good"); _ = m.update_claim("o3", rehearsal="needs-work")
>>> rehearsal_order(m)
['o3', 'o2', 'o1']
>>> prepared_answer(m, "o2"), prepared_answer(m, "o1")
(['r'], [])
"""

from __future__ import annotations

from argmap.model.argument_map import natural_key
from argmap.model.elements import Rehearsal, RelationKind, Role
from argmap.model.map_view import MapView

# Lower comes first: the weak ones lead the next session.
_RANK = {Rehearsal.NEEDS_WORK: 0, None: 1, Rehearsal.GOOD: 2}


def objections(m: MapView) -> list[str]:
    """The claims to rehearse: every objection (a claim attacking the case), in id order."""
    roles = m.roles()
    return sorted((cid for cid, role in roles.items() if role is Role.OBJECTION), key=natural_key)


def rehearsal_order(m: MapView) -> list[str]:
    """Objections, needs-work first, then unrehearsed, then good (id order within each)."""
    return sorted(objections(m), key=lambda cid: (_RANK[m.claim(cid).rehearsal], natural_key(cid)))


def prepared_answer(m: MapView, claim_id: str) -> list[str]:
    """The claims that answer ``claim_id``: premises of attacks on it, then premises of
    undercuts of its own attacks (they deny that it bears on its target)."""
    out: list[str] = []
    for rel in m.relations_into(claim_id):
        if rel.kind is RelationKind.ATTACK:
            out += [p for p in rel.premises if p not in out]
    for rel in m.relations_from(claim_id):
        if rel.kind is RelationKind.ATTACK:
            for cut in m.relations_into(rel.id):
                out += [p for p in cut.premises if p not in out]
    return out


def attacked_by(m: MapView, claim_id: str) -> list[str]:
    """What the objection argues against: the targets of its attacks (claims only)."""
    return [
        r.target
        for r in m.relations_from(claim_id)
        if r.kind is RelationKind.ATTACK and m.has_claim(r.target)
    ]
