"""validate_map finds support cycles exactly where networkx's cycle search finds them.

validate_map first asks a quick acyclicity check and builds networkx's graph only when it
fails; these maps (random supports, with and without cycles) hold it to networkx's answer.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap
from argmap.model.elements import Claim, Relation, RelationKind
from argmap.model.validation import validate_map

_edges = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from(list(RelationKind))),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_edges)
def test_support_cycles_are_reported_where_networkx_finds_a_cycle(edges):
    claims = [Claim(f"c{i}", f"Claim {i}.") for i in range(10)]
    relations = [
        Relation(f"r{k}", kind, (f"c{a}",), f"c{b}")
        for k, (a, b, kind) in enumerate(edges)
        if a != b and kind is not RelationKind.UNDERCUT
    ]
    m = ArgumentMap.from_values(claims=claims, relations=relations, thesis="c0")
    supports = nx.DiGraph(
        (r.premises[0], r.target) for r in relations if r.kind is RelationKind.SUPPORT
    )
    reported = {p.id for p in validate_map(m) if p.code == "support-cycle"}
    cycles = [c for c in nx.strongly_connected_components(supports) if len(c) > 1]
    assert reported == {min(c) for c in cycles}
