"""MapView: reading an argument map, never changing it.

A map's content is three dicts of immutable values (claims, relations, articles) and a few
map fields; the networkx graph is an index over them, built on first use. Code that only
reads (layout, export, analysis) can take a ``MapView`` and mypy then proves it never
mutates the map. :class:`argmap.model.argument_map.ArgumentMap` adds the mutations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from argmap.model.elements import Article, Claim, Relation, Role, VocabularyEntry
from argmap.model.roles import compute_roles

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap


class MapView:
    """The read side of an argument map: lookups, navigation, roles."""

    def __init__(self, title: str = "", description: str = "") -> None:
        # The dicts below are the content; the graph is an index over them, built on first
        # use and kept up to date after that (a map read only to be validated never needs it).
        self._graph_cache: nx.DiGraph | None = None
        self._claims: dict[str, Claim] = {}
        self._relations: dict[str, Relation] = {}
        self._articles: dict[str, Article] = {}
        self._title = title
        self._description = description
        self._thesis: str | None = None
        self._vocabulary: tuple[VocabularyEntry, ...] = ()
        # Roles depend on the structure only; ArgumentMap drops this cache when it changes.
        self._roles: dict[str, Role] | None = None

    @property
    def _graph(self) -> nx.DiGraph:
        g = self._graph_cache
        if g is None:
            g = nx.DiGraph()
            g.add_nodes_from((cid, {"kind": "claim", "data": c}) for cid, c in self._claims.items())
            g.add_nodes_from(
                (rid, {"kind": "relation", "data": r}) for rid, r in self._relations.items()
            )
            g.add_edges_from((p, r.id) for r in self._relations.values() for p in r.premises)
            g.add_edges_from((r.id, r.target) for r in self._relations.values())
            self._graph_cache = g
        return g

    @property
    def graph(self) -> nx.DiGraph:
        """A read-only view of the underlying graph (claims and relations as nodes)."""
        view: nx.DiGraph = self._graph.copy(as_view=True)
        return view

    @property
    def title(self) -> str:
        return self._title

    @property
    def description(self) -> str:
        return self._description

    @property
    def thesis(self) -> str | None:
        return self._thesis

    @property
    def vocabulary(self) -> tuple[VocabularyEntry, ...]:
        """The map's controlled tags (empty: any tag goes)."""
        return self._vocabulary

    def claims(self) -> Iterator[Claim]:
        return iter(self._claims.values())

    def relations(self) -> Iterator[Relation]:
        return iter(self._relations.values())

    def articles(self) -> Iterator[Article]:
        return iter(self._articles.values())

    def claim(self, claim_id: str) -> Claim:
        try:
            return self._claims[claim_id]
        except KeyError:
            raise KeyError(f"no claim {claim_id!r}") from None

    def relation(self, relation_id: str) -> Relation:
        try:
            return self._relations[relation_id]
        except KeyError:
            raise KeyError(f"no relation {relation_id!r}") from None

    def article(self, article_id: str) -> Article:
        try:
            return self._articles[article_id]
        except KeyError:
            raise KeyError(f"no article {article_id!r}") from None

    def has_claim(self, claim_id: str) -> bool:
        return claim_id in self._claims

    def has_relation(self, relation_id: str) -> bool:
        return relation_id in self._relations

    def has_article(self, article_id: str) -> bool:
        return article_id in self._articles

    @property
    def claim_count(self) -> int:
        return len(self._claims)

    @property
    def relation_count(self) -> int:
        return len(self._relations)

    def relations_from(self, claim_id: str) -> list[Relation]:
        """Relations in which the claim is a premise."""
        return [self._relations[r] for r in self._graph.successors(claim_id)]

    def relations_into(self, node_id: str) -> list[Relation]:
        """Relations whose target is this claim (or, for undercuts, this relation)."""
        return [
            self._relations[n]
            for n in self._graph.predecessors(node_id)
            if n in self._relations and self._relations[n].target == node_id
        ]

    def roles(self) -> dict[str, Role]:
        """The role of every claim, derived from the structure (cached until the next edit)."""
        if self._roles is None:
            self._roles = compute_roles(self)
        return self._roles

    def role(self, claim_id: str) -> Role:
        return self.roles()[claim_id]

    def copy(self) -> ArgumentMap:
        """An independent, changeable map with the same content (values are immutable and
        shared)."""
        from argmap.model.argument_map import ArgumentMap  # it builds on this module

        return ArgumentMap.from_values(
            title=self._title,
            description=self._description,
            thesis=self._thesis,
            articles=self._articles.values(),
            claims=self._claims.values(),
            relations=self._relations.values(),
            vocabulary=self._vocabulary,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MapView):
            return NotImplemented
        return _content(self) == _content(other)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self._title!r}: {len(self._claims)} claims, "
            f"{len(self._relations)} relations>"
        )


def _content(m: MapView) -> tuple[Any, ...]:
    """A comparable picture of the whole content; two maps are equal when these are."""
    return (
        m._title,
        m._description,
        m._thesis,
        m._vocabulary,
        dict(m._articles),
        dict(m._claims),
        dict(m._relations),
    )
