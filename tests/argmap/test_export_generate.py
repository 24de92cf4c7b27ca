"""The synthetic map generator the benchmarks use: valid, deterministic, shaped like real maps."""

from collections import Counter

from argmap.formats import native
from argmap.model.elements import RelationKind
from argmap.model.validation import validate_map
from bench.generate import generate_map


def test_same_seed_same_map_other_seed_other_map() -> None:
    a = generate_map(200, seed=3)
    assert native.dumps(a) == native.dumps(generate_map(200, seed=3))
    assert native.dumps(a) != native.dumps(generate_map(200, seed=4))


def test_valid_and_has_every_kind_of_structure() -> None:
    m = generate_map(400, seed=0)
    assert m.claim_count == 400
    assert not [p for p in validate_map(m) if p.severity == "error"]
    kinds = Counter(r.kind for r in m.relations())
    assert (
        kinds[RelationKind.SUPPORT] > kinds[RelationKind.ATTACK] > kinds[RelationKind.UNDERCUT] > 0
    )
    assert any(len(r.premises) > 1 for r in m.relations())
    roles = Counter(r.value for r in m.roles().values())
    assert roles["thesis"] == 1 and roles["reason"] and roles["objection"] and roles["rebuttal"]
    assert sum(1 for c in m.claims() if c.tags) > 40
    # Every claim is anchored to its own sentence of the article.
    article = next(m.articles())
    for c in m.claims():
        (a,) = c.anchors
        assert article.text[a.start : a.end] == c.text


def test_round_trips_through_the_native_format() -> None:
    m = generate_map(120, seed=9)
    assert native.loads(native.dumps(m)) == m


def test_tiny_maps() -> None:
    assert generate_map(1).claim_count == 1
    assert generate_map(2, seed=5).claim_count == 2
