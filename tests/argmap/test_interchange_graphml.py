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
    g = nx.read_graphml(io.BytesIO(graphml.write(m)))
    assert g.number_of_nodes() == m.claim_count + m.relation_count
    assert all("label" in d for _, d in g.nodes(data=True))
    assert g.nodes[m.thesis]["role"] == "thesis"


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
