"""Plain-Python events: every mutation of a map emits exactly one, with old and new values.

Views, panels and undo follow these; nothing else watches the graph. Every event has ``old``
and ``new`` so an inverse can always be built (:func:`argmap.model.history.inverse`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from argmap.model.elements import Article, Claim, Relation


@dataclass(frozen=True, slots=True)
class ClaimAdded:
    new: Claim

    @property
    def old(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class ClaimRemoved:
    old: Claim

    @property
    def new(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class ClaimUpdated:
    """One field of one claim changed; ``old``/``new`` are the whole claim before and after."""

    id: str
    field: str
    old: Claim
    new: Claim


@dataclass(frozen=True, slots=True)
class RelationAdded:
    new: Relation

    @property
    def old(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class RelationRemoved:
    old: Relation

    @property
    def new(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class RelationUpdated:
    id: str
    field: str
    old: Relation
    new: Relation


@dataclass(frozen=True, slots=True)
class ArticleAdded:
    new: Article

    @property
    def old(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class ArticleRemoved:
    old: Article

    @property
    def new(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class MapUpdated:
    """A map-level field changed: ``title``, ``description`` or ``thesis``."""

    field: str
    old: Any
    new: Any


MapEvent = (
    ClaimAdded
    | ClaimRemoved
    | ClaimUpdated
    | RelationAdded
    | RelationRemoved
    | RelationUpdated
    | ArticleAdded
    | ArticleRemoved
    | MapUpdated
)
