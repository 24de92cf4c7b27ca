"""DOT: what we write, Graphviz draws, and we read back; plain DOT graphs import as maps."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.formats import dot_format, native
from argmap.model import ArgumentMap

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "maps").glob("*.argmap"))


def same_content(a: ArgumentMap, b: ArgumentMap) -> None:
    assert {c.id: (c.text, c.tags, c.position, c.pinned) for c in a.claims()} == {
        c.id: (c.text, c.tags, c.position, c.pinned) for c in b.claims()
    }
    assert {r.id: (r.kind, r.premises, r.target) for r in a.relations()} == {
        r.id: (r.kind, r.premises, r.target) for r in b.relations()
    }
    assert (a.title, a.thesis) == (b.title, b.thesis)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_dot_reads_back_with_claims_relations_and_positions(path: Path) -> None:
    m = native.load(path)
    same_content(m, dot_format.loads(dot_format.dumps(m).encode(), str(path)))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
@pytest.mark.parametrize("engine", [["dot", "-Tsvg"], ["neato", "-n2", "-Tsvg"]])
def test_graphviz_draws_our_dot_without_complaint(engine: list[str]) -> None:
    if shutil.which(engine[0]) is None:
        pytest.skip(f"Graphviz's {engine[0]} is not installed")
    m = native.load(SEEDS[2])
    done = subprocess.run(
        engine, input=dot_format.dumps(m).encode(), capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    svg = done.stdout.decode()
    assert svg.count('class="node"') == m.claim_count + m.relation_count


ids = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(ids, texts), min_size=2, max_size=5, unique_by=lambda t: t[0]), texts)
def test_any_ids_and_texts_survive_dot(claims: list[tuple[str, str]], title: str) -> None:
    m = ArgumentMap(title)
    for i, (cid, text) in enumerate(claims):
        m.add_claim(text, id=cid, tags=[f"t{i}"] if i % 2 else [], position=(i * 10.5, i * 3.25))
    first = claims[0][0]
    for cid, _ in claims[1:]:
        m.connect([cid], first, "support", id="rel:" + cid)
    m.connect([claims[-1][0]], "rel:" + claims[1][0], "undercut", id='u"\\')
    m.update_map(thesis=first)
    same_content(m, dot_format.loads(dot_format.dumps(m).encode(), "x.dot"))


def test_plain_dot_graph_becomes_a_map() -> None:
    text = b"""
    digraph Debate {
      label = "Tea or coffee";
      node [shape=box];
      tea [label="Tea is\\nbetter"];
      warm -> tea;
      "too bitter" -> tea [label=con];
      subgraph cluster_x { cheap -> warm; }
      costly -> cheap [arrowhead=tee];
    }
    """
    m = dot_format.loads(text, "debate.dot")
    assert m.title == "Tea or coffee"
    assert m.claim("tea").text == "Tea is better"
    assert m.claim("too bitter").text == "too bitter"
    kinds = {(r.premises[0], r.target): r.kind.value for r in m.relations()}
    assert kinds == {
        ("warm", "tea"): "support",
        ("too bitter", "tea"): "attack",
        ("cheap", "warm"): "support",
        ("costly", "cheap"): "attack",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"digraph { a -> ", "invalid DOT"),
        (b"", "invalid DOT"),
        (b"digraph { a -> a }", "not a valid argument map"),
        (b'digraph { r [argmap_kind="bogus"]; a -> r -> b }', "unknown relation kind"),
        (b'digraph { r [argmap_kind="support"]; r -> b }', "needs premises and a target"),
    ],
)
def test_bad_dot_is_one_clear_error(text: bytes, message: str) -> None:
    with pytest.raises(ArgmapError, match=message) as info:
        dot_format.loads(text, "bad.dot")
    assert info.value.file == "bad.dot" and "\n" not in info.value.line()


def test_a_parse_that_runs_away_is_stopped_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """pydot's grammar can backtrack for ever on malformed input (fuzzing found such files);
    the reader parses in a worker process and stops it at its time budget. A real seed
    export under a tiny budget stands in for such a file."""
    data = dot_format.dumps(native.load(SEEDS[3])).encode()
    monkeypatch.setattr(dot_format, "PARSE_SECONDS", 0.01)
    monkeypatch.setattr(dot_format, "PARSE_SECONDS_PER_MB", 0.0)
    with pytest.raises(ArgmapError, match="parser gave up") as info:
        dot_format.loads(data, "slow.dot")
    assert info.value.line().startswith("slow.dot: invalid DOT")


def _edge_routes(dot_text: str) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Every edge's ``pos`` spline as points (the ``e,x,y`` arrow end first when present)."""
    out = {}
    for mt in re.finditer(r'("[^"]*"|\S+)\s*->\s*("[^"]*"|\S+)\s*\[(.*?)\];', dot_text, re.S):
        found = re.search(r'pos="([^"]*)"', mt.group(3))
        if found:
            text = found.group(1).replace("\\\n", "").replace("e,", "")
            pts = [tuple(float(v) for v in p.split(",")[:2]) for p in text.split()]
            out[(mt.group(1).strip('"'), mt.group(2).strip('"'))] = pts
    return out  # type: ignore[return-value]


def test_dot_carries_role_headers_tags_positions_and_routes() -> None:
    """What the picture shows: Graphviz (neato -n2) draws our boxes and our routes."""
    m = native.load(SEEDS[2])
    text = dot_format.dumps(m)
    roles = m.roles()
    for c in m.claims():
        node = re.search(rf"^{re.escape(dot_format.quote(c.id))} \[(.*?)\];$", text, re.M | re.S)
        assert node is not None, c.id
        attrs = node.group(1)
        header = roles[c.id].value.upper()
        # The role, then who asserts the claim when it is not the author (a byline).
        byline = f" · {c.attribution.byline()[:20]}" if c.attribution is not None else "</B>"
        assert f"<B>{header}{byline}" in attrs and 'pos="' in attrs
        for tag in c.tags:
            assert f"#{tag}" in attrs
    routes = _edge_routes(text)
    assert len(routes) == sum(len(r.premises) + 1 for r in m.relations())  # every edge routed
    done = subprocess.run(
        ["neato", "-n2", "-Tdot"], input=text.encode(), capture_output=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    drawn = _edge_routes(done.stdout.decode())
    # Graphviz moves the whole drawing to its own origin; the routes' shapes stay ours.
    key = next(iter(routes))
    dx, dy = (a - b for a, b in zip(routes[key][0], drawn[key][0], strict=True))
    for edge, pts in routes.items():
        assert len(drawn[edge]) == len(pts), edge
        for (x, y), (gx, gy) in zip(pts, drawn[edge], strict=True):
            assert (x - dx, y - dy) == pytest.approx((gx, gy), abs=0.11), edge  # 2 decimals each


def test_claims_named_like_dot_keywords_survive() -> None:
    """``node``, ``edge`` and ``graph`` unquoted set defaults; quoted they are ordinary ids
    (hypothesis found a claim called "node" dropped on reading)."""
    m = ArgumentMap("Keywords")
    for cid in ("node", "edge", "graph", "Node"):
        m.add_claim(f"claim {cid}", id=cid)
    m.connect(["edge"], "node", "support", id="r1")
    back = dot_format.loads(dot_format.dumps(m).encode(), "x.dot")
    assert {c.id: c.text for c in back.claims()} == {c.id: c.text for c in m.claims()}
