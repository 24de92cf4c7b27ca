"""AIF JSON: round trips, an independent reader (arguebuf), and AIF written by others."""

from __future__ import annotations

import json

import pytest

from argmap.errors import ArgmapError
from argmap.formats import aif, detect
from argmap.formats.common import collecting_losses
from argmap.model import ArgumentMap
from tests.argmap.interchange_helpers import assert_same_claims, relation_keys, seed_maps

SEEDS = seed_maps()


@pytest.mark.parametrize(("name", "m"), SEEDS, ids=[n for n, _ in SEEDS])
def test_seed_round_trip_is_exact(name: str, m) -> None:
    back = aif.read(aif.write(m), name + ".json")
    assert_same_claims(m, back, anchors=True)
    assert relation_keys(back) == relation_keys(m)
    assert back == m  # ids, thesis, title and articles too (through the extension object)


@pytest.mark.parametrize(("name", "m"), SEEDS, ids=[n for n, _ in SEEDS])
def test_plain_aif_without_extension_keeps_claims_and_relations(name: str, m) -> None:
    doc = aif.to_document(m)
    del doc[aif.EXTENSION_KEY]
    back = aif.read(json.dumps(doc).encode(), name + ".json")
    assert_same_claims(m, back, anchors=False, tags=False)

    # Plain AIF has no layout: compare what it can hold.
    def shape(x: ArgumentMap) -> dict:
        return {r.id: (r.kind, r.premises, r.target) for r in x.relations()}

    assert shape(back) == shape(m)
    assert back.thesis == m.thesis  # the one conclusion that is never a premise


@pytest.mark.parametrize(("name", "m"), SEEDS, ids=[n for n, _ in SEEDS])
def test_arguebuf_reads_our_export_with_same_claims_and_relations(name: str, m) -> None:
    arguebuf = pytest.importorskip("arguebuf", reason="arguebuf (test extra) is not installed")
    g = arguebuf.load.aif(json.loads(aif.write(m)))
    assert {k: v.plain_text for k, v in g.atom_nodes.items()} == {c.id: c.text for c in m.claims()}
    assert set(g.scheme_nodes) == {r.id for r in m.relations()}
    for r in m.relations():
        node = g.scheme_nodes[r.id]
        expected = arguebuf.Support if r.kind.value == "support" else arguebuf.Attack
        assert isinstance(node.scheme, expected), r.id
        incoming = {n.id for n in g.incoming_nodes(node)}
        undercuts = {u.id for u in m.relations_into(r.id)}  # CA nodes aimed at this scheme
        assert incoming == set(r.premises) | undercuts
        assert [n.id for n in g.outgoing_nodes(node)] == [r.target]


OVA = {
    "AIF": {
        "nodes": [
            {"nodeID": 1, "text": "We should tax sugar", "type": "I"},
            {"nodeID": 2, "text": "Sugar harms health", "type": "I"},
            {"nodeID": 3, "text": "Taxes change habits", "type": "I"},
            {"nodeID": 4, "text": "Default Inference", "type": "RA"},
            {"nodeID": 5, "text": "Taxes hit the poor", "type": "I"},
            {"nodeID": 6, "text": "Default Conflict", "type": "CA"},
            {"nodeID": 7, "text": "Poor people gain most", "type": "I"},
            {"nodeID": 8, "text": "Default Conflict", "type": "CA"},
            {"nodeID": 9, "text": "Bob: sugar harms health", "type": "L"},
            {"nodeID": 10, "text": "Asserting", "type": "YA"},
            {"nodeID": 11, "text": "Default Transition", "type": "TA"},
            {"nodeID": 12, "text": "Default Rephrase", "type": "MA"},
        ],
        "edges": [
            {"edgeID": 1, "fromID": 2, "toID": 4},
            {"edgeID": 2, "fromID": 3, "toID": 4},
            {"edgeID": 3, "fromID": 4, "toID": 1},
            {"edgeID": 4, "fromID": 5, "toID": 6},
            {"edgeID": 5, "fromID": 6, "toID": 1},
            {"edgeID": 6, "fromID": 7, "toID": 8},
            {"edgeID": 7, "fromID": 8, "toID": 4},
            {"edgeID": 8, "fromID": 9, "toID": 10},
            {"edgeID": 9, "fromID": 10, "toID": 2},
        ],
        "locutions": [],
    },
    "text": "Bob: sugar harms health. ...",
}


def test_ova_file_maps_one_to_one_and_reports_dialogue() -> None:
    data = json.dumps(OVA).encode()
    assert detect("x.json", data).name == "aif"
    with collecting_losses() as lost:
        m = aif.read(data, "ova.json")
    rel = {r.id: (r.kind.value, r.premises, r.target) for r in m.relations()}
    assert rel == {
        "4": ("support", ("2", "3"), "1"),  # linked
        "6": ("attack", ("5",), "1"),
        "8": ("undercut", ("7",), "4"),  # CA on an RA
    }
    assert m.thesis == "1"
    assert "Bob: sugar harms health" in m.claim("2").notes  # the locution, kept as a note
    assert any("TA" in x for x in lost) and any("MA" in x for x in lost)
    assert [a.text for a in m.articles()] == ["Bob: sugar harms health. ..."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"nodes": [', "line 1:"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"nodes": [{"text": "x"}], "edges": []}', "nodeID"),
        (
            b'{"nodes": [{"nodeID": "a", "type": "I"}, {"nodeID": "a", "type": "I"}], "edges": []}',
            "twice",
        ),
        (b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}", "nested"),
        (b'{"nodes": [], "edges": [], "x": "\xff"}', "invalid UTF-8"),
    ],
)
def test_bad_aif_is_one_line_error(data: bytes, message: str) -> None:
    with pytest.raises(ArgmapError) as info:
        aif.read(data, "bad.json")
    assert message in info.value.line()
    assert "\n" not in info.value.line()


def view_state_map() -> ArgumentMap:
    """A small map using every field, with text that XML and JSON must escape."""
    m = ArgumentMap("Title & <more>", "Line one\r\nline two")
    m.add_claim('A\r\nb & <c> "q"', id="a", position=(1.5, 2.25), pinned=True, tags=["x y"])
    m.add_claim("B", id="b", notes="note\n2")
    m.add_claim("C", id="c")
    r = m.connect(["b", "c"], "a", "attack")
    m.connect(["c"], r.id, "undercut")
    m.update_claim("b", rehearsal="good")
    m.update_claim("a", assumption="rejected")
    m.update_claim("b", collapsed=True)
    m.update_relation(r.id, route=[(1, 2), (3.333, 4)])
    m.update_map(thesis="a")
    return m


def test_every_field_round_trips() -> None:
    m = view_state_map()
    with collecting_losses() as lost:
        back = aif.read(aif.write(m), "x.json")
    assert back == m
    assert lost == []


def test_fidelity_fields_round_trip_and_plain_aif_keeps_the_kinds() -> None:
    """Qualify and supersede (CA nodes annotated with their kind), attribution, provenance,
    article dates and language and the vocabulary come back exactly."""
    from argmap.formats import native
    from tests.argmap.test_format_versions import DATA

    m = native.load(DATA / "argmap-v2.argmap")
    with collecting_losses() as lost:
        back = aif.read(aif.write(m), "x.json")
    assert back == m and lost == []
    doc = aif.to_document(m)
    node = next(n for n in doc["nodes"] if n["nodeID"] == "s4")
    assert (node["type"], node["text"], node["argmap_kind"]) == ("CA", "Concession", "qualify")
    del doc[aif.EXTENSION_KEY]
    plain = aif.read(json.dumps(doc).encode(), "x.json")
    assert plain.relation("s4").kind.value == "qualify"
    assert plain.relation("s5").kind.value == "supersede"
