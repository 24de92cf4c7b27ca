"""The ``.argmap`` file: versioned, self-contained, deterministic JSON.

Reading goes in stages, as in Gaphor's and Orange's storage: bytes → UTF-8 → JSON (syntax
errors give ``line L:C``) → format and version (old versions are upgraded by small functions,
unknown ones refused) → every field checked with its JSON path against the model's field
declarations (:mod:`argmap.formats.fields`: one reader, no second "fast path") → values →
map → semantic validation. Any problem stops the load with a :class:`MapFileError` listing
all of them, so nobody ever receives a half-loaded map. ``docs/FORMAT.md`` describes every field and
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
from argmap.formats import fields
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Article, Attribution, Claim, VocabularyEntry
from argmap.model.map_view import MapView
from argmap.model.validation import validate_map

FORMAT_NAME = "argmap"
VERSION = 3
EXTENSION = ".argmap"


def _upgrade_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional fields (qualify and supersede relations, attribution,
    provenance, article date range and language, the tag vocabulary)."""
    doc["version"] = 2
    return doc


def _upgrade_2_to_3(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 3 only adds the optional free ``data`` object of claims and relations (a
    version 2 reader refuses unknown fields, so files that may carry it say so)."""
    doc["version"] = 3
    return doc


# Upgrades from an old version to the next one, applied in turn on plain data; each past
# version has a sample file in tests/data/formats.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_1_to_2,
    2: _upgrade_2_to_3,
}


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
    values, problems = read_values(upgraded)
    if consume:
        upgraded.clear()
        if isinstance(doc, dict):
            doc.clear()
    del upgraded, doc
    if values is None:
        return None, problems
    m = ArgumentMap.from_values(
        title=values.title,
        description=values.description,
        thesis=values.thesis,
        vocabulary=values.vocabulary,
        articles=values.articles,
        claims=values.claims,
        relations=values.relations,
    )
    del values
    return m, validate_map(m)


def read_values(doc: dict[str, Any]) -> tuple[fields.MapDocument | None, list[Problem]]:
    """The document's values, checked field by field against the model's declarations
    (:mod:`argmap.formats.fields`), or ``None`` and every problem with its JSON path."""
    sink = fields.Sink()
    body = {k: v for k, v in doc.items() if k not in ("format", "version")}
    values = fields.DOCUMENT.decode(body, "$", sink)
    if sink.problems:
        return None, sink.problems
    return values, []


def _upgrade(doc: Any, file: str | None) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise ArgmapError(
            f"expected a JSON object at the top, found {fields.kind_of(doc)}", file=file, place="$"
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


# ---------------------------------------------------------------------------- writing


def to_document(m: MapView) -> dict[str, Any]:
    """The map as plain JSON-ready data, in the file's canonical order."""
    values = fields.MapDocument(
        title=m.title,
        description=m.description,
        thesis=m.thesis,
        vocabulary=m.vocabulary,
        articles=tuple(sorted(m.articles(), key=lambda a: natural_key(a.id))),
        claims=tuple(sorted(m.claims(), key=lambda c: natural_key(c.id))),
        relations=tuple(sorted(m.relations(), key=lambda r: natural_key(r.id))),
    )
    return {"format": FORMAT_NAME, "version": VERSION, **fields.DOCUMENT.encode(values)}


def dump_bytes(m: MapView) -> bytes:
    """The canonical UTF-8 bytes of the map: the same map always gives the same bytes."""
    return orjson.dumps(to_document(m), option=orjson.OPT_INDENT_2) + b"\n"


def dumps(m: MapView) -> str:
    """The canonical text of the map (2-space indent, final newline)."""
    return dump_bytes(m).decode("utf-8")


def save(m: MapView, path: str | os.PathLike[str], *, backup: bool = False) -> None:
    """Write the map atomically (a crash leaves the old file or the new one, never half)."""
    atomic_write(path, dump_bytes(m), backup=backup)


def attribution_data(a: Attribution) -> dict[str, Any]:
    return fields.codec_of(Attribution).encode(a)


def article_data(a: Article) -> dict[str, Any]:
    return fields.ARTICLE.encode(a)


def vocabulary_data(e: VocabularyEntry) -> dict[str, Any]:
    return fields.VOCABULARY.encode(e)


def claim_data(c: Claim) -> dict[str, Any]:
    return fields.CLAIM.encode(c)
