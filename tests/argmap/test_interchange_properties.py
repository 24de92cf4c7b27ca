"""Random maps with awkward text round-trip through every interchange format."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats import aif, argdown, graphml
from argmap.model import ArgumentMap
from tests.argmap.interchange_helpers import assert_same_claims, relation_keys

# Printable text, punctuation that the formats escape, and a little unicode; no control
# characters (XML cannot hold them; that loss has its own test).
_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Zl", "Zp"),
        exclude_characters="\ufffe\uffff",
    )
    | st.sampled_from(list("[]<>#@*_{}/\\:+-()\"'&;")),
    min_size=1,
    max_size=40,
)
_TAG = st.from_regex(r"[a-z][a-z0-9 -]{0,10}[a-z0-9]", fullmatch=True)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    m = ArgumentMap(draw(_TEXT))
    n = draw(st.integers(2, 8))
    for i in range(n):
        m.add_claim(draw(_TEXT), id=f"c{i}", tags=draw(st.lists(_TAG, max_size=2, unique=True)))
    # every premise comes after its target, so supports can never make a cycle
    for i in range(1, n):
        target = draw(st.integers(0, i - 1))
        others = draw(st.lists(st.integers(target + 1, i), max_size=1)) if target + 1 < i else []
        premises = list(dict.fromkeys([f"c{i}"] + [f"c{j}" for j in others]))
        kind = draw(st.sampled_from(["support", "attack"]))
        m.connect(premises, f"c{target}", kind)
        if draw(st.integers(0, 3)) == 0:  # an undercut of any relation, undercuts included
            aimed = draw(st.sampled_from(sorted(r.id for r in m.relations())))
            m.connect([f"c{draw(st.integers(0, n - 1))}"], aimed, "undercut")
    m.update_map(thesis="c0")
    return m


def _normal(m: ArgumentMap) -> ArgumentMap:
    """What Argdown can hold: text with single spaces and no outer space."""
    out = ArgumentMap(m.title)
    for c in m.claims():
        out.add_claim(" ".join(c.text.split()), id=c.id, tags=c.tags)
    for r in m.relations():
        out.insert_relation(r)
    out.update_map(thesis=m.thesis)
    return out


@settings(max_examples=40, deadline=None)
@given(m=maps())
def test_aif_and_graphml_round_trip_exactly(m: ArgumentMap) -> None:
    assert aif.read(aif.write(m), "p.json") == m
    assert graphml.read(graphml.write(m), "p.graphml") == m


@settings(max_examples=40, deadline=None)
@given(m=maps())
def test_argdown_round_trip(m: ArgumentMap) -> None:
    back = argdown.read(argdown.write(m), "p.argdown")
    expected = _normal(m)
    assert_same_claims(expected, back, anchors=False)
    assert relation_keys(back) == relation_keys(expected)
    assert back.thesis == m.thesis
