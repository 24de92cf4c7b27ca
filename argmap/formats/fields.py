"""The ``.argmap`` format's fields, derived from the model's declarations.

Each dataclass of :mod:`argmap.model.elements` declares its fields once, with their types and
their :func:`argmap.model.schema.spec` metadata. From those this module builds, per class, a
:class:`Codec`: the reader (every problem found, each with its JSON path), the writer
(canonical: fields in declaration order, a long ``last`` field at the end, ``omit`` fields
left out when they equal their default), the JSON Schema (``docs/argmap.schema.json`` is
generated from it) and the docs' field table (``docs/FORMAT.md``). A new field is one edit in
``elements.py``.

Per class, the reader and the writer are generated once as straight-line code (as
``dataclasses`` generates ``__init__``): a field of a plain type costs a type test, only
values that need checking cost a call. Objects with unknown or missing fields go through
:meth:`Codec.decode_checked`, which reports each.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

from argmap.errors import Problem
from argmap.model.argument_map import _attribution
from argmap.model.data import Data
from argmap.model.elements import (
    Anchor,
    Article,
    Attribution,
    Claim,
    DateRange,
    Relation,
    VocabularyEntry,
)
from argmap.model.integrity import _ID_RE
from argmap.model.schema import KEY, spec

ID_PATTERN = r"^[^\s\u0000-\u001f\u007f][^\u0000-\u001f\u007f]{0,199}$"
POINT_LIMIT = 1e9  # coordinates are finite and below this in magnitude


class Sink:
    """Collects the problems of one read, each with its JSON path, and the values seen in
    each ``unique`` space (with where they were)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.count = 0
        self.seen: dict[str, dict[str, Any]] = {}

    def fail(self, place: str, message: str, id: str | None = None) -> None:
        self.problems.append(Problem("format", message, place, id))
        self.count += 1


FAIL: Any = object()  # a decoder's result when it recorded a problem
# Decoders that accept exactly one type unchanged: the reader skips the call for that type.
_PLAIN: dict[Any, type] = {}
_CHECKS: dict[Any, str] = {}  # decoders that check ids
_CODEC_OF: dict[Any, Any] = {}  # object decoders and their codecs
_MEMBERS: dict[Any, dict[Any, Any]] = {}  # enum decoders and their value → member maps
_ARRAYS: set[Any] = set()  # array decoders
_NONEMPTY_ARRAYS: set[Any] = set()  # array decoders of non-empty strings
_UNIQUE_IDS: dict[Any, str] = {}  # unique-id decoders and their space
MISSING: Any = object()


# A place in the document, built lazily: "$", or (parent place, key or index). It is turned
# into a JSON path only when there is a problem to report, so reading pays no string work.
Where = Any
# decode(raw, where, sink) -> value, or FAIL after recording a problem in the sink.
Decode = Callable[[Any, Where, Sink], Any]
Encode = Callable[[Any], Any]


def path(where: Where) -> str:
    """The JSON path of a place: ``(("$", "claims"), 3)`` → ``$.claims[3]``.

    >>> path(((("$", "claims"), 3), "text"))
    '$.claims[3].text'
    """
    keys: list[str | int] = []
    while isinstance(where, tuple):
        where, key = where
        keys.append(key)
    out = [where]
    for key in reversed(keys):
        out.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "".join(out)


def kind_of(value: Any) -> str:
    """What a JSON value is, for messages: ``a string``, ``an array``…"""
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


# ---------------------------------------------------------------------------- one field type


def _unique(inner: Decode, space: str, word: str) -> Decode:
    """``inner``, and the value must not appear twice in ``space`` in one file."""
    pattern = _ID_RE.match if _CHECKS.get(inner) == "id" else None

    def dec(raw: Any, where: Where, sink: Sink) -> Any:
        # The common case inline (a new, valid id); anything else through ``inner``.
        if pattern is not None and type(raw) is str and pattern(raw):
            value = raw
        else:
            value = inner(raw, where, sink)
            if value is FAIL:
                return FAIL
        seen = sink.seen.setdefault(space, {})
        first = seen.setdefault(value, where[0])  # the object that holds it
        if first is where[0]:
            return value
        sink.fail(path(where), f"duplicate {word} {value!r} (also at {path(first)})", value)
        return FAIL

    if pattern is not None:
        _UNIQUE_IDS[dec] = space
    return dec


def _scalar(tp: type, what: str, check: str | None) -> Decode:
    if check == "id":

        def dec_id(raw: Any, where: Where, sink: Sink) -> Any:
            if type(raw) is str and _ID_RE.match(raw):
                return raw
            if type(raw) is str:
                sink.fail(path(where), f"invalid id {raw!r}: use 1-200 printable characters")
            else:
                sink.fail(path(where), f"expected {what}, found {kind_of(raw)}")
            return FAIL

        _CHECKS[dec_id] = "id"
        return dec_id
    if check == "nonempty":

        def dec_nonempty(raw: Any, where: Where, sink: Sink) -> Any:
            if type(raw) is str and raw.strip():
                return raw
            sink.fail(path(where), f"expected a non-empty string, found {kind_of(raw)}")
            return FAIL

        return dec_nonempty

    def dec(raw: Any, where: Where, sink: Sink) -> Any:
        if type(raw) is tp:
            return raw
        sink.fail(path(where), f"expected {what}, found {kind_of(raw)}")
        return FAIL

    _PLAIN[dec] = tp
    return dec


def _enum(tp: type[enum.Enum]) -> Decode:
    members: dict[Any, enum.Enum] = {m.value: m for m in tp}
    allowed = ", ".join(repr(v) for v in members)

    def dec(raw: Any, where: Where, sink: Sink) -> Any:
        try:
            return members[raw]
        except (KeyError, TypeError):
            pass
        if type(raw) is str:
            sink.fail(path(where), f"unknown value {raw!r} (expected one of {allowed})")
        else:
            sink.fail(path(where), f"expected a string, found {kind_of(raw)}")
        return FAIL

    _MEMBERS[dec] = members
    return dec


def _point(raw: Any, where: Where, sink: Sink) -> Any:
    if type(raw) is list and len(raw) == 2:
        x, y = raw
        if (
            type(x) in (int, float)
            and type(y) in (int, float)
            and -POINT_LIMIT < x < POINT_LIMIT
            and -POINT_LIMIT < y < POINT_LIMIT
        ):
            # Quantised to 1/100 pt, as the model does, so a reloaded map equals the saved one.
            return (round(float(x), 2), round(float(y), 2))
    sink.fail(path(where), "expected a point [x, y] of two finite numbers")
    return FAIL


def _data(raw: Any, where: Where, sink: Sink) -> Any:
    if type(raw) is not dict:
        sink.fail(path(where), f"expected an object, found {kind_of(raw)}")
        return FAIL
    try:
        return Data(raw)
    except ValueError as e:  # not JSON the model keeps, too large or too deep
        sink.fail(path(where), str(e))
        return FAIL


def _data_json(value: Data) -> dict[str, Any]:
    return value.to_json()


def _array(item: Decode, plain: type | None = None, nonempty: bool = False) -> Decode:
    """An array of items; ``plain``: items of that exact type need no check beyond it;
    ``nonempty``: strings with a non-space character need no call (the item decoder then
    only reports the others)."""
    codec = _CODEC_OF.get(item)

    def dec(raw: Any, where: Where, sink: Sink) -> Any:
        if type(raw) is not list:
            sink.fail(path(where), f"expected an array, found {kind_of(raw)}")
            return FAIL
        if not raw:
            return ()
        if plain is not None and all(type(v) is plain for v in raw):
            return tuple(raw)
        if nonempty:
            for v in raw:
                if type(v) is not str or not v.strip():
                    break
            else:
                return tuple(raw)
        if codec is not None:  # objects: straight to the class's reader
            read = codec.read
            before = sink.count
            out = tuple(
                [
                    read(v, (where, i), sink) if type(v) is dict else item(v, (where, i), sink)
                    for i, v in enumerate(raw)
                ]
            )
            return out if sink.count == before else FAIL
        before = sink.count
        out = tuple([item(v, (where, i), sink) for i, v in enumerate(raw)])
        return out if sink.count == before else FAIL

    _ARRAYS.add(dec)
    if nonempty:
        _NONEMPTY_ARRAYS.add(dec)
    return dec


def _optional(inner: Decode) -> Decode:
    def dec(raw: Any, where: Where, sink: Sink) -> Any:
        return None if raw is None else inner(raw, where, sink)

    return dec


def _field_type(tp: Any, check: str | None) -> tuple[Decode, Encode, dict[str, Any]]:
    """Decoder, encoder and JSON Schema of one declared type."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        (inner_tp,) = [a for a in args if a is not type(None)]
        dec, enc, schema = _field_type(inner_tp, check)
        return (
            _optional(dec),
            enc if enc is _same else (lambda v: None if v is None else enc(v)),
            {"oneOf": [schema, {"type": "null"}]},
        )
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        dec, enc, schema = _field_type(args[0], check)
        # Unchecked strings need no call per item (checked ones, ids and tags, do).
        plain = str if args[0] is str and check is None else None
        nonempty = args[0] is str and check == "nonempty"
        if enc is _same:  # a tuple is JSON-ready as it is (an array)
            return _array(dec, plain, nonempty), _same, {"type": "array", "items": schema}
        return _array(dec), lambda v: [enc(x) for x in v], {"type": "array", "items": schema}
    if origin is tuple and args == (float, float):
        point = {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "items": {
                "type": "number",
                "exclusiveMinimum": -POINT_LIMIT,
                "exclusiveMaximum": POINT_LIMIT,
            },
        }
        return _point, _same, point  # a tuple is JSON-ready as it is
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        # The model's enums are StrEnums: JSON-ready as they are.
        return _enum(tp), _same, {"enum": [m.value for m in tp]}
    if dataclasses.is_dataclass(tp):
        codec = codec_of(tp)  # type: ignore[arg-type]
        _CODEC_OF[codec.decode_field] = codec
        return codec.decode_field, codec.encode, {"$ref": f"#/$defs/{codec.name}"}
    if tp is Data:
        return _data, _data_json, {"type": "object"}
    if tp is str:
        text: dict[str, Any] = {"type": "string"}
        if check == "id":
            text["pattern"] = ID_PATTERN
        elif check == "nonempty":
            text["pattern"] = "\\S"
        return _scalar(str, "a string", check), _same, text
    if tp is int:
        return _scalar(int, "an integer", None), _same, {"type": "integer"}
    if tp is bool:
        return _scalar(bool, "true/false", None), _same, {"type": "boolean"}
    raise TypeError(f"no file representation for {tp!r}")


def _same(v: Any) -> Any:
    return v


# ---------------------------------------------------------------------------- one class


@dataclasses.dataclass(frozen=True)
class FieldRule:
    """One field as the file has it."""

    name: str
    doc: str
    required: bool
    default: Any
    omit: bool
    decode: Decode
    encode: Encode
    schema: dict[str, Any]


class Codec:
    """Reader, writer and schema of one model class, from its field declarations."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.name = cls.__name__[0].lower() + cls.__name__[1:]
        self.rules: list[FieldRule] = []  # in file order
        hints = typing.get_type_hints(cls)
        last: list[FieldRule] = []
        for f in dataclasses.fields(cls):
            meta = f.metadata.get(KEY, {})
            dec, enc, schema = _field_type(hints[f.name], meta.get("check"))
            if meta.get("unique"):
                dec = _unique(dec, meta["unique"], f.name)
            schema = dict(schema)
            if meta.get("minimum") is not None:
                schema["minimum"] = meta["minimum"]
            if meta.get("min_items") is not None:
                schema["minItems"] = meta["min_items"]
                schema["uniqueItems"] = True
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            rule = FieldRule(
                f.name,
                meta.get("doc", ""),
                required,
                None if required else f.default,
                bool(meta.get("omit")),
                dec,
                enc,
                schema,
            )
            (last if meta.get("last") else self.rules).append(rule)
        self.rules += last
        # For reading: each key's constructor position and decoder, the required keys, and the
        # defaults in constructor order (the value is built positionally).
        order = [f.name for f in dataclasses.fields(cls)]
        self._table = {
            r.name: (order.index(r.name), _PLAIN.get(r.decode), r.decode) for r in self.rules
        }
        self._required = frozenset(r.name for r in self.rules if r.required)
        self._required_order = [r.name for r in self.rules if r.required]
        self._defaults = tuple(next(r.default for r in self.rules if r.name == n) for n in order)
        self._finish = _FINISH.get(cls)
        self.read = _compile_reader(self, order)
        self.write = _compile_writer(self)

    # -- reading

    def decode(self, raw: dict[str, Any], where: Where, sink: Sink) -> Any:
        """The value of a JSON object at ``where``, or ``FAIL`` (problems are in ``sink``)."""
        return self.read(raw, where, sink)

    def decode_checked(self, raw: dict[str, Any], where: Where, sink: Sink) -> Any:
        """:meth:`decode` for an object with unknown or missing fields: reports each of them,
        then every problem of the fields it knows."""
        table = self._table
        before = sink.count
        for key in raw:
            if key not in table:
                sink.fail(path((where, key)), f'unknown field "{key}"')
        for name in self._required_order:
            if name not in raw:
                sink.fail(path(where), f'missing field "{name}"')
        values = list(self._defaults)
        for key, v in raw.items():
            if key in table:
                index, plain, dec = table[key]
                values[index] = v if type(v) is plain else dec(v, (where, key), sink)
        if sink.count != before:
            return FAIL
        if self._finish is not None:
            return self._finish(self.cls(*values), where, sink)
        return self.cls(*values)

    def decode_field(self, raw: Any, where: Where, sink: Sink) -> Any:
        if type(raw) is not dict:
            sink.fail(path(where), f"expected an object, found {kind_of(raw)}")
            return FAIL
        return self.read(raw, where, sink)

    # -- writing

    def encode(self, value: Any) -> dict[str, Any]:
        """The JSON-ready dict of a value (generated straight-line code, as the reader)."""
        return self.write(value)

    # -- describing

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "required": [r.name for r in self.rules if r.required],
            "additionalProperties": False,
            "properties": {r.name: r.schema for r in self.rules},
        }


def _compile_reader(codec: Codec, order: list[str]) -> Callable[[Any, Where, Sink], Any]:
    """The reader of one class as straight-line code, generated from its declarations the way
    ``dataclasses`` generates ``__init__``: one ``get`` and one type test per field, a call
    only for values that need checking. It reads 10,000 claims about a quarter faster than
    the loop of :meth:`Codec.decode_checked`, which it hands any object with an unknown or a
    missing field (to report each)."""
    ns: dict[str, Any] = {
        "MISSING": MISSING,
        "FAIL": FAIL,
        "KEYS": frozenset(codec._table),
        "REQUIRED": codec._required,
        "checked": codec.decode_checked,
        "cls": codec.cls,
        "finish": codec._finish,
    }
    lines = [
        "def read(raw, where, sink):",
        "    if not (raw.keys() <= KEYS and REQUIRED <= raw.keys()):",
        "        return checked(raw, where, sink)",
        "    before = sink.count",
        "    get = raw.get",
    ]
    args = []
    for i, name in enumerate(order):
        index, plain, dec = codec._table[name]
        ns[f"dec{i}"], ns[f"default{i}"], ns[f"plain{i}"] = dec, codec._defaults[index], plain
        key = repr(name)
        lines.append(f"    v = get({key}, MISSING)")
        lines.append(f"    if v is MISSING: f{i} = default{i}")
        if plain is not None:
            lines.append(f"    elif type(v) is plain{i}: f{i} = v")
        members = _MEMBERS.get(dec)
        if members is not None:  # an enum: its values map straight to members
            ns[f"members{i}"] = members
            lines.append(f"    elif type(v) is str and v in members{i}: f{i} = members{i}[v]")
        if dec in _ARRAYS:  # an empty array needs no call, nor one of good non-empty strings
            lines.append(f"    elif v == []: f{i} = ()")
            if dec in _NONEMPTY_ARRAYS:
                lines.append(
                    f"    elif type(v) is list and len(v) == 1 and type(v[0]) is str "
                    f"and v[0].strip(): f{i} = (v[0],)"
                )
        space = _UNIQUE_IDS.get(dec)
        if space is not None:  # a new valid id: recorded where it is, no call
            ns["match"] = _ID_RE.match
            lines.insert(3, f"    seen{i} = sink.seen.setdefault({space!r}, {{}})")
            lines.append(
                f"    elif type(v) is str and match(v) and v not in seen{i}: "
                f"seen{i}[v] = where; f{i} = v"
            )
        lines.append(f"    else: f{i} = dec{i}(v, (where, {key}), sink)")
        args.append(f"f{i}")
    lines.append("    if sink.count != before: return FAIL")
    value = f"cls({', '.join(args)})"
    lines.append(
        f"    return {value}"
        if codec._finish is None
        else f"    return finish({value}, where, sink)"
    )
    exec("\n".join(lines), ns)  # the source is built above from the declarations only
    reader: Callable[[Any, Where, Sink], Any] = ns["read"]
    return reader


def _compile_writer(codec: Codec) -> Callable[[Any], dict[str, Any]]:
    """The writer of one class as straight-line code: fields in file order, an ``omit`` field
    only when it differs from its default, a conversion only where one is needed (nested
    values); about a tenth faster than a loop over the fields."""
    ns: dict[str, Any] = {}
    lines = ["def write(value):", "    out = {}"]
    for i, rule in enumerate(codec.rules):
        key = repr(rule.name)
        ns[f"enc{i}"], ns[f"default{i}"] = rule.encode, rule.default
        converted = f"enc{i}(v)" if rule.encode is not _same else "v"
        lines.append(f"    v = value.{rule.name}")
        if rule.omit:
            lines.append(f"    if v != default{i}: out[{key}] = {converted}")
        else:
            lines.append(f"    out[{key}] = {converted}")
    lines.append("    return out")
    exec("\n".join(lines), ns)  # the source is built above from the declarations only
    writer: Callable[[Any], dict[str, Any]] = ns["write"]
    return writer


def _finish_attribution(value: Attribution, where: Where, sink: Sink) -> Any:
    """The model's own rule: the author is no attribution; a named one needs its name."""
    try:
        return _attribution(value)
    except (TypeError, ValueError) as e:
        sink.fail(path((where, "name")), str(e).replace("a named", 'a "named"'))
        return FAIL


_FINISH: dict[type, Callable[[Any, Where, Sink], Any]] = {Attribution: _finish_attribution}
_CODECS: dict[type, Codec] = {}


def codec_of(cls: type) -> Codec:
    """The (cached) codec of a model class."""
    codec = _CODECS.get(cls)
    if codec is None:
        codec = _CODECS[cls] = Codec(cls)
    return codec


@dataclasses.dataclass(frozen=True)
class MapDocument:
    """The top level of an ``.argmap`` file after ``format`` and ``version``."""

    title: str = dataclasses.field(default="", metadata=spec("the map's title"))
    description: str = dataclasses.field(default="", metadata=spec("free text about the map"))
    thesis: str | None = dataclasses.field(
        default=None, metadata=spec("the claim marked as the map's main thesis")
    )
    vocabulary: tuple[VocabularyEntry, ...] = dataclasses.field(
        default=(),
        metadata=spec("the map's controlled tags; none: any tag goes", omit=True),
    )
    articles: tuple[Article, ...] = dataclasses.field(
        default=(), metadata=spec("the source texts, embedded")
    )
    claims: tuple[Claim, ...] = dataclasses.field(default=(), metadata=spec("the statements"))
    relations: tuple[Relation, ...] = dataclasses.field(
        default=(), metadata=spec("how claims bear on each other")
    )


DOCUMENT = codec_of(MapDocument)


def read_one(cls: type, raw: Any, place: str) -> Any:
    """One value from plain data (interchange formats keep argmap's own fields this way);
    raises ``ValueError`` with the first problem."""
    sink = Sink()
    value = codec_of(cls).decode_field(raw, place, sink)
    if sink.problems:
        raise ValueError(str(sink.problems[0]))
    return value


CLAIM = codec_of(Claim)
RELATION = codec_of(Relation)
ARTICLE = codec_of(Article)
VOCABULARY = codec_of(VocabularyEntry)
NESTED = tuple(codec_of(c) for c in (Anchor, Attribution, DateRange))
