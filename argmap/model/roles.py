"""Roles follow from the structure, as in Rationale: an objection to an objection is a rebuttal.

Starting from the thesis, walk the relations backwards (breadth first, so the shortest path
to the thesis decides): a premise of a support is a *reason*; a premise of an attack on an
objection is a *rebuttal*, on anything else an *objection*; a premise of a qualify is a
*concession*; a premise of a supersede (a later claim) takes its target's role; an undercut of
an attack's inference is a rebuttal, of a support's inference an objection. Claims not
connected to the thesis get their role from their own first relation the same way, or
``claim`` if they have none.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from argmap.model.elements import RelationKind, Role

if TYPE_CHECKING:
    from argmap.model.map_view import MapView


def _role_of_premise(
    kind: RelationKind, target_role: Role, target_kind: RelationKind | None
) -> Role:
    if kind is RelationKind.SUPPORT:
        return Role.REASON
    if kind is RelationKind.QUALIFY:
        return Role.CONCESSION
    if kind is RelationKind.SUPERSEDE:
        # A later statement of a position: it stands where the earlier one stood, but the
        # thesis stays the one marked claim.
        return Role.CLAIM if target_role is Role.THESIS else target_role
    if kind is RelationKind.UNDERCUT:
        # The target is an inference: undercutting an attack defends, a support objects.
        return Role.REBUTTAL if target_kind is RelationKind.ATTACK else Role.OBJECTION
    return Role.REBUTTAL if target_role is Role.OBJECTION else Role.OBJECTION


def compute_roles(m: MapView) -> dict[str, Role]:
    """The role of every claim of ``m``.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap()
    >>> for i in "tor": _ = m.add_claim(i, id=i)
    >>> _ = m.connect(["o"], "t", "attack"); _ = m.connect(["r"], "o", "attack")
    >>> m.update_map(thesis="t")
    >>> sorted((k, v.value) for k, v in compute_roles(m).items())
    [('o', 'objection'), ('r', 'rebuttal'), ('t', 'thesis')]
    """
    roles: dict[str, Role] = {}
    # Role given to each relation node: the role of what it points at, and its kind.
    queue: deque[str] = deque()

    def visit_incoming(node: str, node_role: Role, node_kind: RelationKind | None) -> None:
        for rel in m.relations_into(node):
            role = _role_of_premise(rel.kind, node_role, node_kind)
            for p in rel.premises:
                if p not in roles:
                    roles[p] = role
                    queue.append(p)
            # Undercuts of this relation: the relation "stands for" its premises' role.
            relation_role = roles.get(rel.premises[0], role)
            undercut_queue.append((rel.id, relation_role, rel.kind))

    undercut_queue: deque[tuple[str, Role, RelationKind]] = deque()

    def drain() -> None:
        while queue or undercut_queue:
            while queue:
                cid = queue.popleft()
                visit_incoming(cid, roles[cid], None)
            while undercut_queue and not queue:
                rid, rrole, rkind = undercut_queue.popleft()
                visit_incoming(rid, rrole, rkind)

    thesis = m.thesis
    if thesis is not None and m.has_claim(thesis):
        roles[thesis] = Role.THESIS
        queue.append(thesis)
        drain()

    # Claims not connected to the thesis: start from the ones with no outgoing relation.
    for claim in m.claims():
        if claim.id not in roles and not m.relations_from(claim.id):
            roles[claim.id] = Role.CLAIM
            queue.append(claim.id)
            drain()
    # Whatever is left sits in a structure with no sink (a cycle of attacks, say): use its
    # own first relation.
    for claim in m.claims():
        if claim.id not in roles:
            first = m.relations_from(claim.id)[0]
            target_role = roles.get(first.target, Role.CLAIM)
            roles[claim.id] = _role_of_premise(first.kind, target_role, None)
    return roles
