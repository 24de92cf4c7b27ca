"""GraphML: our own export round-trips losslessly; plain graphs import; XML is defused."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from argmap.errors import ArgmapError
from argmap.formats import graphml
from argmap.formats.common import collecting_losses
from argmap.model import ArgumentMap
from tests.argmap.interchange_helpers import assert_same_claims, relation_keys, seed_maps

SEEDS = seed_maps()


@pytest.mark.parametrize(("name", "m"), SEEDS, ids=[n for n, _ in SEEDS])
def test_seed_round_trip_is_lossless(name: str, m) -> None:
    back = graphml.read(graphml.write(m), name + ".graphml")
    assert_same_claims(m, back, anchors=True)
    assert relation_keys(back) == relation_keys(m)
    assert back == m


@pytest.mark.parametrize(("name", "m"), SEEDS[:1], ids=[n for n, _ in SEEDS[:1]])
def test_export_is_plain_graphml_with_labels_for_viewers(name: str, m) -> None:
    """What yEd and Gephi users see: claims joined by typed edges, no "support" nodes."""
    g = nx.read_graphml(io.BytesIO(graphml.write(m)))
    assert g.number_of_nodes() == m.claim_count
    assert set(g.nodes) == {c.id for c in m.claims()}
    assert all("label" in d for _, d in g.nodes(data=True))
    assert g.nodes[m.thesis]["role"] == "thesis"
    assert g.number_of_edges() == sum(len(r.premises) for r in m.relations())
    seen = {(u, v, d["kind"], d["label"]) for u, v, d in g.edges(data=True)}
    for r in m.relations():
        if r.kind.value != "undercut":
            word = {
                "support": "supports",
                "attack": "attacks",
                "qualify": "qualifies",
                "supersede": "supersedes",
            }[r.kind.value]
            assert {(p, r.target, r.kind.value, word) for p in r.premises} <= seen


def _linked_and_undercut_map() -> ArgumentMap:
    m = ArgumentMap("Linked")
    for cid in ["t", "a", "b", "u", "v", "w"]:
        m.add_claim(f"claim {cid}", id=cid)
    m.update_map(thesis="t")
    linked = m.connect(["a", "b"], "t", "support", id="r1")
    m.update_relation("r1", route=((10.0, 20.0), (11.0, 21.0), (12.0, 22.0), (13.0, 23.0)))
    cut = m.connect(["u", "w"], linked.id, "undercut", id="r2")
    m.connect(["v"], cut.id, "undercut", id="r3")
    m.connect(["w"], "a", "attack", id="r4")
    return m


def test_linked_premises_and_undercuts_are_edges_and_round_trip() -> None:
    m = _linked_and_undercut_map()
    data = graphml.write(m)
    g = nx.read_graphml(io.BytesIO(data))
    assert g.number_of_nodes() == 6
    edges = {(u, v): d for u, v, d in g.edges(data=True)}
    # Linked premises: one edge each, one relation id, their order kept.
    assert edges[("a", "t")]["relation"] == edges[("b", "t")]["relation"] == "r1"
    assert (edges[("a", "t")]["premise"], edges[("b", "t")]["premise"]) == (0, 1)
    # Undercuts end on the conclusion of the inference they attack, and name that inference.
    assert (edges[("u", "t")]["kind"], edges[("u", "t")]["undercuts"]) == ("undercut", "r1")
    assert (edges[("v", "t")]["kind"], edges[("v", "t")]["undercuts"]) == ("undercut", "r2")
    back = graphml.read(data, "x.graphml")
    assert back == m
    assert back.relation("r1").route == m.relation("r1").route


VERSION_1 = b"""<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="argmap_graphml" for="graph" attr.name="argmap_graphml" attr.type="int"/>
<key id="thesis" for="graph" attr.name="thesis" attr.type="string"/>
<key id="kind" for="node" attr.name="kind" attr.type="string"/>
<key id="label" for="node" attr.name="label" attr.type="string"/>
<key id="premises" for="node" attr.name="premises" attr.type="string"/>
<graph id="argmap" edgedefault="directed">
<data key="argmap_graphml">1</data><data key="thesis">t</data>
<node id="t"><data key="kind">claim</data><data key="label">Tea is good</data></node>
<node id="w"><data key="kind">claim</data><data key="label">It is warm</data></node>
<node id="r1"><data key="kind">relation</data><data key="label">support</data>"""
VERSION_1 += b"""<data key="premises">["w"]</data></node>
<edge source="w" target="r1"/><edge source="r1" target="t"/>
</graph></graphml>"""


def test_version_1_files_still_read() -> None:
    m = graphml.read(VERSION_1, "old.graphml")
    (r,) = m.relations()
    assert (r.id, r.kind.value, r.premises, r.target, m.thesis) == (
        "r1",
        "support",
        ("w",),
        "t",
        "t",
    )
    with pytest.raises(ArgmapError, match="version '9' is not supported"):
        graphml.read(VERSION_1.replace(b">1</data>", b">9</data>"), "new.graphml")


def test_plain_graph_from_another_tool() -> None:
    g: nx.DiGraph = nx.DiGraph()
    g.add_node("n0", label="Cities should ban cars")
    g.add_node("n1", label="Cars pollute")
    g.add_node("n2", label="Shops need deliveries")
    g.add_node("n3")
    g.add_edge("n1", "n0")
    g.add_edge("n2", "n0", kind="attack")
    g.add_edge("n3", "n2", label="con")
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    m = graphml.read(buf.getvalue(), "plain.graphml")
    assert {c.id: c.text for c in m.claims()} == {
        "n0": "Cities should ban cars",
        "n1": "Cars pollute",
        "n2": "Shops need deliveries",
        "n3": "n3",
    }
    kinds = {(r.premises, r.target): r.kind.value for r in m.relations()}
    assert kinds == {
        (("n1",), "n0"): "support",
        (("n2",), "n0"): "attack",
        (("n3",), "n2"): "attack",
    }
    assert m.thesis == "n0"


def test_undirected_graph_is_reported() -> None:
    g: nx.Graph = nx.Graph()
    g.add_edge("a", "b")
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    with collecting_losses() as lost:
        m = graphml.read(buf.getvalue(), "u.graphml")
    assert m.relation_count == 1
    assert any("undirected" in x for x in lost)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="&lol2;"/></graph></graphml>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&x;"/></graph></graphml>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BOMB, "entities are refused"),
        (EXTERNAL, "refused"),
        (b"<graphml><graph><node id='a'>", "line 1:"),
        (b"<notgraphml/>", "not GraphML"),
        (b"<graphml xmlns='http://graphml.graphdrawing.org/xmlns'/>", "without a <graph>"),
    ],
)
def test_hostile_or_bad_graphml_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ArgmapError) as info:
        graphml.read(data, "bad.graphml")
    assert message in info.value.line()
    assert "\n" not in info.value.line()


def test_every_field_round_trips() -> None:
    from tests.argmap.test_interchange_aif import view_state_map

    m = view_state_map()
    with collecting_losses() as lost:
        back = graphml.read(graphml.write(m), "x.graphml")
    assert back == m
    assert lost == []


def test_control_characters_are_replaced_and_reported() -> None:
    m = ArgumentMap()
    m.add_claim("bell \x07 here", id="a")
    with collecting_losses() as lost:
        data = graphml.write(m)
    assert graphml.read(data, "x.graphml").claim("a").text == "bell \ufffd here"
    assert any("U+FFFD" in x for x in lost)


YED = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="10.0"
      y="20.0"/><y:NodeLabel alignment="center">Tax sugar</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Sugar harms health</y:NodeLabel>
      </y:ShapeNode></data></node>
    <edge id="e0" source="n1" target="n0"><data key="d10"><y:PolyLineEdge>
      <y:EdgeLabel>attack</y:EdgeLabel></y:PolyLineEdge></data></edge>
  </graph>
</graphml>"""


def test_yed_file_labels_positions_and_edge_labels() -> None:
    """A file as yEd saves it: labels inside its node graphics, an edge label."""
    with collecting_losses() as lost:
        m = graphml.read(YED, "yed.graphml")
    assert {c.id: c.text for c in m.claims()} == {"n0": "Tax sugar", "n1": "Sugar harms health"}
    assert m.claim("n0").position == (10.0, 20.0)
    (r,) = m.relations()
    assert (r.kind.value, r.premises, r.target) == ("attack", ("n1",), "n0")
    assert lost == []
