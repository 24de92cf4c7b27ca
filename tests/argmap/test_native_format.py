"""The .argmap format: canonical bytes, every problem named with its place, atomic saves."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, MapFileError
from argmap.formats import load_map, native
from argmap.model import ArgumentMap, Article
from tests.conftest import SEED_MAPS


def doc(**changes: object) -> dict:
    base: dict = {
        "format": "argmap",
        "version": 1,
        "title": "T",
        "thesis": "t",
        "articles": [{"id": "a", "title": "A", "text": "Hello world"}],
        "claims": [
            {
                "id": "t",
                "text": "Thesis",
                "tags": [],
                "anchors": [{"article": "a", "start": 6, "end": 11, "quote": "world"}],
            },
            {"id": "r", "text": "Reason", "tags": ["x"], "anchors": []},
        ],
        "relations": [{"id": "s", "kind": "support", "premises": ["r"], "target": "t"}],
    }
    base.update(changes)
    return base


def load_doc(d: dict) -> ArgumentMap:
    return native.loads(json.dumps(d), file="m.argmap")


def problems_of(d: dict) -> list[str]:
    with pytest.raises(MapFileError) as info:
        load_doc(d)
    return [str(p) for p in info.value.problems]


def test_reads_a_valid_document() -> None:
    m = load_doc(doc())
    assert m.thesis == "t" and m.claim("t").anchors[0].quote == "world"
    assert m.relation("s").premises == ("r",)


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_seed_maps_are_canonical(path: Path) -> None:
    """save -> load -> save gives identical bytes, and the committed file is canonical."""
    data = path.read_bytes()
    m = native.loads(data, file=str(path))
    assert native.dump_bytes(m) == data
    assert native.dump_bytes(native.loads(native.dump_bytes(m))) == data


def test_canonical_form_is_sorted_indented_and_ends_with_newline() -> None:
    m = load_doc(doc())
    text = native.dumps(m)
    assert text.endswith("}\n") and text.startswith('{\n  "format": "argmap",\n  "version": 3,')
    built = ArgumentMap(title="T")
    built.add_article(Article("a", "Hello world", "A"))
    built.add_claim("Reason", id="r", tags=["x"])  # added in another order
    built.add_claim("Thesis", id="t", anchors=[built.article("a").anchor(6, 11)])
    built.connect(["r"], "t", id="s")
    built.update_map(thesis="t")
    assert native.dumps(built) == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "m.argmap: the file is empty"),
        (b'{"format": "argmap", "version": 1, "claims": [', "m.argmap: line 1:"),
        (b'{"format": "argmap",\n "version": 1,\n "title": "\xff"}', "m.argmap: line 3:"),
        (b"[]", "m.argmap: $: expected a JSON object"),
        (b'{"version": 1}', "m.argmap: $.format: not an argmap file"),
        (b'{"format": "argmap", "version": 4}', "m.argmap: $.version: written by a newer argmap"),
        (b'{"format": "argmap", "version": "1"}', "m.argmap: $.version: invalid version"),
        (b"[" * 100_000, "m.argmap: line 1:"),
    ],
)
def test_unreadable_files_fail_with_one_line_naming_the_place(data: bytes, expected: str) -> None:
    with pytest.raises(ArgmapError) as info:
        native.loads(data, file="m.argmap")
    line = info.value.line()
    assert line.startswith(expected) and "\n" not in line


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"claims": [{"id": "t", "text": 5}]},
            "$.claims[0].text: expected a string, found a number",
        ),
        ({"claims": [{"text": "x"}]}, '$.claims[0]: missing field "id"'),
        (
            {"claims": [{"id": "t", "text": "a"}, {"id": "t", "text": "b"}]},
            "$.claims[1].id: duplicate id 't' (also at $.claims[0])",
        ),
        (
            {"relations": [{"id": "t", "kind": "support", "premises": ["r"], "target": "t"}]},
            "$.relations[0].id: duplicate id 't'",
        ),
        (
            {"relations": [{"id": "s", "kind": "supports", "premises": ["r"], "target": "t"}]},
            "$.relations[0].kind: unknown value 'supports'",
        ),
        (
            {"relations": [{"id": "s", "kind": "support", "premises": ["zz"], "target": "t"}]},
            "$.relations[0].premises[0]: relation 's' has unknown premise 'zz'",
        ),
        (
            {"relations": [{"id": "s", "kind": "attack", "premises": ["r"], "target": "r"}]},
            "$.relations[0]: relation 's': claim 'r' attacks itself",
        ),
        (
            {"relations": [{"id": "s", "kind": "undercut", "premises": ["r"], "target": "t"}]},
            "$.relations[0].target: undercut 's' targets 't', which is not a relation",
        ),
        ({"thesis": "nobody"}, "$.thesis: thesis 'nobody' is not a claim"),
        ({"colour": "red"}, '$.colour: unknown field "colour"'),
        (
            {"claims": [{"id": "t", "text": "x", "position": [1, "a"]}]},
            "$.claims[0].position: expected a point [x, y] of two finite numbers",
        ),
        (
            {"claims": [{"id": "t", "text": "x", "pinned": 1}]},
            "$.claims[0].pinned: expected true/false, found a number",
        ),
    ],
)
def test_content_problems_name_the_json_path(change: dict, expected: str) -> None:
    found = problems_of(doc(**change))
    assert any(p.startswith(expected) for p in found), found


def test_anchor_problems() -> None:
    claims = [
        {
            "id": "t",
            "text": "T",
            "anchors": [{"article": "a", "start": 0, "end": 5, "quote": "Howdy"}],
        },
        {
            "id": "r",
            "text": "R",
            "anchors": [{"article": "b", "start": 0, "end": 5, "quote": "Hello"}],
        },
        {
            "id": "q",
            "text": "Q",
            "anchors": [{"article": "a", "start": 3, "end": 99, "quote": "x"}],
        },
    ]
    found = problems_of(doc(claims=claims, relations=[]))
    assert found == [
        "$.claims[0].anchors[0].quote: claim 't': quote does not match article 'a' at 0:5",
        "$.claims[1].anchors[0].article: claim 'r' is anchored to unknown article 'b'",
        "$.claims[2].anchors[0]: claim 'q': span 3:99 is outside article 'a' (length 11)",
    ]


def test_every_problem_is_reported_not_just_the_first() -> None:
    d = doc(
        thesis="zz",
        relations=[
            {"id": "s", "kind": "support", "premises": ["r"], "target": "t"},
            {"id": "s2", "kind": "support", "premises": ["t"], "target": "r"},
            {"id": "s3", "kind": "attack", "premises": ["nope"], "target": "t"},
        ],
    )
    found = problems_of(d)
    assert any("thesis 'zz'" in p for p in found)
    assert any("support each other in a cycle" in p for p in found)
    assert any("unknown premise 'nope'" in p for p in found)
    with pytest.raises(MapFileError) as info:
        load_doc(d)
    assert "(and 2 more problems)" in info.value.line()


def test_a_problem_never_yields_a_half_loaded_map(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argmap"
    bad.write_text(json.dumps(doc(thesis="zz")))
    with pytest.raises(MapFileError):
        load_map(bad)


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="no such file"):
        load_map(tmp_path / "missing.argmap")
    with pytest.raises(ArgmapError, match="is a directory"):
        load_map(tmp_path)
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with pytest.raises(ArgmapError, match="unknown file type"):
        load_map(odd)


def test_content_sniffing_reads_an_argmap_with_another_extension(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(json.dumps(doc()))
    assert load_map(path).thesis == "t"


def test_save_is_atomic_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.argmap"
    m = load_doc(doc())
    native.save(m, path)
    original = path.read_bytes()
    m.update_claim("r", text="Changed")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ArgmapError, match="disk is full"):
        native.save(m, path)
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.argmap"]  # no temporary left


def test_save_keeps_a_backup_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "m.argmap"
    m = load_doc(doc())
    native.save(m, path)
    first = path.read_bytes()
    m.update_claim("r", text="Changed")
    native.save(m, path, backup=True)
    assert (tmp_path / "m.argmap~").read_bytes() == first
    assert native.load(path).claim("r").text == "Changed"


def test_one_reader_reports_every_format_problem_at_once() -> None:
    """The one reader is the careful one: every bad field, each with its path, in one pass."""
    found = problems_of(
        doc(
            claims=[
                {"id": "t", "text": 5, "pinned": "yes", "colour": "red"},
                {"id": "t", "text": "again", "tags": ["ok", " "]},
                {"text": "no id", "position": [1]},
            ],
            relations=[{"id": "s", "kind": "supports", "premises": [], "target": "t"}],
        )
    )
    assert found == [
        '$.claims[0].colour: unknown field "colour"',
        "$.claims[0].text: expected a string, found a number",
        "$.claims[0].pinned: expected true/false, found a string",
        "$.claims[1].id: duplicate id 't' (also at $.claims[0])",
        "$.claims[1].tags[1]: expected a non-empty string, found a string",
        '$.claims[2]: missing field "id"',
        "$.claims[2].position: expected a point [x, y] of two finite numbers",
        "$.relations[0].kind: unknown value 'supports' (expected one of 'support', 'attack', "
        "'undercut', 'qualify', 'supersede')",
    ]


# ---------------------------------------------------------------------------- free data

DATA = {
    "source": "DW",
    "n": 3,
    "share": 0.25,
    "ok": False,
    "none": None,
    "list": [1, [2, {"a": "b"}]],
}


def test_free_data_round_trips_exactly() -> None:
    m = ArgumentMap()
    a, b = m.add_claim("A", id="a"), m.add_claim("B", id="b")
    m.update_claim(a.id, data=DATA)
    rel = m.connect([b.id], a.id, "support", id="s")
    m.update_relation(rel.id, data={"argdown": {"inference": {"title": "MP", "data": DATA}}})
    text = native.dumps(m)
    again = native.loads(text)
    assert again == m and native.dumps(again) == text
    assert again.claim("a").data.to_json() == DATA  # types kept: 3 stays 3, 0.25, false, null
    assert json.loads(text)["claims"][0]["data"] == DATA
    assert "data" not in json.loads(text)["claims"][1]  # empty: left out


def test_free_data_is_immutable_hashable_and_exact() -> None:
    m = ArgumentMap()
    m.add_claim("A", id="a")
    claim = m.update_claim("a", data=DATA)
    assert hash(claim)  # claims stay hashable values
    with pytest.raises(TypeError):
        claim.data["n"] = 4  # type: ignore[index]
    events: list = []
    m.subscribe(events.append)
    m.update_claim("a", data={**DATA, "n": 3.0})  # 3.0 is not 3 in JSON: a real change
    m.update_claim("a", data={**DATA, "n": 3.0})  # the same again: no event
    assert [e.field for e in events] == ["data"] and m.claim("a").data["n"] == 3.0
    with pytest.raises(TypeError):
        m.update_claim("a", data=["not", "an", "object"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "expected an object, found an array"),
        ({"x": "word " * 20000}, "data too large"),
        (json.loads('{"a":' * 40 + "1" + "}" * 40), "nested too deep"),
    ],
)
def test_bad_free_data_is_refused_with_its_place(data: object, message: str) -> None:
    d = doc(version=3)
    d["relations"][0]["data"] = data
    with pytest.raises(MapFileError) as info:
        load_doc(d)
    assert message in str(info.value) and "$.relations[0].data" in str(info.value)


@pytest.mark.parametrize("fmt", ["aif", "graphml"])
def test_free_data_round_trips_through_aif_and_graphml(fmt: str) -> None:
    from argmap.formats import aif, graphml
    from tests.argmap.test_format_versions import DATA as SAMPLES

    module = {"aif": aif, "graphml": graphml}[fmt]
    m = load_map(SAMPLES / "argmap-v3.argmap")
    m.update_claim("o", data={"unicode": "Zürich «quote» </data>&amp;", "nested": [[{"x": -1.5}]]})
    back = module.read(module.write(m), f"x.{fmt}")
    assert back == m
    assert back.relation("s1").data == m.relation("s1").data and back.claim("o").data["nested"]
