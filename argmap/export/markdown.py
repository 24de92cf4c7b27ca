"""A Markdown outline of a map: the thesis, then nested reasons, objections and rebuttals,
each with its quotes and their source (article title, outlet).

Claims reached twice (cross-links) are written in full once and referred to afterwards;
claims not connected to the thesis follow under "Other claims". Markdown's special characters
in claim text are escaped, so the outline reads as typed in any renderer.
"""

from __future__ import annotations

import re

from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Claim, Provenance, Relation, RelationKind, Role

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


def md_escape(text: str) -> str:
    r"""Text with Markdown's punctuation escaped and control characters dropped.

    >>> md_escape("1. *not* a [link], 3.5 - 2")
    '1\\. \\*not\\* a \\[link\\], 3.5 - 2'
    """
    text = _SPECIAL.sub(r"\\\1", _CONTROL.sub("", text.replace("\t", " ")))
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", text))


def to_markdown(m: ArgumentMap) -> str:
    """The outline of ``m`` as Markdown text.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Tea"); _ = m.add_claim("Tea is good", id="t")
    >>> _ = m.add_claim("It is warm", id="w"); _ = m.connect(["w"], "t"); m.set_thesis("t")
    >>> print(to_markdown(m))
    # Tea
    <BLANKLINE>
    **Thesis:** Tea is good
    <BLANKLINE>
    - **Reason:** It is warm
    <BLANKLINE>
    """
    return _Outline(m).text()


class _Outline:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.roles = m.roles()
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
                self._item(c, 0, "")
                self._below(c.id, 1)
        return "\n".join(_tidy(self.lines)) + "\n"

    def _claim_text(self, c: Claim) -> str:
        tags = " " + " ".join(f"`#{t.replace('`', '')}`" for t in c.tags) if c.tags else ""
        return md_escape(c.text) + _byline(c) + tags

    def _item(self, c: Claim, depth: int, note: str) -> None:
        indent = "  " * depth
        role = self.roles[c.id]
        label = "Claim" if role is Role.CLAIM else role.value.capitalize()
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
            source = ""
            if self.m.has_article(a.article):
                art = self.m.article(a.article)
                parts = [
                    f"*{md_escape(art.title)}*" if art.title else "",
                    md_escape(art.outlet or ""),
                ]
                source = ", ".join(p for p in parts if p)
            quote = _block(md_escape(a.quote), f"{indent}> ")
            self.lines.append(f"{indent}> “{quote}”" + (f" — {source}" if source else ""))

    def _below(self, node: str, depth: int) -> None:
        for rel in sorted(self.m.relations_into(node), key=lambda r: natural_key(r.id)):
            self._relation(rel, depth)

    def _relation(self, rel: Relation, depth: int) -> None:
        indent = "  " * depth
        if rel.kind is RelationKind.UNDERCUT:
            target = self.m.relation(rel.target)
            what = ", ".join(md_escape(self.m.claim(p).text) for p in target.premises)
            verb = _VERB.get(target.kind, target.kind.value)
            self.lines.append(
                f"{indent}- *Undercut: questions whether “{_short(what)}” {verb} "
                f"“{_short(md_escape(self._target_text(target)))}”:*"
            )
            depth += 1
        elif len(rel.premises) > 1:
            self.lines.append(f"{indent}- *Together ({len(rel.premises)} linked premises):*")
            depth += 1
        fresh = [p for p in rel.premises if p not in self.done]
        note = (
            " *(a later position that replaces it)*" if rel.kind is RelationKind.SUPERSEDE else ""
        )
        for p in rel.premises:
            self._item(self.m.claim(p), depth, note)
        for p in fresh:
            self._below(p, depth + 1)
        for u in sorted(self.m.relations_into(rel.id), key=lambda r: natural_key(r.id)):
            self._relation(u, depth + 1)

    def _target_text(self, rel: Relation) -> str:
        if self.m.has_claim(rel.target):
            return self.m.claim(rel.target).text
        return "the inference " + rel.target


def _block(text: str, indent: str) -> str:
    """Continue a multi-line text on following lines with a hard break (backslash)."""
    return ("\\\n" + indent).join(text.split("\n"))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _byline(c: Claim) -> str:
    """Who asserts the claim when not the author, and whether the map's editor added it."""
    parts = [md_escape(c.attribution.byline())] if c.attribution is not None else []
    if c.provenance is Provenance.EDITOR:
        parts.append("added by the map's editor")
    return f" — *{'; '.join(parts)}*" if parts else ""


def _tidy(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
