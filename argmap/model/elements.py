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
    # Concedes, limits or conditions the target without attacking its acceptability: the
    # author's "yes, but". Attack semantics ignore it.
    QUALIFY = "qualify"
    # The premises (a later claim) replace the target (an earlier one): the position changed
    # over time. Attack semantics ignore it.
    SUPERSEDE = "supersede"

    @property
    def attacks(self) -> bool:
        """Whether the relation counts as an attack for the semantics (attack, undercut)."""
        return self in _ATTACKING


_ATTACKING = frozenset({RelationKind.ATTACK, RelationKind.UNDERCUT})


class Role(StrEnum):
    """Roles follow from the structure; only the thesis is marked explicitly."""

    THESIS = "thesis"
    REASON = "reason"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    CONCESSION = "concession"  # a premise of a qualify: what the author grants
    CLAIM = "claim"  # not connected to anything that gives it a role


class Assumption(StrEnum):
    """A what-if mark: evaluate the map as if this claim were accepted or rejected."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Rehearsal(StrEnum):
    """How well the user answered this objection when rehearsing."""

    GOOD = "good"
    NEEDS_WORK = "needs-work"


class Provenance(StrEnum):
    """Where a claim comes from: the article, or the map's editor (not in the article)."""

    ARTICLE = "article"
    EDITOR = "editor"


class AttributionKind(StrEnum):
    AUTHOR = "author"  # the article's author (the same as no attribution)
    NAMED = "named"  # a named person or body: ``name`` is required
    REPORTED = "reported"  # unnamed sources ("officials say")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts a claim. No attribution at all means the article's author."""

    kind: AttributionKind
    name: str = ""
    role: str = ""  # "Russian foreign minister"

    def byline(self) -> str:
        """A short "who says it" line, empty for the author.

        >>> Attribution(AttributionKind.NAMED, "Sergei Lavrov", "Russian foreign minister").byline()
        'Sergei Lavrov, Russian foreign minister'
        """
        if self.kind is AttributionKind.AUTHOR:
            return ""
        who = ", ".join(p for p in (self.name, self.role) if p)
        if self.kind is AttributionKind.REPORTED:
            return f"{who} (reported)" if who else "unnamed sources"
        return who


@dataclass(frozen=True, slots=True)
class DateRange:
    """An article's date when only bounds are known, with the evidence that dates it."""

    earliest: str  # ISO date, YYYY-MM-DD
    latest: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One tag of a map's controlled vocabulary."""

    tag: str
    label: str = ""
    description: str = ""


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
    date: str | None = None  # exact ISO date (YYYY-MM-DD)
    url: str | None = None
    date_range: DateRange | None = None  # when the exact date is unknown
    language: str | None = None  # BCP 47 tag, e.g. "en"

    def byline(self) -> str:
        """Outlet, author, date (or date range) and language on one line.

        >>> dates = DateRange("2015-08-01", "2015-09-30")
        >>> Article("a", "", "T", "DW", date_range=dates, language="en").byline()
        'DW · between 2015-08-01 and 2015-09-30 · en'
        """
        when = self.date
        if when is None and self.date_range is not None:
            when = f"between {self.date_range.earliest} and {self.date_range.latest}"
        return " · ".join(p for p in (self.outlet, self.author, when, self.language) if p)


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
    attribution: Attribution | None = None  # None: the article's author
    provenance: Provenance = Provenance.ARTICLE


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
        "attribution",
        "provenance",
    }
)
RELATION_FIELDS = frozenset({"kind", "premises", "target", "route"})
