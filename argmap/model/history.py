"""Undo as the inverse of recorded events.

Every event carries old and new values, so each has an exact inverse. A user gesture is
recorded as the list of events it emitted (:class:`Recorder`); undoing it applies the
inverses in reverse order, redoing applies the events again. The desktop app's QUndoStack
commands are thin wrappers around this, so the core's property tests cover undo too.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap(); before = m.copy()
>>> with Recorder(m) as rec:
...     _ = m.add_claim("A", id="a"); _ = m.add_claim("B", id="b"); _ = m.connect(["b"], "a")
>>> undo(m, rec.events); m == before
True
>>> redo(m, rec.events); m.relation_count
1
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap


class Recorder:
    """Collects the events a map emits while the ``with`` block runs."""

    def __init__(self, m: ArgumentMap) -> None:
        self.map = m
        self.events: list[MapEvent] = []
        self._unsubscribe = None

    def __enter__(self) -> Recorder:
        self._unsubscribe = self.map.subscribe(self.events.append)  # type: ignore[assignment]
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        if exc is not None:
            # A gesture that failed half-way leaves no trace: roll back what it did.
            undo(self.map, self.events)
            self.events.clear()


def apply(m: ArgumentMap, event: MapEvent) -> None:
    """Apply ``event`` to ``m`` (redo)."""
    match event:
        case ClaimAdded(new=claim):
            m.insert_claim(claim)
        case ClaimRemoved(old=claim):
            m.remove_claim(claim.id)
        case ClaimUpdated(id=cid, field=name, new=new):
            m.update_claim(cid, **{name: getattr(new, name)})
        case RelationAdded(new=rel):
            m.insert_relation(rel)
        case RelationRemoved(old=rel):
            m.remove_relation(rel.id)
        case RelationUpdated(id=rid, field=name, new=new):
            m.update_relation(rid, **{name: getattr(new, name)})
        case ArticleAdded(new=article):
            m.add_article(article)
        case ArticleRemoved(old=article):
            m.remove_article(article.id)
        case MapUpdated(field=name, new=value):
            m.update_map(**{name: value})
        case _:
            raise TypeError(f"not a map event: {event!r}")


def inverse(event: MapEvent) -> MapEvent:
    """The event that undoes ``event``."""
    match event:
        case ClaimAdded(new=claim):
            return ClaimRemoved(claim)
        case ClaimRemoved(old=claim):
            return ClaimAdded(claim)
        case ClaimUpdated(id=cid, field=name, old=old, new=new):
            return ClaimUpdated(cid, name, new, old)
        case RelationAdded(new=rel):
            return RelationRemoved(rel)
        case RelationRemoved(old=rel):
            return RelationAdded(rel)
        case RelationUpdated(id=rid, field=name, old=old, new=new):
            return RelationUpdated(rid, name, new, old)
        case ArticleAdded(new=article):
            return ArticleRemoved(article)
        case ArticleRemoved(old=article):
            return ArticleAdded(article)
        case MapUpdated(field=name, old=old, new=new):
            return MapUpdated(name, new, old)
    raise TypeError(f"not a map event: {event!r}")


def undo(m: ArgumentMap, events: Sequence[MapEvent]) -> None:
    for event in reversed(events):
        apply(m, inverse(event))


def redo(m: ArgumentMap, events: Sequence[MapEvent]) -> None:
    for event in events:
        apply(m, event)
