"""ArgumentMap: the one place where a map changes.

It wraps (does not subclass) a networkx ``DiGraph`` whose nodes are claim ids and relation
ids (node attribute ``kind`` is ``"claim"`` or ``"relation"``, ``data`` the value). Edges run
premise → relation → target, as in AIF. networkx has no change hook, so every mutation goes
through a named method here, which checks it, applies it and emits one event.

The model refuses what would make a map invalid (dangling references, self-loops, support
cycles, anchors that don't match their article), so a map built through these methods always
passes :func:`argmap.model.validation.validate_map`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from argmap.model.data import Data
from argmap.model.elements import (
    CLAIM_FIELDS,
    RELATION_FIELDS,
    Anchor,
    Article,
    Assumption,
    Attribution,
    AttributionKind,
    Claim,
    Point,
    Provenance,
    Rehearsal,
    Relation,
    RelationKind,
    VocabularyEntry,
)
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
from argmap.model.integrity import (
    check_anchors,
    check_new_article,
    check_new_id,
    check_relation,
)
from argmap.model.integrity import check_id as check_id  # formats import it from here
from argmap.model.map_view import MapView

Listener = Callable[[MapEvent], None]

_DIGITS = re.compile(r"(\d+)")
# Relation fields whose change can break the map's rules (checked by check_relation).
_RELATION_STRUCTURE = frozenset({"kind", "premises", "target"})


class ArgumentMap(MapView):
    """An argument map: claims joined by support, attack and undercut relations.

    Reading is :class:`MapView`'s job; this class changes the map, one checked mutation
    and one event at a time, and tells its subscribers.

    >>> m = ArgumentMap()
    >>> m.add_claim("A", id="a").text
    'A'
    >>> m.add_claim("B", id="b").id
    'b'
    >>> m.connect(["b"], "a", "attack").id
    'r1'
    >>> m.update_map(thesis="a")
    >>> m.role("b").value
    'objection'
    """

    def __init__(self, title: str = "", description: str = "") -> None:
        super().__init__(title, description)
        self._listeners: list[Listener] = []
        self._counters = {"c": 0, "r": 0}

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_values(
        cls,
        *,
        title: str = "",
        description: str = "",
        thesis: str | None = None,
        articles: Iterable[Article] = (),
        claims: Iterable[Claim] = (),
        relations: Iterable[Relation] = (),
        vocabulary: Iterable[VocabularyEntry] = (),
    ) -> ArgumentMap:
        """Build a map in bulk from values already checked (by a file reader), without events.

        Use :func:`argmap.model.validation.validate_map` afterwards if the values are not
        known to be consistent.
        """
        m = cls(title, description)
        m._articles = {a.id: a for a in articles}
        m._claims = {c.id: c for c in claims}
        m._relations = {r.id: r for r in relations}
        m._thesis = thesis
        m._vocabulary = tuple(vocabulary)
        return m

    # ------------------------------------------------------------------ events

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, event: MapEvent) -> None:
        # Roles depend on the structure only: claims, relations and the thesis.
        if _changes_structure(event):
            self._roles = None
        for listener in list(self._listeners):
            listener(event)

    # ------------------------------------------------------------------ ids

    def fresh_id(self, prefix: str = "c") -> str:
        """An id not used by any claim or relation: ``c1``, ``c2``… or ``r1``, ``r2``…"""
        n = self._counters.get(prefix, 0)
        while True:
            n += 1
            candidate = f"{prefix}{n}"
            if candidate not in self._claims and candidate not in self._relations:
                self._counters[prefix] = n
                return candidate

    # ------------------------------------------------------------------ map fields

    def update_map(self, **changes: Any) -> None:
        """Change the map's own fields (``title``, ``description``, ``thesis``,
        ``vocabulary``); one :class:`MapUpdated` per field that really changes.

        >>> m = ArgumentMap(); _ = m.add_claim("A", id="a")
        >>> m.update_map(title="Why", thesis="a")
        >>> (m.title, m.thesis)
        ('Why', 'a')
        """
        for name, value in changes.items():
            value = self._normalise_map_field(name, value)
            old = getattr(self, "_" + name)
            if old == value:
                continue
            setattr(self, "_" + name, value)
            self._emit(MapUpdated(name, old, value))

    def _normalise_map_field(self, name: str, value: Any) -> Any:
        if name in ("title", "description"):
            return _check_text(value, f"map {name}")
        if name == "thesis":
            if value is not None and value not in self._claims:
                raise KeyError(f"no claim {value!r}")
            return value
        if name == "vocabulary":
            return _vocabulary(value)
        raise ValueError(f"maps have no field {name!r}")

    # ------------------------------------------------------------------ articles

    def add_article(self, article: Article) -> Article:
        check_new_article(self, article)
        self._articles[article.id] = article
        self._emit(ArticleAdded(article))
        return article

    def remove_article(self, article_id: str) -> None:
        """Remove an article no claim is anchored to."""
        article = self.article(article_id)
        used = [
            c.id for c in self._claims.values() if any(a.article == article_id for a in c.anchors)
        ]
        if used:
            raise ValueError(f"article {article_id!r} is still anchored by claim {used[0]!r}")
        del self._articles[article_id]
        self._emit(ArticleRemoved(article))

    # ------------------------------------------------------------------ claims

    def add_claim(
        self,
        text: str,
        *,
        id: str | None = None,
        tags: Iterable[str] = (),
        notes: str = "",
        anchors: Iterable[Anchor] = (),
        position: Point | None = None,
        pinned: bool = False,
    ) -> Claim:
        """Add a claim and return it; ``id`` defaults to a fresh ``cN``."""
        claim = Claim(
            id=self.fresh_id("c") if id is None else id,
            text=text,
            tags=_tags(tags),
            notes=notes,
            anchors=tuple(anchors),
            position=_point(position),
            pinned=pinned,
        )
        return self.insert_claim(claim)

    def insert_claim(self, claim: Claim) -> Claim:
        """Add a claim value (used by undo, paste and readers); its fields are normalised as
        :meth:`update_claim` would (positions to 1/100 pt, tags deduplicated)."""
        check_new_id(self, claim.id)
        normal = dataclasses.replace(
            claim,
            position=_point(claim.position),
            tags=_tags(claim.tags),
            attribution=_attribution(claim.attribution),
            provenance=Provenance(claim.provenance),
            data=_data(claim.data),
        )
        if normal != claim:
            claim = normal
        _check_text(claim.text, "claim text")
        _check_text(claim.notes, "claim notes")
        for tag in claim.tags:
            _check_text(tag, "tag")
        check_anchors(self, claim.anchors)
        self._claims[claim.id] = claim
        if self._graph_cache is not None:
            self._graph_cache.add_node(claim.id, kind="claim", data=claim)
        self._emit(ClaimAdded(claim))
        return claim

    def remove_claim(self, claim_id: str) -> Claim:
        """Remove a claim that no relation touches any more (see :meth:`delete`)."""
        claim = self.claim(claim_id)
        if self._graph.degree(claim_id):
            raise ValueError(f"claim {claim_id!r} still has relations; use delete()")
        if self._thesis == claim_id:
            self.update_map(thesis=None)
        del self._claims[claim_id]
        if self._graph_cache is not None:
            self._graph_cache.remove_node(claim_id)
        self._emit(ClaimRemoved(claim))
        return claim

    def delete(self, ids: Iterable[str]) -> None:
        """Delete claims and relations with everything that hangs on them.

        A relation goes when its target goes or when it loses its last premise; a linked
        relation that loses one of several premises keeps the others. Undercuts of a deleted
        relation go with it. Each step emits its own event, so recording them gives one undo.
        """
        ids = list(ids)
        claim_ids = {i for i in ids if i in self._claims}
        relation_ids = [i for i in ids if i in self._relations]
        for i in ids:
            if i not in self._claims and i not in self._relations:
                raise KeyError(f"no claim or relation {i!r}")
        for cid in sorted(claim_ids, key=natural_key):
            for rel in self.relations_into(cid):
                if rel.id in self._relations:
                    self.disconnect(rel.id)
            for rel in self.relations_from(cid):
                if rel.id not in self._relations:
                    continue
                remaining = tuple(p for p in rel.premises if p not in claim_ids)
                if remaining:
                    self.update_relation(rel.id, premises=remaining)
                else:
                    self.disconnect(rel.id)
        for rid in relation_ids:
            if rid in self._relations:
                self.disconnect(rid)
        for cid in sorted(claim_ids, key=natural_key):
            self.remove_claim(cid)

    def update_claim(self, claim_id: str, **changes: Any) -> Claim:
        """Change fields of a claim; one :class:`ClaimUpdated` per field that really changes."""
        for name, value in changes.items():
            if name not in CLAIM_FIELDS:
                raise ValueError(f"claims have no field {name!r}")
            old = self.claim(claim_id)
            value = _normalise_claim_field(name, value)
            if getattr(old, name) == value:
                continue
            if name == "anchors":
                check_anchors(self, value)
            new = dataclasses.replace(old, **{name: value})
            self._claims[claim_id] = new
            if self._graph_cache is not None:
                self._graph_cache.nodes[claim_id]["data"] = new
            self._emit(ClaimUpdated(claim_id, name, old, new))
        return self._claims[claim_id]

    def move(self, claim_id: str, position: Point | None, *, pin: bool | None = None) -> Claim:
        """Move a claim's centre; ``pin=True`` also marks it as placed by the user."""
        changes: dict[str, Any] = {"position": position}
        if pin is not None:
            changes["pinned"] = pin
        return self.update_claim(claim_id, **changes)

    # ------------------------------------------------------------------ relations

    def connect(
        self,
        premises: Iterable[str],
        target: str,
        kind: RelationKind | str = RelationKind.SUPPORT,
        *,
        id: str | None = None,
    ) -> Relation:
        """Relate premises to a target: support or attack a claim, or undercut a relation."""
        relation = Relation(
            id=self.fresh_id("r") if id is None else id,
            kind=RelationKind(kind),
            premises=tuple(premises),
            target=target,
        )
        return self.insert_relation(relation)

    def insert_relation(self, relation: Relation) -> Relation:
        """Add a relation value (used by undo, paste and readers), normalised like an update."""
        check_new_id(self, relation.id)
        if relation.route:
            relation = dataclasses.replace(
                relation, route=_normalise_relation_field("route", relation.route)
            )
        if type(relation.data) is not Data:
            relation = dataclasses.replace(relation, data=_data(relation.data))
        check_relation(self, relation)
        self._relations[relation.id] = relation
        g = self._graph_cache
        if g is not None:
            g.add_node(relation.id, kind="relation", data=relation)
            g.add_edges_from((p, relation.id) for p in relation.premises)
            g.add_edge(relation.id, relation.target)
        self._emit(RelationAdded(relation))
        return relation

    def disconnect(self, relation_id: str) -> Relation:
        """Remove a relation, and first any undercuts aimed at it."""
        relation = self.relation(relation_id)
        for undercut in self.relations_into(relation_id):
            self.disconnect(undercut.id)
        del self._relations[relation_id]
        if self._graph_cache is not None:
            self._graph_cache.remove_node(relation_id)
        self._emit(RelationRemoved(relation))
        return relation

    def remove_relation(self, relation_id: str) -> Relation:
        """Remove a relation no undercut aims at (the inverse of :meth:`insert_relation`)."""
        if self.relations_into(relation_id):
            raise ValueError(f"relation {relation_id!r} is still undercut; use disconnect()")
        return self.disconnect(relation_id)

    def update_relation(self, relation_id: str, **changes: Any) -> Relation:
        """Change fields of a relation; one :class:`RelationUpdated` per real change."""
        for name, value in changes.items():
            if name not in RELATION_FIELDS:
                raise ValueError(f"relations have no field {name!r}")
            old = self.relation(relation_id)
            value = _normalise_relation_field(name, value)
            if getattr(old, name) == value:
                continue
            new = dataclasses.replace(old, **{name: value})
            if name in _RELATION_STRUCTURE:  # its route or data cannot make it wrong
                check_relation(self, new, replacing=old)
            self._relations[relation_id] = new
            g = self._graph_cache
            if g is not None:
                g.nodes[relation_id]["data"] = new
            if g is not None and name in ("premises", "target"):
                g.remove_edges_from([(p, relation_id) for p in old.premises])
                g.remove_edge(relation_id, old.target)
                g.add_edges_from((p, relation_id) for p in new.premises)
                g.add_edge(relation_id, new.target)
            self._emit(RelationUpdated(relation_id, name, old, new))
        return self._relations[relation_id]

    def add_premise(self, relation_id: str, claim_id: str) -> Relation:
        """Make ``claim_id`` a co-premise: the relation becomes (or stays) linked."""
        rel = self.relation(relation_id)
        if claim_id in rel.premises:
            return rel
        return self.update_relation(relation_id, premises=(*rel.premises, claim_id))


# ---------------------------------------------------------------------- helpers


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort key that puts ``c2`` before ``c10``.

    >>> sorted(["c10", "c2", "b"], key=natural_key)
    ['b', 'c2', 'c10']
    """
    # Only decimal digits are numbers: "¹" is a digit to str.isdigit() but not to int().
    return tuple([int(p) if p.isdecimal() else p for p in _DIGITS.split(text)])


def _changes_structure(event: MapEvent) -> bool:
    """Whether ``event`` can change roles: claims, relations or the thesis."""
    if isinstance(event, ClaimAdded | ClaimRemoved | RelationAdded | RelationRemoved):
        return True
    if isinstance(event, RelationUpdated):
        return event.field != "route"
    return isinstance(event, MapUpdated) and event.field == "thesis"


def _tags(tags: Iterable[str]) -> tuple[str, ...]:
    if isinstance(tags, str):
        raise TypeError("tags must be a sequence of strings, not one string")
    out: list[str] = []
    for t in tags:
        if not isinstance(t, str) or not t.strip():
            raise ValueError(f"invalid tag {t!r}")
        _check_text(t, "tag")
        if t not in out:
            out.append(t)
    return tuple(out)


def _point(p: Any) -> Point | None:
    if p is None:
        return None
    x, y = p
    # Quantised to 1/100 pt so a saved and reloaded map is equal to the one saved.
    return (round(float(x), 2), round(float(y), 2))


def _normalise_claim_field(name: str, value: Any) -> Any:
    if name == "tags":
        return _tags(value)
    if name == "anchors":
        return tuple(value)
    if name == "position":
        return _point(value)
    if name in ("pinned", "collapsed"):
        return bool(value)
    if name == "assumption":
        return None if value is None else Assumption(value)
    if name == "rehearsal":
        return None if value is None else Rehearsal(value)
    if name == "attribution":
        return _attribution(value)
    if name == "provenance":
        return Provenance(value)
    if name == "data":
        return _data(value)
    if name in ("text", "notes"):
        _check_text(value, f"claim {name}")
    return value


def _attribution(value: Attribution | None) -> Attribution | None:
    """The attribution normalised: the author's own claims carry none at all."""
    if value is None:
        return None
    if not isinstance(value, Attribution):
        raise TypeError(f"not an attribution: {value!r}")
    kind = AttributionKind(value.kind)
    if kind is AttributionKind.AUTHOR:
        return None
    _check_text(value.name, "attribution name")
    _check_text(value.role, "attribution role")
    if kind is AttributionKind.NAMED and not value.name.strip():
        raise ValueError("a named attribution needs a name")
    return value if kind is value.kind else dataclasses.replace(value, kind=kind)


def _check_text(value: object, what: str) -> str:
    """Text must be a string that can be saved as UTF-8 (no unpaired surrogates)."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} contains an unpaired surrogate character") from None
    return value


def _normalise_relation_field(name: str, value: Any) -> Any:
    if name == "kind":
        return RelationKind(value)
    if name == "premises":
        return tuple(value)
    if name == "route":
        return tuple(_point(p) for p in value)
    if name == "data":
        return _data(value)
    return value


def _vocabulary(vocabulary: Iterable[VocabularyEntry]) -> tuple[VocabularyEntry, ...]:
    """The controlled tags, checked: entries with distinct, non-blank tags."""
    entries = tuple(vocabulary)
    seen: set[str] = set()
    for e in entries:
        if not isinstance(e, VocabularyEntry):
            raise TypeError(f"not a vocabulary entry: {e!r}")
        if not e.tag.strip() or e.tag in seen:
            raise ValueError(f"invalid or repeated vocabulary tag {e.tag!r}")
        seen.add(e.tag)
    return entries


def _data(value: Any) -> Data:
    """Free data as the model holds it: an immutable, bounded JSON object."""
    if type(value) is Data:
        return value
    if not isinstance(value, Mapping):
        raise TypeError(f"data must be a JSON object, not {type(value).__name__}")
    return Data(value)
