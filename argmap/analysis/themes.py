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
>>> m.update_map(thesis="t")
>>> stances(m)
{'t': 'thesis', 'o': 'attacks', 'r': 'supports'}
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.model.argument_map import natural_key
from argmap.model.elements import Relation, RelationKind
from argmap.model.map_view import MapView
from argmap.model.queries import used_tags
from argmap.text import source_name

Stance = Literal["thesis", "supports", "attacks", "unrelated"]
THEMES = ("ukraine", "syria-alliance", "anti-us", "domestic-militants")


def _effect(m: MapView, rel: Relation) -> tuple[str, int]:
    """The claim a relation finally bears on, and +1 (for it) or -1 (against it)."""
    if rel.kind is RelationKind.SUPPORT or rel.kind is RelationKind.SUPERSEDE:
        # A later statement of a position stands with it.
        return rel.target, 1
    if rel.kind is RelationKind.ATTACK:
        return rel.target, -1
    target, sign = _effect(m, m.relation(rel.target))
    return target, -sign


def stances(m: MapView) -> dict[str, Stance]:
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
    sources: list[str] = field(default_factory=list)  # where each quote is from, same order


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
                                "sources": c.sources,
                            }
                            for c in r.cells[t]
                        ]
                        for t in self.themes
                    },
                }
                for r in self.rows
            ],
        }


def theme_list(maps: list[MapView]) -> list[str]:
    """The four fixed themes, then every other tag used in two or more maps."""
    used = Counter(t for m in maps for t in set(used_tags(m)))
    extra = sorted(t for t, n in used.items() if n >= 2 and t not in THEMES)
    return [*THEMES, *extra]


def theme_matrix(named: Sequence[tuple[str, MapView]]) -> ThemeMatrix:
    """The matrix for ``(name, map)`` pairs, one row per map.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("Demo")
    >>> _ = m.add_claim("T", id="t"); _ = m.add_claim("War", id="w", tags=["ukraine"])
    >>> _ = m.connect(["w"], "t", "attack"); m.update_map(thesis="t")
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
                CellClaim(
                    c.id,
                    c.text,
                    roles[c.id].value,
                    st[c.id],
                    [a.quote for a in c.anchors],
                    [source_name(m, a.article) for a in c.anchors],
                )
                for c in sorted(m.claims(), key=lambda c: natural_key(c.id))
                if theme in c.tags
            ]
        thesis = m.claim(m.thesis).text if m.thesis else ""
        rows.append(Row(name, title, source, thesis, cells))
    return ThemeMatrix(themes, rows)
