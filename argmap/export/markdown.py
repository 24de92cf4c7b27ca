"""Every Markdown argmap writes: the outline of a map, the debate brief, the theme matrix.

The outline (:func:`to_markdown`) starts at the thesis; each claim below an item is labelled
by its relation to that item (*Supports*, *Attacks*, *Undercuts*), not by its role in the whole
map, so an objection's own reasons read "Supports". Claims reached twice (cross-links) are
written in full once and referred to afterwards; claims not connected to the thesis follow
under "Other claims". Every quote names its source (:func:`argmap.text.source_name`).
Markdown's special characters in map text are escaped, so everything reads as typed in any
renderer.
"""

from __future__ import annotations

import re

from argmap.analysis.brief import Brief, Item, Quote
from argmap.analysis.themes import ThemeMatrix
from argmap.export.words import (
    STATUS_WORD,
    cell_quotes,
    concedes,
    gap_sections,
    semantics_legend,
    who_says,
)
from argmap.model.argument_map import natural_key
from argmap.model.elements import Claim, Provenance, Relation, RelationKind
from argmap.model.map_view import MapView
from argmap.text import quoted, shorten, source_name

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#+=-])", re.M)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.M)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_VERB = {
    RelationKind.SUPPORT: "supports",
    RelationKind.ATTACK: "attacks",
    RelationKind.QUALIFY: "qualifies",
    RelationKind.SUPERSEDE: "supersedes",
}
# How a child is labelled under the item it bears on.
RELATION_LABEL = {
    RelationKind.SUPPORT: "Supports",
    RelationKind.ATTACK: "Attacks",
    RelationKind.UNDERCUT: "Undercuts",
    RelationKind.QUALIFY: "Concedes",  # the author's "yes, but"
    RelationKind.SUPERSEDE: "Later position",  # replaces the item: the position changed
}


def md_escape(text: str) -> str:
    r"""Text with Markdown's punctuation escaped and control characters dropped.

    >>> md_escape("1. *not* a [link], 3.5 - 2")
    '1\\. \\*not\\* a \\[link\\], 3.5 - 2'
    """
    text = _SPECIAL.sub(r"\\\1", _CONTROL.sub("", text.replace("\t", " ")))
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", text))


def quote_line(text: str, source: str, indent: str = "") -> str:
    r"""One quote as a Markdown block quote, its source after a dash.

    >>> quote_line("It is *warm*", "Tea, The Cup")
    '> “It is \\*warm\\*” — *Tea, The Cup*'
    """
    body = _block(md_escape(quoted(text)), f"{indent}> ")
    return f"{indent}> {body} — *{md_escape(source)}*"


def to_markdown(m: MapView) -> str:
    """The outline of ``m`` as Markdown text.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Tea"); _ = m.add_claim("Tea is good", id="t")
    >>> _ = m.add_claim("It is warm", id="w"); _ = m.connect(["w"], "t"); m.update_map(thesis="t")
    >>> print(to_markdown(m))
    # Tea
    <BLANKLINE>
    **Thesis:** Tea is good
    <BLANKLINE>
    - **Supports:** It is warm
    <BLANKLINE>
    """
    return _Outline(m).text()


class _Outline:
    def __init__(self, m: MapView) -> None:
        self.m = m
        self.done: set[str] = set()
        self.lines: list[str] = []

    def text(self) -> str:
        m = self.m
        self.lines.append(f"# {md_escape(m.title or 'Argument map')}")
        self.lines.append("")
        if m.description:
            self.lines += [_block(md_escape(m.description), ""), ""]
        if m.thesis is not None:
            thesis = m.claim(m.thesis)
            self.lines.append(f"**Thesis:** {_block(self._claim_text(thesis), '')}")
            self._sources(thesis, "")
            self.done.add(thesis.id)
            self.lines.append("")
            self._below(thesis.id, 0)
        rest = [
            c
            for c in sorted(m.claims(), key=lambda c: natural_key(c.id))
            if c.id not in self.done and not m.relations_from(c.id)
        ]
        rest += [
            c
            for c in sorted(m.claims(), key=lambda c: natural_key(c.id))
            if c.id not in self.done and c not in rest
        ]
        if rest:
            self.lines += ["", "## Other claims", ""]
            for c in rest:
                if c.id in self.done:
                    continue
                self._item(c, 0, "Claim")
                self._below(c.id, 1)
        return "\n".join(_tidy(self.lines)) + "\n"

    def _claim_text(self, c: Claim) -> str:
        tags = " " + " ".join(f"`#{t.replace('`', '')}`" for t in c.tags) if c.tags else ""
        return md_escape(c.text) + _byline(c) + tags

    def _item(self, c: Claim, depth: int, label: str, note: str = "") -> None:
        indent = "  " * depth
        if c.id in self.done:
            self.lines.append(f"{indent}- **{label}:** {md_escape(c.text)}{note} (see above)")
            return
        self.done.add(c.id)
        body = _block(self._claim_text(c), indent + "  ")
        self.lines.append(f"{indent}- **{label}:** {body}{note}")
        self._sources(c, indent + "  ")

    def _sources(self, c: Claim, indent: str) -> None:
        for i, a in enumerate(c.anchors):
            if i:
                self.lines.append(f"{indent}>")
            self.lines.append(quote_line(a.quote, source_name(self.m, a.article), indent))

    def _below(self, node: str, depth: int) -> None:
        for rel in sorted(self.m.relations_into(node), key=lambda r: natural_key(r.id)):
            self._relation(rel, depth)

    def _relation(self, rel: Relation, depth: int) -> None:
        indent = "  " * depth
        label = RELATION_LABEL[rel.kind]
        note = ""
        if rel.kind is RelationKind.UNDERCUT:
            target = self.m.relation(rel.target)
            what = ", ".join(self.m.claim(p).text for p in target.premises)
            verb = _VERB.get(target.kind, target.kind.value)
            note = (
                f" *(questions whether “{md_escape(shorten(what, 60))}” {verb} "
                f"“{md_escape(shorten(self._target_text(target), 60))}”)*"
            )
        if len(rel.premises) > 1:
            self.lines.append(
                f"{indent}- *Together ({len(rel.premises)} linked premises) {label.lower()}:*{note}"
            )
            depth += 1
            label, note = "Premise", ""
        fresh = [p for p in rel.premises if p not in self.done]
        for p in rel.premises:
            self._item(self.m.claim(p), depth, label, note)
        for p in fresh:
            self._below(p, depth + 1)
        for u in sorted(self.m.relations_into(rel.id), key=lambda r: natural_key(r.id)):
            self._relation(u, depth + 1)

    def _target_text(self, rel: Relation) -> str:
        if self.m.has_claim(rel.target):
            return self.m.claim(rel.target).text
        return "the inference " + rel.target


def _byline(c: Claim) -> str:
    """Who asserts the claim when not the author, and whether the map's editor added it."""
    parts = [md_escape(c.attribution.byline())] if c.attribution is not None else []
    if c.provenance is Provenance.EDITOR:
        parts.append("added by the map's editor")
    return f" — *{'; '.join(parts)}*" if parts else ""


def _who(it: Item) -> str:
    return md_escape(who_says(it))


def _block(text: str, indent: str) -> str:
    """Continue a multi-line text on following lines with a hard break (backslash)."""
    return ("\\\n" + indent).join(text.split("\n"))


def _tidy(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


# ---------------------------------------------------------------------- the debate brief


def _brief_quotes(quotes: list[Quote], indent: str) -> list[str]:
    return [quote_line(q.text, q.source, indent) for q in quotes]


def _brief_item(it: Item, indent: str = "") -> list[str]:
    who = f" *({_who(it)})*" if _who(it) else ""
    lines = [
        f"{indent}- **{md_escape(it.text)}**{who} — {STATUS_WORD[it.status]} ({md_escape(it.why)})"
    ]
    if it.linked_with:
        together = "; ".join(md_escape(t) for t in it.linked_with)
        lines.append(f"{indent}  - only together with: {together}")
    lines += ["", *_brief_quotes(it.quotes, indent + "  "), ""] if it.quotes else []
    for ev in it.evidence:
        lines += _brief_item(ev, indent + "  ")
    return lines


def brief_markdown(b: Brief) -> str:
    """The debate brief as Markdown.

    >>> from argmap.analysis.brief import build_brief
    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Demo")
    >>> for i in "to": _ = m.add_claim(f"claim {i}", id=i)
    >>> _ = m.connect(["o"], "t", "attack"); m.update_map(thesis="t")
    >>> "**unanswered**" in brief_markdown(build_brief(m))
    True
    """
    out = [f"# Debate brief: {md_escape(b.title or 'untitled map')}", ""]
    if b.sources:
        out += ["Sources: " + "; ".join(md_escape(s) for s in b.sources), ""]
    out += [semantics_legend(b.semantics) + " Each claim stands, is defeated or is undecided.", ""]
    out += ["## Thesis", ""]
    if b.thesis is None:
        out += ["No thesis is marked.", ""]
    else:
        out += [
            f"**{md_escape(b.thesis.text)}**",
            "",
            f"Status: **{STATUS_WORD[b.thesis.status]}** ({md_escape(b.thesis.why)})",
            "",
        ]
        out += [*_brief_quotes(b.thesis.quotes, ""), ""]
    out += ["## Reasons", ""]
    for r in b.reasons:
        out += _brief_item(r)
    if not b.reasons:
        out.append("No reasons are mapped.")
    out += ["", "## Objections and answers", ""]
    for o in b.objections:
        out += [f"### {md_escape(o.item.text)}", ""]
        who = _who(o.item)
        out += [f"*{who[:1].upper()}{who[1:]}*", ""] if who else []
        out += [f"Against: {md_escape(o.against)}", ""]
        out += [f"Status: {STATUS_WORD[o.item.status]} ({md_escape(o.item.why)})", ""]
        out += _brief_quotes(o.item.quotes, "") + ([""] if o.item.quotes else [])
        if o.item.evidence:
            out += ["Backed by:", ""]
            for ev in o.item.evidence:
                out += _brief_item(ev)
            out.append("")
        if o.answers:
            out += ["Prepared answer:", ""]
            for a in o.answers:
                out += _brief_item(a)
        else:
            out.append("**unanswered**")
        out.append("")
    if not b.objections:
        out += ["No objections are mapped.", ""]
    if b.concessions:
        out += ["## Concessions", ""]
        for c in b.concessions:
            who = f" *({_who(c.item)})*" if _who(c.item) else ""
            out.append(
                f"- {concedes(c.item)} **{md_escape(c.item.text)}**{who} — which limits: "
                f"{md_escape(c.limits)}"
            )
            out += ["", *_brief_quotes(c.item.quotes, "  "), ""] if c.item.quotes else []
            for ev in c.item.evidence:
                out += _brief_item(ev, "  ")
        out.append("")
    out += ["## Status of every claim", "", "| Claim | Role | Status |", "|---|---|---|"]
    for s in b.statuses:
        out.append(f"| {md_escape(s.text)} | {s.role} | {STATUS_WORD[s.status]} |")
    out += ["", "## Open gaps", ""]
    for title, entries in gap_sections(b):
        out.append(f"**{title}:** " + ("none" if not entries else ""))
        out += [f"- {md_escape(e)}" for e in entries]
        out.append("")
    return "\n".join(_tidy(out)) + "\n"


# ---------------------------------------------------------------------- the theme matrix

_MARK = {"supports": "+", "attacks": "−", "thesis": "=", "unrelated": "·"}


def themes_markdown(tm: ThemeMatrix) -> str:
    """The theme matrix as Markdown: an overview table of stances, then every cell with its
    quotes and their sources."""
    out = ["# The articles compared by theme", ""]
    out.append("| Article | " + " | ".join(md_escape(t) for t in tm.themes) + " |")
    out.append("|---|" + "---|" * len(tm.themes))
    for r in tm.rows:
        cells = [" ".join(_MARK[c.stance] for c in r.cells[t]) or " " for t in tm.themes]
        out.append(f"| {md_escape(r.title)} | " + " | ".join(cells) + " |")
    out += ["", "+ supports the article's thesis, − attacks it, = is the thesis.", ""]
    for theme in tm.themes:
        out += [f"## {md_escape(theme)}", ""]
        any_claim = False
        for r in tm.rows:
            claims = r.cells[theme]
            if not claims:
                continue
            any_claim = True
            src = f" ({md_escape(r.source)})" if r.source else ""
            out += [f"### {md_escape(r.title)}{src}", ""]
            for c in claims:
                out.append(f"- **{md_escape(c.text)}** — {c.role}, {c.stance} the thesis")
                out += [quote_line(q, src_, "  ") for q, src_ in cell_quotes(c)]
            out.append("")
        if not any_claim:
            out += ["No article touches this theme.", ""]
    return "\n".join(_tidy(out)) + "\n"
