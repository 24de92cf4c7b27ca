"""What the model refuses: the checks :class:`~argmap.model.ArgumentMap` runs before a change.

Each function takes the map as it is before the change and raises ``KeyError`` (a dangling
reference) or ``ValueError`` (a change that would make the map invalid); the map itself only
stores and announces. :func:`argmap.model.validation.validate_map` finds the same problems
in a map read from a file, which did not go through these checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap.model.elements import Anchor, Article, Relation, RelationKind

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap

_ID_RE = re.compile(r"^[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]{0,199}$")


def check_id(value: object) -> str:
    """Return ``value`` if it is a usable id: a 1–200 character string without control
    characters that does not start with white space.

    >>> check_id("ukraine-war")
    'ukraine-war'
    """
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise ValueError(f"invalid id {value!r}: use 1-200 printable characters")
    return value


def check_new_id(m: ArgumentMap, node_id: str) -> str:
    """``node_id`` if it is a valid id used by no claim or relation of ``m``."""
    check_id(node_id)
    if m.has_claim(node_id) or m.has_relation(node_id):
        raise ValueError(f"id {node_id!r} is already used")
    return node_id


def check_new_article(m: ArgumentMap, article: Article) -> None:
    check_id(article.id)
    if m.has_article(article.id):
        raise ValueError(f"article {article.id!r} is already in the map")


def check_anchors(m: ArgumentMap, anchors: Iterable[Anchor]) -> None:
    """Every anchor quotes its article's text exactly at its span."""
    for a in anchors:
        if not isinstance(a, Anchor):
            raise TypeError(f"not an anchor: {a!r}")
        text = m.article(a.article).text
        if not (0 <= a.start < a.end <= len(text)) or text[a.start : a.end] != a.quote:
            raise ValueError(
                f"anchor {a.start}:{a.end} does not match the text of article {a.article!r}"
            )


def check_relation(m: ArgumentMap, rel: Relation, replacing: Relation | None = None) -> None:
    """``rel`` may join ``m`` (or replace ``replacing`` there): its premises and target
    exist, no claim supports or attacks itself, no support cycle, no undercut of itself."""
    if not rel.premises:
        raise ValueError(f"relation {rel.id!r} needs at least one premise")
    if len(set(rel.premises)) != len(rel.premises):
        raise ValueError(f"relation {rel.id!r} names a premise twice")
    for p in rel.premises:
        if not m.has_claim(p):
            raise KeyError(f"relation {rel.id!r}: no claim {p!r}")
    if rel.kind is RelationKind.UNDERCUT:
        if not m.has_relation(rel.target) or rel.target == rel.id:
            raise KeyError(f"undercut {rel.id!r} must target another relation, not {rel.target!r}")
        if replacing is not None and _undercut_chain_reaches(m, rel.target, rel.id):
            raise ValueError(f"undercut {rel.id!r} would aim at itself through {rel.target!r}")
    else:
        if not m.has_claim(rel.target):
            raise KeyError(f"relation {rel.id!r}: no claim {rel.target!r}")
        if rel.target in rel.premises:
            raise ValueError(f"relation {rel.id!r}: a claim cannot {rel.kind} itself")
        if rel.kind is RelationKind.SUPPORT:
            for p in rel.premises:
                if _supports_reach(m, rel.target, p, ignore=rel.id):
                    raise ValueError(
                        f"relation {rel.id!r} would make a support cycle through {p!r}"
                    )
    if (
        replacing is not None
        and replacing.kind is not RelationKind.UNDERCUT
        and rel.kind is RelationKind.UNDERCUT
    ):
        raise ValueError("a relation to a claim cannot become an undercut")


def _supports_reach(m: ArgumentMap, start: str, goal: str, ignore: str | None = None) -> bool:
    """Whether ``goal`` is reachable from claim ``start`` along support relations."""
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for rel in m.relations_from(node):
            if rel.id == ignore or rel.kind is not RelationKind.SUPPORT:
                continue
            if rel.target not in seen:
                seen.add(rel.target)
                stack.append(rel.target)
    return False


def _undercut_chain_reaches(m: ArgumentMap, start: str, goal: str) -> bool:
    """Whether following undercut targets from relation ``start`` arrives at ``goal``."""
    node: str | None = start
    seen = set()
    while node is not None and m.has_relation(node) and node not in seen:
        if node == goal:
            return True
        seen.add(node)
        rel = m.relation(node)
        node = rel.target if rel.kind is RelationKind.UNDERCUT else None
    return False
