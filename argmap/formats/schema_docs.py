"""The JSON Schema (``docs/argmap.schema.json``) and the field tables of ``docs/FORMAT.md``,
generated from the model's field declarations (:mod:`argmap.formats.fields`).

``python -m argmap.formats.schema_docs [DOCS]``, run from the repository's top, rewrites both
files (in ``DOCS``, default ``docs``); a test checks the committed ones equal what this module
generates, so they cannot drift from the code.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argmap.formats import fields, native

# Rules the field types alone do not state, in JSON Schema terms (the reader's own checks are
# in fields.py and argmap.model.validation).
_EXTRA = {
    "attribution": {
        "if": {"properties": {"kind": {"const": "named"}}},
        "then": {"required": ["name"], "properties": {"name": {"pattern": "\\S"}}},
    }
}
_TABLES = {
    "document": fields.DOCUMENT,
    "article": fields.ARTICLE,
    "claim": fields.CLAIM,
    "relation": fields.RELATION,
    "anchor": fields.codec_of(fields.Anchor),
    "attribution": fields.codec_of(fields.Attribution),
    "dateRange": fields.codec_of(fields.DateRange),
    "vocabularyEntry": fields.VOCABULARY,
}
_MARKED = re.compile(r"(<!-- fields: (\w+) -->\n)(.*?)(<!-- /fields -->)", re.S)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the current format version."""
    top = fields.DOCUMENT.schema()
    defs = {}
    for name, codec in _TABLES.items():
        if codec is not fields.DOCUMENT:
            defs[name] = {**codec.schema(), **_EXTRA.get(name, {})}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "argmap.schema.json",
        "title": f"argmap map file, format version {native.VERSION}",
        "description": "An argument map: claims, the relations between them, and the articles "
        "they are anchored to. Generated from the model by argmap.formats.schema_docs; see "
        "docs/FORMAT.md.",
        "type": "object",
        "required": ["format", "version"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": native.FORMAT_NAME},
            "version": {"const": native.VERSION},
            **top["properties"],
        },
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _type_words(schema: dict[str, Any]) -> str:
    """A field's type as the docs say it, read from its JSON Schema."""
    if "oneOf" in schema:
        inner = [s for s in schema["oneOf"] if s != {"type": "null"}]
        return _type_words(inner[0]) + " or `null`"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "enum" in schema:
        return ", ".join(f'`"{v}"`' for v in schema["enum"])
    if schema.get("type") == "array":
        if schema.get("minItems") == 2 and schema.get("maxItems") == 2:
            return "`[x, y]`"
        return "array of " + _type_words(schema["items"]).replace("string", "strings")
    if schema.get("pattern") == fields.ID_PATTERN:
        return "id"
    return str(schema.get("type", "any"))


def field_table(codec: fields.Codec) -> str:
    """The Markdown table of one class's fields."""
    rows = ["| field | type | meaning |", "|---|---|---|"]
    for rule in codec.rules:
        notes = [rule.doc]
        if rule.required:
            notes.append("required")
        elif rule.omit:
            notes.append("omitted when " + _default_words(rule.default))
        rows.append(f"| `{rule.name}` | {_type_words(rule.schema)} | {'; '.join(notes)} |")
    return "\n".join(rows) + "\n"


def _default_words(default: Any) -> str:
    if default is None:
        return "none"
    if default in ((), "") or (isinstance(default, Mapping) and not default):
        return "empty"
    if default is False:
        return "false"
    return f'`"{default}"`'


def format_doc(text: str) -> str:
    """``docs/FORMAT.md`` with each ``<!-- fields: NAME -->`` table regenerated."""

    def table(mt: re.Match[str]) -> str:
        return mt[1] + field_table(_TABLES[mt[2]]) + mt[4]

    return _MARKED.sub(table, text)


def main(argv: list[str]) -> int:
    # A developer's command, run from the repository's top (like `make seeds`): the library
    # itself never looks for the checkout.
    docs = Path(argv[0]) if argv else Path("docs")
    (docs / "argmap.schema.json").write_text(schema_text(), encoding="utf-8")
    fmt = docs / "FORMAT.md"
    fmt.write_text(format_doc(fmt.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
