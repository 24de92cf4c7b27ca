"""The gap report: where a case is open to attack or thinly sourced.

* unanswered objections: objections nothing attacks (no rebuttal, no undercut of their attack);
* unsupported reasons: reasons with no support of their own and no source anchor;
* unanchored claims: claims with no source anchor at all;
* the thesis's status, why, and what would change it: every single what-if (assume one claim
  rejected, or accepted) that changes the thesis's label.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap()
>>> for i in "to": _ = m.add_claim(i, id=i)
>>> _ = m.connect(["o"], "t", "attack"); m.set_thesis("t")
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
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Assumption, RelationKind, Role

# What-if search evaluates the map once per candidate claim; beyond this many claims upstream
# of the thesis it stops (the report says so).
FLIP_LIMIT = 400


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

    @property
    def open_count(self) -> int:
        return len(self.unanswered_objections) + len(self.unsupported_reasons)


def answered(m: ArgumentMap, claim_id: str) -> bool:
    """Whether something answers the claim: an attack on it, or an undercut of its attacks."""
    if any(r.kind is RelationKind.ATTACK for r in m.relations_into(claim_id)):
        return True
    return any(
        m.relations_into(r.id) for r in m.relations_from(claim_id) if r.kind is RelationKind.ATTACK
    )


def gap_report(
    m: ArgumentMap, semantics: Semantics = "grounded", *, with_flips: bool = True
) -> GapReport:
    """The gaps of ``m`` and the thesis's status under ``semantics``.

    ``with_flips=False`` skips the what-if search (one evaluation per claim upstream of the
    thesis): a live panel on a large map cannot wait for it; the report then says it is
    incomplete (``flips_complete`` is false)."""
    roles = m.roles()
    ids = sorted((c.id for c in m.claims()), key=natural_key)
    unanswered = [c for c in ids if roles[c] is Role.OBJECTION and not answered(m, c)]
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


def _upstream(m: ArgumentMap, thesis: str) -> list[str]:
    """Claims from which a chain of relations reaches the thesis, nearest first."""
    g = m.graph
    seen = {thesis}
    order: list[str] = []
    frontier = [thesis]
    while frontier:
        nxt = []
        for node in frontier:
            for pred in sorted(g.predecessors(node), key=natural_key):
                if pred in seen:
                    continue
                seen.add(pred)
                nxt.append(pred)
                if m.has_claim(pred):
                    order.append(pred)
        frontier = nxt
    return order


def _flips(
    m: ArgumentMap, thesis: str, current: Label, semantics: Semantics
) -> tuple[list[Flip], bool]:
    candidates = _upstream(m, thesis)
    complete = len(candidates) <= FLIP_LIMIT
    base = evaluate(m, semantics).labels
    work = m.copy()
    flips: list[Flip] = []
    for cid in candidates[:FLIP_LIMIT]:
        if m.claim(cid).assumption is not None:
            continue
        assume = Assumption.REJECTED if base[cid] == IN else Assumption.ACCEPTED
        work.set_assumption(cid, assume)
        label = evaluate(work, semantics).labels[thesis]
        work.set_assumption(cid, None)
        if label != current:
            flips.append(Flip(cid, assume.value, label))
    return flips, complete
