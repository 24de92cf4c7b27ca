"""docs/argmap.schema.json describes the files we write and refuses what the reader refuses."""

from __future__ import annotations

import json

import jsonschema
import pytest

from argmap.errors import ArgmapError
from argmap.formats import native
from argmap.formats.schema_docs import format_doc, schema_text
from tests.conftest import ROOT, SEED_MAPS

SCHEMA = json.loads((ROOT / "docs" / "argmap.schema.json").read_text(encoding="utf-8"))


def test_committed_schema_and_field_tables_are_generated_from_the_model() -> None:
    """docs/argmap.schema.json and FORMAT.md's field tables come from the declarations in
    argmap/model/elements.py; run ``python -m argmap.formats.schema_docs`` after a change."""
    assert (ROOT / "docs" / "argmap.schema.json").read_text(encoding="utf-8") == schema_text()
    doc = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    assert format_doc(doc) == doc
    assert doc.count("<!-- fields: ") == 8  # every declared class has its table


def test_a_new_declared_field_reaches_reader_writer_and_schema() -> None:
    """One declaration is all a field needs: a class declared like the model's gets a reader
    that checks it, a writer that omits its default and a schema that states its type."""
    from dataclasses import dataclass, field

    from argmap.formats import fields
    from argmap.model.schema import spec

    @dataclass(frozen=True)
    class Sample:
        id: str = field(metadata=spec("an id", check="id"))
        weight: int = field(default=0, metadata=spec("how much", omit=True))

    codec = fields.Codec(Sample)
    sink = fields.Sink()
    assert codec.decode({"id": "a", "weight": 3}, "$", sink) == Sample("a", 3)
    assert codec.decode({"id": "a", "weight": "x"}, "$", sink) is fields.FAIL
    assert [str(p) for p in sink.problems] == ["$.weight: expected an integer, found a string"]
    assert codec.encode(Sample("a")) == {"id": "a"} and codec.encode(Sample("a", 2))["weight"] == 2
    assert codec.schema()["properties"]["weight"] == {"type": "integer"}


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_seed_maps_match_the_schema(path) -> None:
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize(
    "change",
    [
        {"version": 4},
        {"extra": 1},
        {"claims": [{"id": "a"}]},
        {"claims": [{"id": "a", "text": "A", "pinned": "yes"}]},
        {"claims": [{"id": "a", "text": "A", "anchors": [{"article": "x", "start": 0}]}]},
        {"relations": [{"id": "r", "kind": "supports", "premises": ["a"], "target": "b"}]},
        {"relations": [{"id": "r", "kind": "support", "premises": [], "target": "b"}]},
        {"claims": [{"id": " a", "text": "A"}]},
    ],
)
def test_schema_and_reader_refuse_the_same_shapes(change: dict) -> None:
    doc = {"format": "argmap", "version": 3, **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
    with pytest.raises(ArgmapError):
        native.loads(json.dumps(doc))
