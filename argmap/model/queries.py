"""Derived reads over a map that its view does not need to carry as methods."""

from __future__ import annotations

from argmap.model.elements import Relation
from argmap.model.map_view import MapView


def relations_of(m: MapView, claim_id: str) -> list[Relation]:
    """Every relation touching the claim, as premise or as target."""
    return m.relations_from(claim_id) + m.relations_into(claim_id)


def used_tags(m: MapView) -> list[str]:
    """Every tag used in the map, sorted (the vocabulary may list more)."""
    return sorted({t for c in m.claims() for t in c.tags})
