"""The debate brief: what a coach hands a team before the debate.

:func:`build_brief` turns a map into plain data (the thesis, each reason with its evidence
and exact quotes, each objection with its prepared answer or marked unanswered, the status
of every claim, the open gaps); :func:`render_markdown` and :func:`render_html` write it
out (the PDF is in :mod:`argmap.analysis.brief_pdf`).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from dataclasses import dataclass, field

from argmap.analysis.acceptability import Semantics, describe, evaluate, explain
from argmap.analysis.gaps import GapReport, gap_report
from argmap.analysis.themes import quoted
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Claim, Provenance, Relation, RelationKind
from argmap.model.provenance import without_editor

STATUS_WORD = {"in": "stands", "out": "defeated", "undecided": "undecided"}


@dataclass(frozen=True)
class Quote:
    text: str
    source: str  # "Article title, Outlet"


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


def _source_line(m: ArgumentMap, article_id: str) -> str:
    if not m.has_article(article_id):
        return article_id
    a = m.article(article_id)
    name = a.title or (f"untitled post by {a.author}" if a.author else f"article {a.id}")
    parts = [name]
    if a.outlet:
        parts.append(a.outlet)
    return ", ".join(parts)


def build_brief(
    m: ArgumentMap, semantics: Semantics = "grounded", *, editor_objections: bool = True
) -> Brief:
    """The brief of ``m`` as plain data; ``editor_objections=False`` leaves out the claims
    the map's editor added (they are not in the article).

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Demo")
    >>> for i in "tro": _ = m.add_claim(f"claim {i}", id=i)
    >>> _ = m.connect(["r"], "t", "support"); _ = m.connect(["o"], "t", "attack")
    >>> m.set_thesis("t")
    >>> b = build_brief(m)
    >>> b.thesis.status, [r.id for r in b.reasons], [(o.item.id, o.answers) for o in b.objections]
    ('out', ['r'], [('o', [])])
    >>> "**unanswered**" in render_markdown(b)
    True
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
            [Quote(a.quote, _source_line(m, a.article)) for a in c.anchors],
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
        [_source_line(m, a.id) for a in sorted(m.articles(), key=lambda a: a.id)],
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


def _objections(m: ArgumentMap, covered: list[str], make: Callable[..., Item]) -> list[Objection]:
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
                + "; ".join(_short(m.claim(p).text) for p in inner.premises)
                + (f" to {_short(m.claim(inner.target).text)}" if m.has_claim(inner.target) else "")
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
        if not rel.kind.attacks:
            continue
        # Attacks that are themselves answers were shown with the objection they answer.
        if all(p in answer_ids for p in rel.premises):
            continue
        add(rel.id)
    return result


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# ---------------------------------------------------------------------- Markdown


def _md_quotes(quotes: list[Quote], indent: str) -> list[str]:
    return [f"{indent}> {quoted(q.text)} — *{q.source}*" for q in quotes]


def _who(it: Item) -> str:
    """Who asserts the claim, and whether the article holds it at all (empty for the author)."""
    parts = [f"according to {it.said_by}"] if it.said_by else []
    if it.editor:
        parts.append("added by the map's editor")
    return "; ".join(parts)


def _conceder(it: Item) -> str:
    """Who grants a concession: the author, or the person the article quotes granting it."""
    return "Conceded" if it.said_by else "The author concedes"


def _md_item(it: Item, indent: str = "") -> list[str]:
    who = f" *({_who(it)})*" if _who(it) else ""
    lines = [f"{indent}- **{it.text}**{who} — {STATUS_WORD[it.status]} ({it.why})"]
    if it.linked_with:
        lines.append(f"{indent}  - only together with: " + "; ".join(it.linked_with))
    lines += ["", *_md_quotes(it.quotes, indent + "  "), ""] if it.quotes else []
    for ev in it.evidence:
        lines += _md_item(ev, indent + "  ")
    return lines


def render_markdown(b: Brief) -> str:
    """The brief as Markdown."""
    out = [f"# Debate brief: {b.title or 'untitled map'}", ""]
    if b.sources:
        out += ["Sources: " + "; ".join(b.sources), ""]
    out += [f"Status under {b.semantics} semantics: stands / defeated / undecided.", ""]
    out += ["## Thesis", ""]
    if b.thesis is None:
        out += ["No thesis is marked.", ""]
    else:
        out += [
            f"**{b.thesis.text}**",
            "",
            f"Status: **{STATUS_WORD[b.thesis.status]}** ({b.thesis.why})",
            "",
        ]
        out += [*_md_quotes(b.thesis.quotes, ""), ""]
    out += ["## Reasons", ""]
    for r in b.reasons:
        out += _md_item(r)
    if not b.reasons:
        out.append("No reasons are mapped.")
    out += ["", "## Objections and answers", ""]
    for o in b.objections:
        out += [f"### {o.item.text}", ""]
        who = _who(o.item)
        out += [f"*{who[:1].upper()}{who[1:]}*", ""] if who else []
        out += [f"Against: {o.against}", ""]
        out += [f"Status: {STATUS_WORD[o.item.status]} ({o.item.why})", ""]
        out += _md_quotes(o.item.quotes, "") + ([""] if o.item.quotes else [])
        if o.item.evidence:
            out += ["Backed by:", ""]
            for ev in o.item.evidence:
                out += _md_item(ev)
            out.append("")
        if o.answers:
            out.append("Prepared answer:")
            out.append("")
            for a in o.answers:
                out += _md_item(a)
        else:
            out.append("**unanswered**")
        out.append("")
    if not b.objections:
        out += ["No objections are mapped.", ""]
    if b.concessions:
        out += ["## Concessions", ""]
        for c in b.concessions:
            who = f" *({_who(c.item)})*" if _who(c.item) else ""
            out.append(f"- {_conceder(c.item)}: **{c.item.text}**{who} — which limits: {c.limits}")
            out += ["", *_md_quotes(c.item.quotes, "  "), ""] if c.item.quotes else []
            for ev in c.item.evidence:
                out += _md_item(ev, "  ")
        out.append("")
    out += ["## Status of every claim", "", "| Claim | Role | Status |", "|---|---|---|"]
    for s in b.statuses:
        text = s.text.replace("|", "\\|")
        out.append(f"| {text} | {s.role} | {STATUS_WORD[s.status]} |")
    out += ["", "## Open gaps", ""]
    out += _md_gaps(b)
    return "\n".join(out).rstrip() + "\n"


def _gap_lists(b: Brief) -> list[tuple[str, list[str]]]:
    text = {s.id: s.text for s in b.statuses}
    g = b.gaps
    lines: list[str] = []
    for f in g.flips:
        lines.append(
            f"If “{_short(text[f.claim])}” were {f.assume}, the thesis would be "
            f"{STATUS_WORD[f.thesis_becomes]}."
        )
    return [
        ("Objections with no answer", [text[c] for c in g.unanswered_objections]),
        ("Reasons with no support and no source", [text[c] for c in g.unsupported_reasons]),
        ("Claims with no source anchor", [text[c] for c in g.unanchored_claims]),
        ("What would change the thesis's status", lines),
    ]


def _md_gaps(b: Brief) -> list[str]:
    out: list[str] = []
    for title, entries in _gap_lists(b):
        out.append(f"**{title}:** " + ("none" if not entries else ""))
        out += [f"- {e}" for e in entries]
        out.append("")
    return out


# ---------------------------------------------------------------------- HTML

_CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; max-width: 46em;
  margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { border-bottom: 1px solid #999;
  margin-top: 1.6em; } h3 { font-size: 1.05em; margin-bottom: .2em; }
.sources { color: #444; font-size: .9em; }
.status { font-size: .8em; padding: .05em .45em; border-radius: .3em; border: 1px solid;
  white-space: nowrap; }
.in { color: #145a32; background: #e9f7ef; } .out { color: #7b241c; background: #fdedec; }
.undecided { color: #7d6608; background: #fef9e7; }
.why { color: #555; font-size: .85em; }
blockquote { margin: .3em 0 .5em 1em; padding-left: .8em; border-left: 3px solid #bbb;
  color: #333; } blockquote cite { display: block; font-size: .85em; color: #555; }
.unanswered { color: #7b241c; font-weight: bold; }
.objection { border-left: 4px solid #c0392b; padding-left: .8em; margin: 1em 0; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: .25em .4em; text-align: left; vertical-align: top; }
ul.items { padding-left: 1.2em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { page-break-after: avoid; } .objection, blockquote, tr { page-break-inside: avoid; }
  .status { border-width: 1px; }
}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_status(status: str) -> str:
    return f'<span class="status {status}">{STATUS_WORD[status]}</span>'


def _html_quotes(quotes: list[Quote]) -> str:
    return "".join(
        f"<blockquote>{_e(quoted(q.text))}<cite>— {_e(q.source)}</cite></blockquote>"
        for q in quotes
    )


def _html_who(it: Item) -> str:
    return f' <span class="why">({_e(_who(it))})</span>' if _who(it) else ""


def _html_item(it: Item) -> str:
    linked = (
        f'<div class="why">only together with: {_e("; ".join(it.linked_with))}</div>'
        if it.linked_with
        else ""
    )
    evidence = (
        '<ul class="items">' + "".join(_html_item(e) for e in it.evidence) + "</ul>"
        if it.evidence
        else ""
    )
    return (
        f"<li><strong>{_e(it.text)}</strong>{_html_who(it)} {_html_status(it.status)} "
        f'<span class="why">({_e(it.why)})</span>{linked}{_html_quotes(it.quotes)}{evidence}</li>'
    )


def render_html(b: Brief) -> str:
    """The brief as one self-contained HTML page (inline CSS, print styles, no external files)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Debate brief: {_e(b.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Debate brief: {_e(b.title or 'untitled map')}</h1>",
    ]
    if b.sources:
        parts.append(f'<p class="sources">Sources: {_e("; ".join(b.sources))}</p>')
    parts.append(f'<p class="why">Status under {b.semantics} semantics.</p>')
    parts.append("<h2>Thesis</h2>")
    if b.thesis is None:
        parts.append("<p>No thesis is marked.</p>")
    else:
        parts.append(
            f"<p><strong>{_e(b.thesis.text)}</strong> {_html_status(b.thesis.status)} "
            f'<span class="why">({_e(b.thesis.why)})</span></p>{_html_quotes(b.thesis.quotes)}'
        )
    parts.append("<h2>Reasons</h2>")
    if b.reasons:
        parts.append('<ul class="items">' + "".join(_html_item(r) for r in b.reasons) + "</ul>")
    else:
        parts.append("<p>No reasons are mapped.</p>")
    parts.append("<h2>Objections and answers</h2>")
    for o in b.objections:
        answer = (
            '<p>Prepared answer:</p><ul class="items">'
            + "".join(_html_item(a) for a in o.answers)
            + "</ul>"
            if o.answers
            else '<p class="unanswered">unanswered</p>'
        )
        if o.item.evidence:
            backing = "".join(_html_item(ev) for ev in o.item.evidence)
            answer = f'<p>Backed by:</p><ul class="items">{backing}</ul>{answer}'
        parts.append(
            f'<div class="objection"><h3>{_e(o.item.text)}{_html_who(o.item)} '
            f"{_html_status(o.item.status)}</h3>"
            f'<div class="why">Against: {_e(o.against)}</div>{_html_quotes(o.item.quotes)}'
            f"{answer}</div>"
        )
    if not b.objections:
        parts.append("<p>No objections are mapped.</p>")
    if b.concessions:
        parts.append('<h2>Concessions</h2><ul class="items">')
        for c in b.concessions:
            evidence = (
                '<ul class="items">' + "".join(_html_item(e) for e in c.item.evidence) + "</ul>"
                if c.item.evidence
                else ""
            )
            parts.append(
                f"<li>{_conceder(c.item)}: <strong>{_e(c.item.text)}</strong>"
                f"{_html_who(c.item)} — which limits: {_e(c.limits)}"
                f"{_html_quotes(c.item.quotes)}{evidence}</li>"
            )
        parts.append("</ul>")
    parts.append(
        "<h2>Status of every claim</h2><table><tr><th>Claim</th><th>Role</th><th>Status</th></tr>"
    )
    for s in b.statuses:
        parts.append(
            f"<tr><td>{_e(s.text)}</td><td>{_e(s.role)}</td><td>{_html_status(s.status)}</td></tr>"
        )
    parts.append("</table><h2>Open gaps</h2>")
    for title, entries in _gap_lists(b):
        if entries:
            parts.append(
                f"<h3>{_e(title)}</h3><ul>"
                + "".join(f"<li>{_e(e)}</li>" for e in entries)
                + "</ul>"
            )
        else:
            parts.append(f"<h3>{_e(title)}</h3><p>none</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
