"""docs/argmap.schema.json describes the files we write and refuses what the reader refuses."""

from __future__ import annotations

import json

import jsonschema
import pytest

from argmap.errors import ArgmapError
from argmap.formats import native
from tests.conftest import ROOT, SEED_MAPS

SCHEMA = json.loads((ROOT / "docs" / "argmap.schema.json").read_text(encoding="utf-8"))


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_seed_maps_match_the_schema(path) -> None:
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize(
    "change",
    [
        {"version": 3},
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
    doc = {"format": "argmap", "version": 2, **change}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
    with pytest.raises(ArgmapError):
        native.loads(json.dumps(doc))
