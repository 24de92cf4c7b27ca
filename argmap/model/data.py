"""Free data on a claim or a relation: an immutable, bounded JSON object.

Other formats say things argmap's model has no field for (Argdown's inline ``{…}`` data,
inference rules, contrary vs contradictory); a claim or relation keeps them in ``data`` so
that export gives them back. The value must stay what the model's values are: immutable,
hashable (claims are frozen dataclasses), JSON-serialisable and bounded in size and depth,
so hostile input cannot make a map that will not save or that takes unbounded memory.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

MAX_BYTES = 64 * 1024  # the compact JSON of one data object
MAX_DEPTH = 32  # nested objects and arrays
_INT_LIMIT = 2**63  # JSON readers agree on 64-bit integers, not beyond


class Data(Mapping[str, Any]):
    """An immutable JSON object; nested objects are :class:`Data`, arrays are tuples.

    >>> d = Data({"argdown": {"inference": {"title": "MP"}}, "tags": ["a"]})
    >>> d["argdown"]["inference"]["title"], d["tags"]
    ('MP', ('a',))
    >>> d.to_json() == {"argdown": {"inference": {"title": "MP"}}, "tags": ["a"]}
    True
    >>> Data({"a": 1}) == Data({"a": 1.0}), Data({"a": True}) == Data({"a": 1})
    (False, False)
    """

    __slots__ = ("_items", "_key")

    def __init__(self, value: Mapping[str, Any] | None = None) -> None:
        raw = dict(value or {})
        # Canonical bytes: equality and hashing by exact JSON value (1 ≠ 1.0 ≠ true). The
        # size is checked on them before anything is copied, so a huge object costs one
        # serialisation in C and is refused.
        try:
            key = orjson.dumps(raw, option=orjson.OPT_SORT_KEYS, default=_plain)
        except orjson.JSONEncodeError as e:
            raise ValueError(f"data is not JSON: {e}") from None
        if len(key) > MAX_BYTES:
            raise ValueError(f"data too large ({len(key)} bytes; at most {MAX_BYTES})")
        self._items: dict[str, Any] = _freeze(raw, 0)
        self._key: bytes | None = key

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def key(self) -> bytes:
        """The canonical JSON bytes (sorted keys) that equality and hashing use."""
        if self._key is None:  # a nested object: computed when first compared
            self._key = orjson.dumps(_thaw(self._items), option=orjson.OPT_SORT_KEYS)
        return self._key

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Data):
            return self.key() == other.key()
        if isinstance(other, Mapping):  # a plain dict: compared as the JSON it would be
            try:
                return self.key() == Data(other).key()
            except ValueError:
                return False
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f"Data({self.to_json()!r})"

    def to_json(self) -> dict[str, Any]:
        """Plain, JSON-ready dicts and lists (a new copy)."""
        out: dict[str, Any] = _thaw(self._items)
        return out

    def merged(self, key: str, value: Any) -> Data:
        """A copy with ``key`` set to ``value`` (removed when ``value`` is ``None``)."""
        out = self.to_json()
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value.to_json() if isinstance(value, Data) else value
        return Data(out)


def _freeze(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError(f"data nested too deep (more than {MAX_DEPTH} levels)")
    if isinstance(value, Data):
        return value
    t = type(value)
    if t is dict:
        out: dict[str, Any] = {}
        for k, v in value.items():
            if type(k) is not str:
                raise ValueError(f"data keys must be strings, found {k!r}")
            out[k] = _freeze(v, depth + 1)
        return out if depth == 0 else _from_frozen(out)
    if t in (list, tuple):
        return tuple(_freeze(v, depth + 1) for v in value)
    if t is str or t is bool or value is None:
        return value
    if t is int:
        if not -_INT_LIMIT <= value < _INT_LIMIT:
            raise ValueError("data integers must fit in 64 bits")
        return value
    if t is float:
        if not math.isfinite(value):
            raise ValueError("data numbers must be finite")
        return value
    raise ValueError(f"data values must be JSON, found {t.__name__}")


def _thaw(value: Any) -> Any:
    if isinstance(value, Data):
        return {k: _thaw(v) for k, v in value._items.items()}
    if type(value) is dict:
        return {k: _thaw(v) for k, v in value.items()}
    if type(value) is tuple:
        return [_thaw(v) for v in value]
    return value


def _from_frozen(items: dict[str, Any]) -> Data:
    """A nested object, its items already checked (the outermost object checked the size
    of the whole)."""
    d = Data.__new__(Data)
    d._items = items
    d._key = None
    return d


def _plain(value: Any) -> Any:
    if isinstance(value, Data):
        return value.to_json()
    raise TypeError(f"data values must be JSON, found {type(value).__name__}")


EMPTY = Data()
