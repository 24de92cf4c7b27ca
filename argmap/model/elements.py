"""The immutable values a map is made of: claims, relations, anchors, articles.

Values are frozen: the map replaces a claim to change it, so an event can carry the old and
the new value safely, and undo is a matter of putting the old value back.

How relations are represented (see docs/MODEL.md): a relation is an object of its own, like
an AIF RA/CA node. It has one or more ``premises`` (claim ids) and one ``target``: a claim id,
or for an ``undercut`` the id of the relation whose inference it attacks. Several premises in
one relation are a *linked* argument (they support only together); several relations into one
claim are *convergent* reasons. One premise, one target is the simple case, drawn as one arrow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RelationKind(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"  # attacks the inference of another relation, not a claim


class Role(StrEnum):
    """Roles follow from the structure; only the thesis is marked explicitly."""

    THESIS = "thesis"
    REASON = "reason"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    CLAIM = "claim"  # not connected to anything that gives it a role


class Assumption(StrEnum):
    """A what-if mark: evaluate the map as if this claim were accepted or rejected."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Rehearsal(StrEnum):
    """How well the user answered this objection when rehearsing."""

    GOOD = "good"
    NEEDS_WORK = "needs-work"


@dataclass(frozen=True, slots=True)
class Anchor:
    """A passage of an article: ``quote == article.text[start:end]`` (code-point indices)."""

    article: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Article:
    """A source text. The text never changes once in a map; anchors point into it."""

    id: str
    text: str
    title: str = ""
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement in the map. ``position`` is the centre of its box, in points, y down."""

    id: str
    text: str
    tags: tuple[str, ...] = ()
    notes: str = ""
    anchors: tuple[Anchor, ...] = ()
    position: Point | None = None
    pinned: bool = False  # the user placed it: auto layout keeps it where it is
    collapsed: bool = False  # its subtree is hidden on the canvas
    assumption: Assumption | None = None
    rehearsal: Rehearsal | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """Premises support or attack a target claim, or undercut a target relation."""

    id: str
    kind: RelationKind
    premises: tuple[str, ...]
    target: str
    route: tuple[Point, ...] = field(default=())  # edge route from the last layout, if any


# Fields a claim or relation may have changed through ArgumentMap.update_*; each change is
# one event, so the set is closed and checked.
CLAIM_FIELDS = frozenset(
    {
        "text",
        "tags",
        "notes",
        "anchors",
        "position",
        "pinned",
        "collapsed",
        "assumption",
        "rehearsal",
    }
)
RELATION_FIELDS = frozenset({"kind", "premises", "target", "route"})
