"""The argument-map model: claims, relations, articles, events."""

from argmap.model.argument_map import ArgumentMap
from argmap.model.data import Data
from argmap.model.elements import Anchor, Article, Claim, Relation, RelationKind, Role
from argmap.model.events import (
    ArticleAdded,
    ArticleRemoved,
    ClaimAdded,
    ClaimRemoved,
    ClaimUpdated,
    MapEvent,
    MapUpdated,
    RelationAdded,
    RelationRemoved,
    RelationUpdated,
)

__all__ = [
    "Anchor",
    "ArgumentMap",
    "Article",
    "ArticleAdded",
    "ArticleRemoved",
    "Claim",
    "ClaimAdded",
    "ClaimRemoved",
    "ClaimUpdated",
    "Data",
    "MapEvent",
    "MapUpdated",
    "Relation",
    "RelationAdded",
    "RelationKind",
    "RelationRemoved",
    "RelationUpdated",
    "Role",
]
