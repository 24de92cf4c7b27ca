"""Articles compared theme by theme: a matrix of maps (articles) × theme tags.

Each cell lists the map's claims tagged with the theme, their role, and their *stance*
towards the map's thesis: follow the relations from the claim to the thesis (the shortest
way); an odd number of attacks on the way means the claim works against the thesis. An
undercut counts as the opposite of the relation it cuts (undercutting a support is an
attack, undercutting an attack a defence).

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap()
>>> for i in "tor": _ = m.add_claim(i, id=i)
>>> _ = m.connect(["o"], "t", "attack"); _ = m.connect(["r"], "o", "attack")
>>> m.set_thesis("t")
>>> stances(m)
{'t': 'thesis', 'o': 'attacks', 'r': 'supports'}
"""

from __future__ import annotations

import html
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Relation, RelationKind

Stance = Literal["thesis", "supports", "attacks", "unrelated"]
THEMES = ("ukraine", "syria-alliance", "anti-us", "domestic-militants")


def _effect(m: ArgumentMap, rel: Relation) -> tuple[str, int]:
    """The claim a relation finally bears on, and +1 (for it) or -1 (against it)."""
    if rel.kind is RelationKind.SUPPORT or rel.kind is RelationKind.SUPERSEDE:
        # A later statement of a position stands with it.
        return rel.target, 1
    if rel.kind is RelationKind.ATTACK:
        return rel.target, -1
    target, sign = _effect(m, m.relation(rel.target))
    return target, -sign


def stances(m: ArgumentMap) -> dict[str, Stance]:
    """The stance of every claim towards the thesis (shortest relation path decides)."""
    thesis = m.thesis
    out: dict[str, Stance] = {}
    if thesis is None:
        return {c.id: "unrelated" for c in m.claims()}
    # Reverse search from the thesis: who bears on whom, with what sign.
    into: dict[str, list[tuple[str, int]]] = {}
    for rel in m.relations():
        if rel.kind is RelationKind.QUALIFY:
            continue  # a concession neither argues for nor against its target
        target, sign = _effect(m, rel)
        for p in rel.premises:
            into.setdefault(target, []).append((p, sign))
    sign_of: dict[str, int] = {thesis: 1}
    queue = deque([thesis])
    while queue:
        node = queue.popleft()
        for p, sign in sorted(into.get(node, []), key=lambda ps: natural_key(ps[0])):
            if p not in sign_of:
                sign_of[p] = sign_of[node] * sign
                queue.append(p)
    for c in m.claims():
        if c.id == thesis:
            out[c.id] = "thesis"
        elif c.id in sign_of:
            out[c.id] = "supports" if sign_of[c.id] > 0 else "attacks"
        else:
            out[c.id] = "unrelated"
    return out


@dataclass(frozen=True)
class CellClaim:
    id: str
    text: str
    role: str
    stance: Stance
    quotes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    """One map (article) of the matrix."""

    name: str  # the file or map name given by the caller
    title: str  # the article's title (or the map's)
    source: str  # outlet or author
    thesis: str
    cells: dict[str, list[CellClaim]]


@dataclass(frozen=True)
class ThemeMatrix:
    themes: list[str]
    rows: list[Row]

    def to_json(self) -> dict[str, Any]:
        return {
            "themes": self.themes,
            "articles": [
                {
                    "name": r.name,
                    "title": r.title,
                    "source": r.source,
                    "thesis": r.thesis,
                    "cells": {
                        t: [
                            {
                                "id": c.id,
                                "text": c.text,
                                "role": c.role,
                                "stance": c.stance,
                                "quotes": c.quotes,
                            }
                            for c in r.cells[t]
                        ]
                        for t in self.themes
                    },
                }
                for r in self.rows
            ],
        }


def theme_list(maps: list[ArgumentMap]) -> list[str]:
    """The four fixed themes, then every other tag used in two or more maps."""
    used = Counter(t for m in maps for t in set(m.tags()))
    extra = sorted(t for t, n in used.items() if n >= 2 and t not in THEMES)
    return [*THEMES, *extra]


def theme_matrix(named: list[tuple[str, ArgumentMap]]) -> ThemeMatrix:
    """The matrix for ``(name, map)`` pairs, one row per map.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Demo")
    >>> _ = m.add_claim("T", id="t"); _ = m.add_claim("War", id="w", tags=["ukraine"])
    >>> _ = m.connect(["w"], "t", "attack"); m.set_thesis("t")
    >>> tm = theme_matrix([("demo", m)])
    >>> [(c.id, c.role, c.stance) for c in tm.rows[0].cells["ukraine"]]
    [('w', 'objection', 'attacks')]
    """
    themes = theme_list([m for _, m in named])
    rows = []
    for name, m in named:
        roles = m.roles()
        st = stances(m)
        articles = sorted(m.articles(), key=lambda a: a.id)
        first = articles[0] if len(articles) == 1 else None
        title = (first.title if first and first.title else "") or m.title or name
        source = ""
        if first is not None:
            source = first.outlet or (f"post by {first.author}" if first.author else "")
        cells: dict[str, list[CellClaim]] = {}
        for theme in themes:
            cells[theme] = [
                CellClaim(c.id, c.text, roles[c.id].value, st[c.id], [a.quote for a in c.anchors])
                for c in sorted(m.claims(), key=lambda c: natural_key(c.id))
                if theme in c.tags
            ]
        thesis = m.claim(m.thesis).text if m.thesis else ""
        rows.append(Row(name, title, source, thesis, cells))
    return ThemeMatrix(themes, rows)


def quoted(q: str) -> str:
    """``q`` in curly quotes, unless it already starts with a quotation mark.

    >>> quoted("Syria is Russia’s friend"), quoted('"The Russians can say"')
    ('“Syria is Russia’s friend”', '"The Russians can say"')
    """
    q = q.strip()
    return q if q[:1] in "“\"'‘" else f"“{q}”"


_MARK = {"supports": "+", "attacks": "−", "thesis": "=", "unrelated": "·"}


def render_markdown(tm: ThemeMatrix) -> str:
    """The matrix as Markdown: an overview table of stances, then every cell with quotes."""
    out = ["# The articles compared by theme", ""]
    out.append("| Article | " + " | ".join(tm.themes) + " |")
    out.append("|---|" + "---|" * len(tm.themes))
    for r in tm.rows:
        cells = [" ".join(_MARK[c.stance] for c in r.cells[t]) or " " for t in tm.themes]
        out.append(f"| {_md(r.title)} | " + " | ".join(cells) + " |")
    out += ["", "+ supports the article's thesis, − attacks it, = is the thesis.", ""]
    for theme in tm.themes:
        out += [f"## {theme}", ""]
        any_claim = False
        for r in tm.rows:
            claims = r.cells[theme]
            if not claims:
                continue
            any_claim = True
            src = f" ({_md(r.source)})" if r.source else ""
            out += [f"### {_md(r.title)}{src}", ""]
            for c in claims:
                out.append(f"- **{_md(c.text)}** — {c.role}, {c.stance} the thesis")
                out += [f"  > {quoted(q)}" for q in c.quotes]
            out.append("")
        if not any_claim:
            out += ["No article touches this theme.", ""]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; color: #111; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; }
th, td { border: 1px solid #bbb; padding: .4em; vertical-align: top; font-size: .82em; }
th { background: #f0f0f0; } th.article { width: 13em; text-align: left; }
.claim { margin-bottom: .6em; } .supports { border-left: 4px solid #1e8449; padding-left: .4em; }
.attacks { border-left: 4px solid #c0392b; padding-left: .4em; }
.thesis { border-left: 4px solid #2c3e50; padding-left: .4em; }
.unrelated { border-left: 4px solid #999; padding-left: .4em; }
.meta { color: #555; font-size: .9em; } blockquote { margin: .2em 0 0 .6em; color: #333;
  font-style: italic; } .src { color: #555; font-weight: normal; font-size: .9em; }
@media print { body { margin: 0; } td, tr { page-break-inside: avoid; } }
"""


def render_html(tm: ThemeMatrix) -> str:
    """The matrix as a self-contained HTML table."""
    e = html.escape
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Articles by theme</title><style>{_CSS}</style></head><body>",
        "<h1>The articles compared by theme</h1>",
        '<p class="meta">Green: supports the article\'s thesis; red: attacks it.</p>',
        '<table><tr><th class="article">Article</th>',
    ]
    parts += [f"<th>{e(t)}</th>" for t in tm.themes]
    parts.append("</tr>")
    for r in tm.rows:
        src = f'<br><span class="src">{e(r.source)}</span>' if r.source else ""
        parts.append(f'<tr><th class="article">{e(r.title)}{src}</th>')
        for t in tm.themes:
            cell = "".join(
                f'<div class="claim {c.stance}"><b>{e(c.text)}</b>'
                f'<div class="meta">{e(c.role)}, {e(c.stance)} the thesis</div>'
                + "".join(f"<blockquote>{e(quoted(q))}</blockquote>" for q in c.quotes)
                + "</div>"
                for c in r.cells[t]
            )
            parts.append(f"<td>{cell}</td>")
        parts.append("</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
