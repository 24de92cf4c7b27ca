"""The ``.argmap`` file: versioned, self-contained, deterministic JSON.

Reading goes in stages, as in Gaphor's and Orange's storage: bytes → UTF-8 → JSON (syntax
errors give ``line L:C``) → format and version (old versions are upgraded by small functions,
unknown ones refused) → every field checked with its JSON path → values → map → semantic
validation. Any problem stops the load with a :class:`MapFileError` listing all of them, so
nobody ever receives a half-loaded map. ``docs/FORMAT.md`` describes every field and
``docs/argmap.schema.json`` is the JSON Schema.

Writing sorts everything by id (naturally: ``c2`` before ``c10``), indents by two spaces and
ends with a newline, so the same map always gives the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import orjson

from argmap.errors import ArgmapError, MapFileError, Problem
from argmap.fileio import atomic_write, decode_utf8, read_bytes
from argmap.model.argument_map import _ID_RE, ArgumentMap, check_id, natural_key
from argmap.model.elements import (
    Anchor,
    Article,
    Assumption,
    Attribution,
    AttributionKind,
    Claim,
    DateRange,
    Provenance,
    Rehearsal,
    Relation,
    RelationKind,
    VocabularyEntry,
)
from argmap.model.validation import validate_map

FORMAT_NAME = "argmap"
VERSION = 2
EXTENSION = ".argmap"


def _upgrade_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional fields (qualify and supersede relations, attribution,
    provenance, article date range and language, the tag vocabulary)."""
    doc["version"] = 2
    return doc


# Upgrades from an old version to the next one, applied in turn on plain data; each past
# version has a sample file in tests/data/formats.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_1_to_2}


# ---------------------------------------------------------------------------- reading


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Read an ``.argmap`` file; raises :class:`ArgmapError` / :class:`MapFileError`."""
    name = os.fspath(path)
    return loads(read_bytes(name), file=name)


def loads(data: bytes | str, *, file: str | None = None) -> ArgumentMap:
    """Parse an ``.argmap`` document.

    >>> m = loads('{"format": "argmap", "version": 1, "claims": [{"id": "a", "text": "A"}]}')
    >>> m.claim("a").text
    'A'
    """
    doc = parse_json(data, file=file)
    del data  # the bytes of a large file need not outlive parsing
    m, problems = from_document(doc, file=file, consume=True)
    errors = [p for p in problems if p.severity == "error"]
    if errors or m is None:
        raise MapFileError(file, errors)
    return m


def parse(
    data: bytes | str, *, file: str | None = None
) -> tuple[ArgumentMap | None, list[Problem]]:
    """Parse and check; returns the map (``None`` if it could not be built) and every problem,
    warnings included. Syntax errors raise :class:`ArgmapError` at once."""
    doc = parse_json(data, file=file)
    return from_document(doc, file=file)


def parse_json(data: bytes | str, *, file: str | None = None) -> Any:
    # orjson reads the bytes directly (no decoded copy of a large file in memory); only on
    # failure do we decode, so invalid UTF-8 gets its own message with line and column.
    if isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise ArgmapError("the file is empty", file=file)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as e:
        if isinstance(data, bytes):
            decode_utf8(data, file)  # raises with the place of the first bad byte
        raise ArgmapError(
            f"invalid JSON: {e.msg}", file=file, place=f"line {e.lineno}:{e.colno}"
        ) from None


def from_document(
    doc: Any, *, file: str | None = None, consume: bool = False
) -> tuple[ArgumentMap | None, list[Problem]]:
    """Check a decoded JSON document and build the map from it.

    With ``consume`` the document is emptied once its values are built, so a large file's
    plain data and its model values are not both held in memory while the map is checked.
    """
    upgraded = _upgrade(doc, file)
    values = _fast_values(upgraded)
    if values is None:
        # Something is off: the careful reader finds every problem with its place.
        reader = _Reader()
        values = reader.read(upgraded)
        if reader.problems:
            return None, reader.problems
        assert values is not None
    if consume:
        upgraded.clear()
        if isinstance(doc, dict):
            doc.clear()
    del upgraded, doc
    m = ArgumentMap.from_values(**values)
    del values
    return m, validate_map(m)


def _upgrade(doc: Any, file: str | None) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise ArgmapError(
            f"expected a JSON object at the top, found {_kind(doc)}", file=file, place="$"
        )
    if doc.get("format") != FORMAT_NAME:
        found = doc.get("format")
        what = f"format {found!r}" if found is not None else 'no "format" field'
        raise ArgmapError(
            f'not an argmap file ({what}; expected "format": "argmap")', file=file, place="$.format"
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArgmapError(f"invalid version {version!r}", file=file, place="$.version")
    if version > VERSION:
        raise ArgmapError(
            f"written by a newer argmap (format version {version}; "
            f"this argmap reads up to {VERSION})",
            file=file,
            place="$.version",
        )
    while version < VERSION:
        doc = UPGRADES[version](doc)
        version = doc["version"]
    return doc


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


class _Reader:
    """Turns checked plain data into model values, collecting problems with JSON paths."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, place: str, message: str, id: str | None = None) -> None:
        self.problems.append(Problem("format", message, place, id))

    # -- typed field access; each returns a default after recording a problem

    def field(
        self,
        obj: dict[str, Any],
        key: str,
        place: str,
        types: tuple[type, ...],
        default: Any,
        *,
        required: bool = False,
        nullable: bool = False,
    ) -> Any:
        if key not in obj:
            if required:
                self.fail(place, f'missing field "{key}"')
            return default
        value = obj[key]
        if value is None and nullable:
            return None
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join(_TYPE_NAMES[t] for t in types)
            self.fail(f"{place}.{key}", f"expected {names}, found {_kind(value)}")
            return default
        return value

    def objects(self, doc: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        items = self.field(doc, key, "$", (list,), [])
        out = []
        for i, item in enumerate(items):
            place = f"$.{key}[{i}]"
            if isinstance(item, dict):
                out.append((place, item))
            else:
                self.fail(place, f"expected an object, found {_kind(item)}")
        return out

    def ident(self, obj: dict[str, Any], place: str, seen: dict[str, str]) -> str | None:
        value = self.field(obj, "id", place, (str,), None, required=True)
        if value is None:
            return None
        try:
            check_id(value)
        except ValueError as e:
            self.fail(place + ".id", str(e))
            return None
        if value in seen:
            self.fail(place + ".id", f"duplicate id {value!r} (also at {seen[value]})", value)
            return None
        seen[value] = place
        return value

    def point(self, value: Any, place: str) -> tuple[float, float] | None:
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            and all(abs(v) < 1e9 for v in value)
        ):
            return (round(float(value[0]), 2), round(float(value[1]), 2))
        self.fail(place, "expected a point [x, y] of two finite numbers")
        return None

    def strings(self, obj: dict[str, Any], key: str, place: str) -> tuple[str, ...]:
        items = self.field(obj, key, place, (list,), [])
        out = []
        for i, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                out.append(item)
            else:
                self.fail(
                    f"{place}.{key}[{i}]", f"expected a non-empty string, found {_kind(item)}"
                )
        return tuple(out)

    def enum(self, obj: dict[str, Any], key: str, place: str, enum: Any) -> Any:
        value = self.field(obj, key, place, (str,), None, nullable=True)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(repr(e.value) for e in enum)
            self.fail(f"{place}.{key}", f"unknown value {value!r} (expected one of {allowed})")
            return None

    # -- the document

    def read(self, doc: dict[str, Any]) -> dict[str, Any] | None:
        self.unknown_fields(doc, "$", _TOP_KEYS)
        title = self.field(doc, "title", "$", (str,), "")
        description = self.field(doc, "description", "$", (str,), "")
        thesis = self.field(doc, "thesis", "$", (str,), None, nullable=True)
        vocabulary = self.vocabulary(doc)
        seen_articles: dict[str, str] = {}
        articles = [
            a
            for place, obj in self.objects(doc, "articles")
            if (a := self.article(obj, place, seen_articles)) is not None
        ]
        seen_ids: dict[str, str] = {}
        claims = [
            c
            for place, obj in self.objects(doc, "claims")
            if (c := self.claim(obj, place, seen_ids)) is not None
        ]
        relations = [
            r
            for place, obj in self.objects(doc, "relations")
            if (r := self.relation(obj, place, seen_ids)) is not None
        ]
        if self.problems:
            return None
        return {
            "title": title,
            "description": description,
            "thesis": thesis,
            "articles": articles,
            "claims": claims,
            "relations": relations,
            "vocabulary": vocabulary,
        }

    def vocabulary(self, doc: dict[str, Any]) -> tuple[VocabularyEntry, ...]:
        out: list[VocabularyEntry] = []
        seen: set[str] = set()
        for place, obj in self.objects(doc, "vocabulary"):
            self.unknown_fields(obj, place, _VOCABULARY_KEYS)
            tag = self.field(obj, "tag", place, (str,), None, required=True)
            label = self.field(obj, "label", place, (str,), "")
            description = self.field(obj, "description", place, (str,), "")
            if tag is None:
                continue
            if not tag.strip() or tag in seen:
                self.fail(place + ".tag", f"empty or repeated vocabulary tag {tag!r}")
                continue
            seen.add(tag)
            out.append(VocabularyEntry(tag, label, description))
        return tuple(out)

    def date_range(self, obj: dict[str, Any], place: str) -> DateRange | None:
        raw = self.field(obj, "date_range", place, (dict,), None, nullable=True)
        if raw is None:
            return None
        place += ".date_range"
        self.unknown_fields(raw, place, _DATE_RANGE_KEYS)
        earliest = self.field(raw, "earliest", place, (str,), None, required=True)
        latest = self.field(raw, "latest", place, (str,), None, required=True)
        evidence = self.field(raw, "evidence", place, (str,), "")
        if earliest is None or latest is None:
            return None
        return DateRange(earliest, latest, evidence)

    def attribution(self, obj: dict[str, Any], place: str) -> Attribution | None:
        raw = self.field(obj, "attribution", place, (dict,), None, nullable=True)
        if raw is None:
            return None
        place += ".attribution"
        self.unknown_fields(raw, place, _ATTRIBUTION_KEYS)
        kind = self.enum(raw, "kind", place, AttributionKind)
        if "kind" not in raw:
            self.fail(place, 'missing field "kind"')
        name = self.field(raw, "name", place, (str,), "")
        role = self.field(raw, "role", place, (str,), "")
        if kind is AttributionKind.NAMED and not name.strip():
            self.fail(place + ".name", 'a "named" attribution needs a name')
            return None
        if kind is None or kind is AttributionKind.AUTHOR:
            return None
        return Attribution(kind, name, role)

    def article(self, obj: dict[str, Any], place: str, seen: dict[str, str]) -> Article | None:
        self.unknown_fields(obj, place, _ARTICLE_KEYS)
        aid = self.ident(obj, place, seen)
        text = self.field(obj, "text", place, (str,), None, required=True)
        meta = {
            k: self.field(obj, k, place, (str,), None, nullable=True)
            for k in ("outlet", "author", "date", "url")
        }
        title = self.field(obj, "title", place, (str,), "")
        date_range = self.date_range(obj, place)
        language = self.field(obj, "language", place, (str,), None, nullable=True)
        if aid is None or text is None:
            return None
        return Article(aid, text, title, **meta, date_range=date_range, language=language)

    def claim(self, obj: dict[str, Any], place: str, seen: dict[str, str]) -> Claim | None:
        self.unknown_fields(obj, place, _CLAIM_KEYS)
        cid = self.ident(obj, place, seen)
        text = self.field(obj, "text", place, (str,), None, required=True)
        tags = self.strings(obj, "tags", place)
        notes = self.field(obj, "notes", place, (str,), "")
        anchors = []
        for j, a in enumerate(self.field(obj, "anchors", place, (list,), [])):
            ap = f"{place}.anchors[{j}]"
            if not isinstance(a, dict):
                self.fail(ap, f"expected an object, found {_kind(a)}")
                continue
            self.unknown_fields(a, ap, {"article", "start", "end", "quote"})
            art = self.field(a, "article", ap, (str,), None, required=True)
            start = self.field(a, "start", ap, (int,), None, required=True)
            end = self.field(a, "end", ap, (int,), None, required=True)
            quote = self.field(a, "quote", ap, (str,), None, required=True)
            if None not in (art, start, end, quote):
                anchors.append(Anchor(art, start, end, quote))
        raw_position = obj.get("position")
        position = None if raw_position is None else self.point(raw_position, place + ".position")
        pinned = self.field(obj, "pinned", place, (bool,), False)
        collapsed = self.field(obj, "collapsed", place, (bool,), False)
        assumption = self.enum(obj, "assumption", place, Assumption)
        rehearsal = self.enum(obj, "rehearsal", place, Rehearsal)
        attribution = self.attribution(obj, place)
        provenance = self.enum(obj, "provenance", place, Provenance) or Provenance.ARTICLE
        if cid is None or text is None:
            return None
        return Claim(
            cid,
            text,
            tags,
            notes,
            tuple(anchors),
            position,
            pinned,
            collapsed,
            assumption,
            rehearsal,
            attribution,
            provenance,
        )

    def relation(self, obj: dict[str, Any], place: str, seen: dict[str, str]) -> Relation | None:
        self.unknown_fields(obj, place, {"id", "kind", "premises", "target", "route"})
        rid = self.ident(obj, place, seen)
        kind = self.enum(obj, "kind", place, RelationKind)
        if "kind" not in obj:
            self.fail(place, 'missing field "kind"')
        premises = self.strings(obj, "premises", place)
        if "premises" not in obj:
            self.fail(place, 'missing field "premises"')
        target = self.field(obj, "target", place, (str,), None, required=True)
        route = tuple(
            p
            for k, raw in enumerate(self.field(obj, "route", place, (list,), []))
            if (p := self.point(raw, f"{place}.route[{k}]")) is not None
        )
        if rid is None or kind is None or target is None:
            return None
        return Relation(rid, kind, premises, target, route)

    def unknown_fields(
        self, obj: dict[str, Any], place: str, known: set[str] | frozenset[str]
    ) -> None:
        for key in obj:
            if key not in known:
                self.fail(f"{place}.{key}", f'unknown field "{key}"')


def _quoted(key: str) -> str:
    return orjson.dumps(key).decode("utf-8")


def _path(place: str, key: str) -> str:
    """``$.claims`` for plain keys, ``$["odd key"]`` for anything else."""
    return f"{place}.{key}" if key.isidentifier() else f"{place}[{_quoted(key)}]"


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    list: "an array",
    dict: "an object",
}
_CLAIM_KEYS = frozenset(
    {
        "id",
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


# ---------------------------------------------------------------------------- writing


def to_document(m: ArgumentMap) -> dict[str, Any]:
    """The map as plain JSON-ready data, in the file's canonical order."""
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "title": m.title,
        "description": m.description,
        "thesis": m.thesis,
        **({"vocabulary": [vocabulary_data(e) for e in m.vocabulary]} if m.vocabulary else {}),
        "articles": [
            article_data(a) for a in sorted(m.articles(), key=lambda a: natural_key(a.id))
        ],
        "claims": [_claim_data(c) for c in sorted(m.claims(), key=lambda c: natural_key(c.id))],
        "relations": [
            _relation_data(r) for r in sorted(m.relations(), key=lambda r: natural_key(r.id))
        ],
    }


def dump_bytes(m: ArgumentMap) -> bytes:
    """The canonical UTF-8 bytes of the map: the same map always gives the same bytes."""
    return orjson.dumps(to_document(m), option=orjson.OPT_INDENT_2) + b"\n"


def dumps(m: ArgumentMap) -> str:
    """The canonical text of the map (2-space indent, final newline)."""
    return dump_bytes(m).decode("utf-8")


def save(m: ArgumentMap, path: str | os.PathLike[str], *, backup: bool = False) -> None:
    """Write the map atomically (a crash leaves the old file or the new one, never half)."""
    atomic_write(path, dump_bytes(m), backup=backup)


def vocabulary_data(e: VocabularyEntry) -> dict[str, Any]:
    return {"tag": e.tag, "label": e.label, "description": e.description}


def attribution_data(a: Attribution) -> dict[str, Any]:
    return {"kind": a.kind.value, "name": a.name, "role": a.role}


def article_data(a: Article) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "author": a.author,
        "date": a.date,
    }
    if a.date_range is not None:
        r = a.date_range
        d["date_range"] = {"earliest": r.earliest, "latest": r.latest, "evidence": r.evidence}
    if a.language is not None:
        d["language"] = a.language
    d["url"] = a.url
    d["text"] = a.text
    return d


def _claim_data(c: Claim) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "text": c.text, "tags": list(c.tags)}
    if c.notes:
        d["notes"] = c.notes
    d["anchors"] = [
        {"article": a.article, "start": a.start, "end": a.end, "quote": a.quote} for a in c.anchors
    ]
    if c.position is not None:
        d["position"] = list(c.position)
    if c.pinned:
        d["pinned"] = True
    if c.collapsed:
        d["collapsed"] = True
    if c.assumption is not None:
        d["assumption"] = c.assumption.value
    if c.rehearsal is not None:
        d["rehearsal"] = c.rehearsal.value
    if c.attribution is not None:
        d["attribution"] = attribution_data(c.attribution)
    if c.provenance is not Provenance.ARTICLE:
        d["provenance"] = c.provenance.value
    return d


def _relation_data(r: Relation) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": r.id,
        "kind": r.kind.value,
        "premises": list(r.premises),
        "target": r.target,
    }
    if r.route:
        d["route"] = [list(p) for p in r.route]
    return d


# ---------------------------------------------------------------------------- fast path

_TOP_KEYS = frozenset(
    {
        "format",
        "version",
        "title",
        "description",
        "thesis",
        "vocabulary",
        "articles",
        "claims",
        "relations",
    }
)
_ARTICLE_KEYS = frozenset(
    {"id", "title", "outlet", "author", "date", "date_range", "language", "url", "text"}
)
_DATE_RANGE_KEYS = frozenset({"earliest", "latest", "evidence"})
_ATTRIBUTION_KEYS = frozenset({"kind", "name", "role"})
_VOCABULARY_KEYS = frozenset({"tag", "label", "description"})
_PROVENANCES = {p.value: p for p in Provenance}
_ANCHOR_KEYS = frozenset({"article", "start", "end", "quote"})
_RELATION_KEYS = frozenset({"id", "kind", "premises", "target", "route"})
_ASSUMPTIONS = {a.value: a for a in Assumption}
_REHEARSALS = {r.value: r for r in Rehearsal}
_KINDS = {k.value: k for k in RelationKind}
_NULLABLE_META = ("outlet", "author", "date", "url", "language")


class _Reject(Exception):
    """The fast path met something it does not accept; the careful reader takes over."""


def _fast_values(doc: dict[str, Any]) -> dict[str, Any] | None:
    """Values for a well-formed document, or ``None`` at the first surprise.

    Accepts exactly what :class:`_Reader` accepts, with checks cheap enough for 100,000
    claims; it has no messages, so any doubt goes to the careful reader.
    """
    try:
        return _fast(doc)
    except (_Reject, KeyError, TypeError, ValueError):
        return None


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Reject
    return value


def _opt_str(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _Reject
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Reject
    return value


def _tag(value: Any) -> str:
    if type(value) is not str or not value.strip():
        raise _Reject
    return value


def _ident(value: Any, seen: set[str]) -> str:
    if type(value) is not str or value in seen or not _ID_RE.match(value):
        raise _Reject
    seen.add(value)
    return value


def _fast_point(value: Any) -> tuple[float, float]:
    if type(value) is not list or len(value) != 2:
        raise _Reject
    x, y = value
    if type(x) not in (int, float) or type(y) not in (int, float):
        raise _Reject
    if not (abs(x) < 1e9 and abs(y) < 1e9):
        raise _Reject
    return (round(float(x), 2), round(float(y), 2))


def _fast(doc: dict[str, Any]) -> dict[str, Any]:
    if not doc.keys() <= _TOP_KEYS:
        raise _Reject
    title = _str(doc.get("title", ""))
    description = _str(doc.get("description", ""))
    thesis = _opt_str(doc.get("thesis"))
    articles = []
    seen_articles: set[str] = set()
    for a in _list(doc.get("articles", [])):
        if type(a) is not dict or not a.keys() <= _ARTICLE_KEYS:
            raise _Reject
        meta = {k: _opt_str(a.get(k)) for k in _NULLABLE_META}
        aid = _ident(a["id"], seen_articles)
        dr = a.get("date_range")
        date_range = None
        if dr is not None:
            if type(dr) is not dict or not dr.keys() <= _DATE_RANGE_KEYS:
                raise _Reject
            date_range = DateRange(
                _str(dr["earliest"]), _str(dr["latest"]), _str(dr.get("evidence", ""))
            )
        articles.append(
            Article(aid, _str(a["text"]), _str(a.get("title", "")), **meta, date_range=date_range)
        )
    seen: set[str] = set()
    claims = []
    for c in _list(doc.get("claims", [])):
        if type(c) is not dict or not c.keys() <= _CLAIM_KEYS:
            raise _Reject
        cid = _ident(c["id"], seen)
        tags = tuple(_tag(t) for t in _list(c.get("tags", [])))
        anchors = []
        for a in _list(c.get("anchors", [])):
            if type(a) is not dict or a.keys() != _ANCHOR_KEYS:
                raise _Reject
            start, end = a["start"], a["end"]
            if type(start) is not int or type(end) is not int:
                raise _Reject
            anchors.append(Anchor(_str(a["article"]), start, end, _str(a["quote"])))
        position = c.get("position")
        pinned, collapsed = c.get("pinned", False), c.get("collapsed", False)
        if type(pinned) is not bool or type(collapsed) is not bool:
            raise _Reject
        assumption, rehearsal = c.get("assumption"), c.get("rehearsal")
        attribution = c.get("attribution")
        if attribution is not None:
            attribution = _fast_attribution(attribution)
        claims.append(
            Claim(
                cid,
                _str(c["text"]),
                tags,
                _str(c.get("notes", "")),
                tuple(anchors),
                None if position is None else _fast_point(position),
                pinned,
                collapsed,
                None if assumption is None else _ASSUMPTIONS[assumption],
                None if rehearsal is None else _REHEARSALS[rehearsal],
                attribution,
                _PROVENANCES[c.get("provenance", "article")],
            )
        )
    relations = []
    for r in _list(doc.get("relations", [])):
        if type(r) is not dict or not r.keys() <= _RELATION_KEYS:
            raise _Reject
        rid = _ident(r["id"], seen)
        premises = tuple(_tag(p) for p in _list(r["premises"]))
        route = tuple(_fast_point(p) for p in _list(r.get("route", [])))
        relations.append(Relation(rid, _KINDS[r["kind"]], premises, _str(r["target"]), route))
    vocabulary = []
    vocabulary_tags: set[str] = set()
    for e in _list(doc.get("vocabulary", [])):
        if type(e) is not dict or not e.keys() <= _VOCABULARY_KEYS:
            raise _Reject
        tag = _tag(e["tag"])
        if tag in vocabulary_tags:
            raise _Reject
        vocabulary_tags.add(tag)
        vocabulary.append(
            VocabularyEntry(tag, _str(e.get("label", "")), _str(e.get("description", "")))
        )
    return {
        "title": title,
        "description": description,
        "thesis": thesis,
        "articles": articles,
        "claims": claims,
        "relations": relations,
        "vocabulary": tuple(vocabulary),
    }


def _fast_attribution(raw: Any) -> Attribution | None:
    if type(raw) is not dict or not raw.keys() <= _ATTRIBUTION_KEYS:
        raise _Reject
    kind = AttributionKind(raw["kind"])
    name, role = _str(raw.get("name", "")), _str(raw.get("role", ""))
    if kind is AttributionKind.NAMED and not name.strip():
        raise _Reject
    return None if kind is AttributionKind.AUTHOR else Attribution(kind, name, role)
