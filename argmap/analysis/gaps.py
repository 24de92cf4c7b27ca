"""The gap report: where a case is open to attack or thinly sourced.

* unanswered objections: objections nothing attacks (no rebuttal, no undercut of their attack);
* unsupported reasons: reasons with no support of their own and no source anchor;
* unanchored claims: claims with no source anchor at all;
* the thesis's status, why, and what would change it: every single what-if (assume one claim
  rejected, or accepted) that changes the thesis's label.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap()
>>> for i in "to": _ = m.add_claim(i, id=i)
>>> _ = m.connect(["o"], "t", "attack"); m.update_map(thesis="t")
>>> r = gap_report(m)
>>> r.unanswered_objections, r.thesis_label
(['o'], 'out')
>>> [(f.claim, f.assume, f.thesis_becomes) for f in r.flips]
[('o', 'rejected', 'in')]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.acceptability import Semantics, evaluate, explain
from argmap.analysis.dung import IN, Label
from argmap.model.argument_map import natural_key
from argmap.model.elements import Assumption, RelationKind, Role
from argmap.model.map_view import MapView

# What-if search evaluates the map once per candidate claim. It stops after FLIP_LIMIT
# candidates, or once candidates x map size passes FLIP_WORK (a few seconds on big maps);
# the report then says the what-ifs are incomplete.
FLIP_LIMIT = 400
FLIP_WORK = 2_000_000


@dataclass(frozen=True)
class Flip:
    """Assuming ``claim`` ``assume`` (accepted/rejected) turns the thesis ``thesis_becomes``."""

    claim: str
    assume: str
    thesis_becomes: Label


@dataclass(frozen=True)
class GapReport:
    semantics: Semantics
    thesis: str | None
    thesis_label: Label | None
    thesis_reason: str
    defeaters: list[str]
    unanswered_objections: list[str]
    unsupported_reasons: list[str]
    unanchored_claims: list[str]
    labels: dict[str, Label]
    flips: list[Flip] = field(default_factory=list)
    flips_complete: bool = True

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-able data (``argmap gaps --json``)."""
        d = dataclasses.asdict(self)
        return d


def answered(m: MapView, claim_id: str) -> bool:
    """Whether something answers the claim: an attack on it, or an undercut of its attacks."""
    if any(r.kind is RelationKind.ATTACK for r in m.relations_into(claim_id)):
        return True
    return any(
        m.relations_into(r.id) for r in m.relations_from(claim_id) if r.kind is RelationKind.ATTACK
    )


def gap_report(
    m: MapView, semantics: Semantics = "grounded", *, with_flips: bool = True
) -> GapReport:
    """The gaps of ``m`` and the thesis's status under ``semantics``.

    ``with_flips=False`` skips the what-if search (one evaluation per claim upstream of the
    thesis): a live panel on a large map cannot wait for it; the report then says it is
    incomplete (``flips_complete`` is false)."""
    roles = m.roles()
    ids = sorted((c.id for c in m.claims()), key=natural_key)
    # A claim that only supersedes an objection takes its role but attacks nothing: not a gap.
    attacking = {p for r in m.relations() if r.kind.attacks for p in r.premises}
    unanswered = [
        c for c in ids if roles[c] is Role.OBJECTION and c in attacking and not answered(m, c)
    ]
    unsupported = [
        c
        for c in ids
        if roles[c] is Role.REASON
        and not m.claim(c).anchors
        and not any(r.kind is RelationKind.SUPPORT for r in m.relations_into(c))
    ]
    unanchored = [c for c in ids if not m.claim(c).anchors]
    ev = evaluate(m, semantics)
    thesis = m.thesis
    if thesis is None:
        return GapReport(
            semantics,
            None,
            None,
            "no thesis is marked",
            [],
            unanswered,
            unsupported,
            unanchored,
            ev.labels,
        )
    why = explain(m, ev, thesis)
    flips: list[Flip] = []
    complete = False
    if with_flips:
        flips, complete = _flips(m, thesis, ev.labels[thesis], semantics)
    return GapReport(
        semantics,
        thesis,
        ev.labels[thesis],
        why.reason,
        why.attackers if ev.labels[thesis] != IN else [],
        unanswered,
        unsupported,
        unanchored,
        ev.labels,
        flips,
        complete,
    )


def _upstream(m: MapView, thesis: str) -> list[str]:
    """Claims whose label can change the thesis's, nearest first.

    Only attacks and undercuts carry defeat (a support attacks nothing), so these are the
    claims from which a chain of attacks, undercuts of attacks, and premises of those reaches
    the thesis; a claim that only supports things cannot change any label.
    """
    seen_claims = {thesis}
    order: list[str] = []
    frontier = [thesis]
    while frontier:
        nxt: list[str] = []
        for node in frontier:
            # Relations bearing on ``node``: attacks on a claim, every undercut of a relation.
            rels = [r for r in m.relations_into(node) if r.kind.attacks]
            for rel in sorted(rels, key=lambda r: natural_key(r.id)):
                for p in rel.premises:
                    if p not in seen_claims:
                        seen_claims.add(p)
                        order.append(p)
                        nxt.append(p)
                # Undercuts of this relation bear on the node through it.
                nxt.append(rel.id)
        frontier = nxt
    return order


def _flips(
    m: MapView, thesis: str, current: Label, semantics: Semantics
) -> tuple[list[Flip], bool]:
    candidates = _upstream(m, thesis)
    size = m.claim_count + m.relation_count
    limit = max(1, min(FLIP_LIMIT, FLIP_WORK // max(1, size)))
    complete = len(candidates) <= limit
    base = evaluate(m, semantics).labels
    work = m.copy()
    flips: list[Flip] = []
    for cid in candidates[:limit]:
        if m.claim(cid).assumption is not None:
            continue
        assume = Assumption.REJECTED if base[cid] == IN else Assumption.ACCEPTED
        work.update_claim(cid, assumption=assume)
        label = evaluate(work, semantics).labels[thesis]
        work.update_claim(cid, assumption=None)
        if label != current:
            flips.append(Flip(cid, assume.value, label))
    return flips, complete
