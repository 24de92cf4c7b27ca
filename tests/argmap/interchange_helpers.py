"""Shared by the interchange tests: seed maps, the corpus, and comparisons claim by claim."""

from __future__ import annotations

import os
from pathlib import Path

from argmap.formats import native
from argmap.model.argument_map import ArgumentMap
from argmap.model.elements import RelationKind

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds" / "maps").glob("*.argmap"))


def seed_maps() -> list[tuple[str, ArgumentMap]]:
    return [(p.name, native.load(p)) for p in SEEDS]


def corpora_dir() -> Path:
    """ARGMAP_CORPORA, else ARGMAP_SHARED/corpora, else ../shared/corpora beside the repo."""
    if os.environ.get("ARGMAP_CORPORA"):
        return Path(os.environ["ARGMAP_CORPORA"])
    shared = os.environ.get("ARGMAP_SHARED")
    return (Path(shared) if shared else REPO / ".." / "shared") / "corpora"


def relation_key(m: ArgumentMap, rid: str, depth: int = 0) -> tuple:
    """A relation by what it joins, not by its id (ids of some relations are not kept)."""
    r = m.relation(rid)
    target: object = r.target
    if r.kind is RelationKind.UNDERCUT:
        target = relation_key(m, r.target, depth + 1)
    return (r.kind.value, tuple(sorted(r.premises)), target)


def relation_keys(m: ArgumentMap) -> list[tuple]:
    return sorted((relation_key(m, r.id) for r in m.relations()), key=repr)


def assert_same_claims(a: ArgumentMap, b: ArgumentMap, *, anchors: bool, tags: bool = True) -> None:
    """Every claim of ``a`` is in ``b`` with the same text (and tags, anchors), and no more."""
    assert sorted(c.id for c in a.claims()) == sorted(c.id for c in b.claims())
    for c in a.claims():
        other = b.claim(c.id)
        assert other.text == c.text, c.id
        if tags:
            assert other.tags == c.tags, c.id
        if anchors:
            assert other.anchors == c.anchors, c.id
