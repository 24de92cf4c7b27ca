"""The debate brief: what a coach hands a team before the debate.

:func:`build_brief` turns a map into plain data (the thesis, each reason with its evidence
and exact quotes, each objection with its prepared answer or marked unanswered, the status
of every claim, the open gaps). The renderers are in :mod:`argmap.export` (Markdown, HTML
and PDF); this module only computes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from argmap.analysis.acceptability import Semantics, describe, evaluate, explain
from argmap.analysis.gaps import GapReport, gap_report
from argmap.model.argument_map import natural_key
from argmap.model.elements import Claim, Provenance, Relation, RelationKind
from argmap.model.map_view import MapView
from argmap.model.provenance import without_editor
from argmap.text import shorten, source_name


@dataclass(frozen=True)
class Quote:
    text: str
    source: str  # "Article title, Outlet", never empty (see argmap.text.source_name)


@dataclass(frozen=True)
class Item:
    """One claim as the brief shows it."""

    id: str
    text: str
    role: str
    status: str  # in / out / undecided
    why: str
    quotes: list[Quote] = field(default_factory=list)
    evidence: list[Item] = field(default_factory=list)  # claims that support this one
    linked_with: list[str] = field(default_factory=list)  # co-premises (texts)
    said_by: str = ""  # who asserts it, when not the author ("Sergei Lavrov, …")
    editor: bool = False  # added by the map's editor, not in the article


@dataclass(frozen=True)
class Objection:
    item: Item
    against: str  # the text of what it attacks (a claim, or an inference for undercuts)
    answers: list[Item]


@dataclass(frozen=True)
class Brief:
    title: str
    semantics: Semantics
    sources: list[str]
    thesis: Item | None
    reasons: list[Item]
    objections: list[Objection]
    statuses: list[Item]
    gaps: GapReport
    concessions: list[Concession] = field(default_factory=list)


@dataclass(frozen=True)
class Concession:
    """What the author grants (a ``qualify`` relation): the concession and what it limits."""

    item: Item
    limits: str  # the text of the qualified claim


def build_brief(
    m: MapView, semantics: Semantics = "grounded", *, editor_objections: bool = True
) -> Brief:
    """The brief of ``m`` as plain data; ``editor_objections=False`` leaves out the claims
    the map's editor added (they are not in the article).

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Demo")
    >>> for i in "tro": _ = m.add_claim(f"claim {i}", id=i)
    >>> _ = m.connect(["r"], "t", "support"); _ = m.connect(["o"], "t", "attack")
    >>> m.update_map(thesis="t")
    >>> b = build_brief(m)
    >>> b.thesis.status, [r.id for r in b.reasons], [(o.item.id, o.answers) for o in b.objections]
    ('out', ['r'], [('o', [])])
    """
    if not editor_objections:
        m = without_editor(m)
    ev = evaluate(m, semantics)
    roles = m.roles()

    def item(c: Claim, depth: int = 0, seen: frozenset[str] = frozenset()) -> Item:
        evidence: list[Item] = []
        if depth < 4:
            for rel in _sorted(m.relations_into(c.id)):
                if rel.kind is RelationKind.SUPPORT:
                    for p in rel.premises:
                        if p not in seen:
                            evidence.append(item(m.claim(p), depth + 1, seen | {c.id}))
        return Item(
            c.id,
            c.text,
            roles[c.id].value,
            ev.labels[c.id],
            describe(m, explain(m, ev, c.id)),
            [Quote(a.quote, source_name(m, a.article)) for a in c.anchors],
            evidence,
            said_by=c.attribution.byline() if c.attribution else "",
            editor=c.provenance is Provenance.EDITOR,
        )

    thesis = m.thesis
    reasons: list[Item] = []
    covered: list[str] = []
    if thesis is not None:
        covered.append(thesis)
        for rel in _sorted(m.relations_into(thesis)):
            if rel.kind is not RelationKind.SUPPORT:
                continue
            for p in rel.premises:
                it = item(m.claim(p), 1, frozenset({thesis}))
                others = [m.claim(q).text for q in rel.premises if q != p]
                reasons.append(dataclasses.replace(it, linked_with=others))
        covered += _walk_ids(reasons)
    objections = _objections(m, covered, item)
    concessions = [
        # With its own evidence, like a reason: what backs a concession is quoted too.
        Concession(item(m.claim(p), 1), m.claim(rel.target).text)
        for rel in _sorted(list(m.relations()))
        if rel.kind is RelationKind.QUALIFY
        for p in rel.premises
    ]
    order = {"thesis": 0, "reason": 1, "objection": 2, "rebuttal": 3, "concession": 4, "claim": 5}
    statuses = [
        item(c, 99)
        for c in sorted(m.claims(), key=lambda c: (order[roles[c.id].value], natural_key(c.id)))
    ]
    return Brief(
        m.title,
        semantics,
        [source_name(m, a.id) for a in sorted(m.articles(), key=lambda a: a.id)],
        item(m.claim(thesis), 4) if thesis is not None else None,
        reasons,
        objections,
        statuses,
        gap_report(m, semantics),
        concessions,
    )


def _sorted(rels: list[Relation]) -> list[Relation]:
    return sorted(rels, key=lambda r: natural_key(r.id))


def _walk_ids(items: list[Item]) -> list[str]:
    out: list[str] = []
    for it in items:
        out.append(it.id)
        out += _walk_ids(it.evidence)
    return out


def _objections(m: MapView, covered: list[str], make: Callable[..., Item]) -> list[Objection]:
    """Attacks on the thesis and its reasons and evidence, and undercuts of their supports;
    then every other attack in the map, so nothing is left out of the brief."""
    result: list[Objection] = []
    seen_rel: set[str] = set()

    def add(rel_id: str) -> None:
        rel = m.relation(rel_id)
        if rel.id in seen_rel:
            return
        seen_rel.add(rel.id)
        if rel.kind is RelationKind.UNDERCUT:
            inner = m.relation(rel.target)
            against = (
                "the step from "
                + "; ".join(shorten(m.claim(p).text) for p in inner.premises)
                + (
                    f" to {shorten(m.claim(inner.target).text)}"
                    if m.has_claim(inner.target)
                    else ""
                )
            )
        else:
            against = m.claim(rel.target).text
        answers: list[Item] = []
        for p in rel.premises:
            for r2 in _sorted(m.relations_into(p)):
                if r2.kind is RelationKind.ATTACK:
                    answers += [make(m.claim(q), 1) for q in r2.premises]
        for u in _sorted(m.relations_into(rel.id)):
            answers += [make(m.claim(q), 1) for q in u.premises]
        for p in rel.premises:
            result.append(Objection(make(m.claim(p), 1), against, answers))

    for cid in covered:
        for rel in _sorted(m.relations_into(cid)):
            if rel.kind is RelationKind.ATTACK:
                add(rel.id)
            elif rel.kind is RelationKind.SUPPORT:
                for u in _sorted(m.relations_into(rel.id)):
                    add(u.id)
    answer_ids = {a.id for o in result for a in o.answers}
    for rel in _sorted(list(m.relations())):
        if not rel.kind.attacks:  # supports, concessions and changed positions are no objections
            continue
        # Attacks that are themselves answers were shown with the objection they answer.
        if all(p in answer_ids for p in rel.premises):
            continue
        add(rel.id)
    return result
