"""The immutable values a map is made of: claims, relations, anchors, articles.

Every field is declared once, here, with its documentation in the field's metadata
(:func:`argmap.model.schema.spec`); the file format's reader, writer, JSON Schema and field
tables are derived from these declarations (:mod:`argmap.formats.fields`).

Values are frozen: the map replaces a claim to change it, so an event can carry the old and
the new value safely, and undo is a matter of putting the old value back.

How relations are represented (see docs/MODEL.md): a relation is an object of its own, like
an AIF RA/CA node. It has one or more ``premises`` (claim ids) and one ``target``: a claim id,
or for an ``undercut`` the id of the relation whose inference it attacks. Several premises in
one relation are a *linked* argument (they support only together); several relations into one
claim are *convergent* reasons. One premise, one target is the simple case, drawn as one arrow.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

from argmap.model.data import EMPTY, Data
from argmap.model.schema import spec


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

    kind: AttributionKind = field(metadata=spec("`author`, `named` or `reported`"))
    name: str = field(
        default="", metadata=spec('who: required for `named` ("Sergei Lavrov"), optional else')
    )
    role: str = field(default="", metadata=spec('their role ("Russian foreign minister")'))

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

    earliest: str = field(metadata=spec("the earliest possible date, `YYYY-MM-DD`"))
    latest: str = field(metadata=spec("the latest possible date, `YYYY-MM-DD`"))
    evidence: str = field(default="", metadata=spec("what dates the article"))


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One tag of a map's controlled vocabulary."""

    tag: str = field(metadata=spec("the tag as claims carry it", check="nonempty", unique="tag"))
    label: str = field(default="", metadata=spec("its name for people"))
    description: str = field(default="", metadata=spec("what it covers"))


@dataclass(frozen=True, slots=True)
class Anchor:
    """A passage of an article: ``quote == article.text[start:end]`` (code-point indices)."""

    article: str = field(metadata=spec("the article's id"))
    start: int = field(metadata=spec("first code point of the passage", minimum=0))
    end: int = field(metadata=spec("one past its last code point", minimum=1))
    quote: str = field(metadata=spec("`text[start:end]` of the article, exactly"))


@dataclass(frozen=True, slots=True)
class Article:
    """A source text. The text never changes once in a map; anchors point into it."""

    id: str = field(
        metadata=spec("e.g. the file stem `000_c9735eb6699b3f22`", check="id", unique="article")
    )
    text: str = field(
        metadata=spec(
            "the article text, exactly as given; it never changes once in a map", last=True
        )
    )
    title: str = field(default="", metadata=spec('the headline, `""` if the text gives none'))
    outlet: str | None = field(default=None, metadata=spec("where it appeared"))
    author: str | None = field(default=None, metadata=spec("who wrote it"))
    date: str | None = field(
        default=None, metadata=spec("the exact date, `YYYY-MM-DD` (anything else: a warning)")
    )
    url: str | None = field(default=None, metadata=spec("where it is online"))
    date_range: DateRange | None = field(
        default=None,
        metadata=spec("when the exact date is unknown: bounds and the evidence", omit=True),
    )
    language: str | None = field(
        default=None, metadata=spec('a BCP 47 tag, `"en"`, `"de-CH"`', omit=True)
    )

    def anchor(self, start: int, end: int) -> Anchor:
        """An anchor to ``text[start:end]``, with its exact quote.

        >>> Article("a1", "Hello world").anchor(6, 11).quote
        'world'
        """
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(
                f"span {start}:{end} is outside article {self.id!r} (0:{len(self.text)})"
            )
        return Anchor(self.id, start, end, self.text[start:end])

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

    id: str = field(
        metadata=spec(
            "stable id (1–200 characters, no control characters, not starting with white "
            "space); claims and relations share one id space",
            check="id",
            unique="id",
        )
    )
    text: str = field(metadata=spec("the claim's wording (a short paraphrase)"))
    tags: tuple[str, ...] = field(
        default=(),
        metadata=spec("theme tags such as `ukraine`, `anti-us`", check="nonempty"),
    )
    notes: str = field(default="", metadata=spec("free notes", omit=True))
    anchors: tuple[Anchor, ...] = field(
        default=(), metadata=spec("the passages the claim comes from")
    )
    position: Point | None = field(
        default=None,
        metadata=spec("centre of its box in points, y down; none if never laid out", omit=True),
    )
    pinned: bool = field(
        default=False, metadata=spec("placed by the user: auto layout keeps it", omit=True)
    )
    collapsed: bool = field(
        default=False, metadata=spec("its subtree is hidden on the canvas", omit=True)
    )
    assumption: Assumption | None = field(
        default=None, metadata=spec("what-if mark for evaluation", omit=True)
    )
    rehearsal: Rehearsal | None = field(
        default=None, metadata=spec("the user's mark from rehearsing this objection", omit=True)
    )
    attribution: Attribution | None = field(
        default=None,
        metadata=spec("who asserts it; none: the article's author", omit=True),
    )
    provenance: Provenance = field(
        default=Provenance.ARTICLE,
        metadata=spec("`editor`: added by the map's editor, not in the article", omit=True),
    )
    data: Data = field(
        default=EMPTY,
        metadata=spec(
            "free JSON object: what other formats say and argmap has no field for (Argdown's "
            "inline data, under `argdown`…), kept so export gives it back",
            omit=True,
        ),
    )


@dataclass(frozen=True, slots=True)
class Relation:
    """Premises support or attack a target claim, or undercut a target relation."""

    id: str = field(metadata=spec("stable id", check="id", unique="id"))
    kind: RelationKind = field(metadata=spec("see below"))
    premises: tuple[str, ...] = field(
        metadata=spec(
            "claim ids, one or more, no repeats; several are a linked argument",
            check="nonempty",
            min_items=1,
        )
    )
    target: str = field(
        metadata=spec("a claim; for an undercut, the relation whose inference it attacks")
    )
    route: tuple[Point, ...] = field(
        default=(), metadata=spec("the edge's route from the last layout", omit=True)
    )
    data: Data = field(
        default=EMPTY,
        metadata=spec(
            "free JSON object: what other formats say and argmap has no field for (Argdown's "
            "inline data, under `argdown`…), kept so export gives it back",
            omit=True,
        ),
    )


# Fields a claim or relation may have changed through ArgumentMap.update_*; each change is
# one event, so the set is closed and checked. Everything but the id.
CLAIM_FIELDS = frozenset(f.name for f in fields(Claim)) - {"id"}
RELATION_FIELDS = frozenset(f.name for f in fields(Relation)) - {"id"}
