"""The model: named mutations, one event per real change, refusals, roles, undo."""

from __future__ import annotations

import pytest

from argmap.model import (
    Anchor,
    ArgumentMap,
    Article,
    ClaimAdded,
    ClaimRemoved,
    ClaimUpdated,
    MapUpdated,
    RelationAdded,
    RelationRemoved,
    RelationUpdated,
    Role,
)
from argmap.model.history import Recorder, inverse, redo, undo
from argmap.model.validation import validate_map

TEXT = "Russia will fight IS on its own terms. Sanctions over Ukraine poison every talk."


def errors(problems: list) -> list:
    """The problems that make a map invalid (warnings are advice about its content)."""
    return [p for p in problems if p.severity == "error"]


def small_map() -> ArgumentMap:
    m = ArgumentMap(title="Small")
    m.add_article(Article("a", TEXT, "An article"))
    m.add_claim(
        "Russia will not join the coalition", id="t", anchors=[m.article("a").anchor(0, 38)]
    )
    m.add_claim(
        "Sanctions poison talks", id="r", tags=["ukraine"], anchors=[m.article("a").anchor(39, 80)]
    )
    m.add_claim("Talks happen anyway", id="o")
    m.add_claim("Only about Syria", id="b")
    m.connect(["r"], "t", "support", id="s1")
    m.connect(["o"], "r", "attack", id="a1")
    m.connect(["b"], "o", "attack", id="a2")
    m.update_map(thesis="t")
    return m


def events_of(m: ArgumentMap) -> list:
    seen: list = []
    m.subscribe(seen.append)
    return seen


def test_anchor_quotes_the_article_slice() -> None:
    m = small_map()
    a = m.claim("r").anchors[0]
    assert a.quote == TEXT[39:80] == "Sanctions over Ukraine poison every talk."


def test_roles_follow_the_structure() -> None:
    m = small_map()
    assert m.roles() == {
        "t": Role.THESIS,
        "r": Role.REASON,
        "o": Role.OBJECTION,
        "b": Role.REBUTTAL,
    }
    m.add_claim("Loose", id="x")
    assert m.role("x") is Role.CLAIM
    # An undercut of an attack's inference defends: a rebuttal; of a support's: an objection.
    m.add_claim("The attack misreads", id="u1")
    m.connect(["u1"], "a1", "undercut")
    m.add_claim("The support is a non sequitur", id="u2")
    m.connect(["u2"], "s1", "undercut")
    assert m.role("u1") is Role.REBUTTAL
    assert m.role("u2") is Role.OBJECTION


def test_roles_are_recomputed_after_structural_edits() -> None:
    m = small_map()
    assert m.role("o") is Role.OBJECTION
    m.update_relation("a1", kind="support")
    assert m.role("o") is Role.REASON
    assert m.role("b") is Role.OBJECTION  # attacking a reason, no longer an objection


def test_every_change_emits_exactly_one_event_with_old_and_new() -> None:
    m = small_map()
    seen = events_of(m)
    old = m.claim("r")
    m.update_claim("r", text="Sanctions poison all talks")
    assert len(seen) == 1
    e = seen[0]
    assert isinstance(e, ClaimUpdated) and e.field == "text"
    assert e.old == old and e.new.text == "Sanctions poison all talks"

    seen.clear()
    m.update_claim("r", text="Sanctions poison all talks")  # no real change
    m.update_claim("r", tags=["ukraine"])
    m.move("r", None)
    m.update_map(thesis="t")
    assert seen == []

    m.move("r", (10.004, 20.0), pin=True)
    assert [type(x) for x in seen] == [ClaimUpdated, ClaimUpdated]
    assert m.claim("r").position == (10.0, 20.0) and m.claim("r").pinned

    seen.clear()
    m.update_map(thesis="r")
    assert seen == [MapUpdated("thesis", "t", "r")]


def test_add_and_connect_events() -> None:
    m = ArgumentMap()
    seen = events_of(m)
    c = m.add_claim("A")
    d = m.add_claim("B")
    r = m.connect([d.id], c.id, "attack")
    assert [type(e) for e in seen] == [ClaimAdded, ClaimAdded, RelationAdded]
    assert (c.id, d.id, r.id) == ("c1", "c2", "r1")
    assert seen[2].new == r and seen[2].old is None


@pytest.mark.parametrize(
    ("premises", "target", "kind", "error"),
    [
        (["t"], "t", "support", ValueError),  # self-loop
        (["nope"], "t", "support", KeyError),  # dangling premise
        (["r"], "nope", "attack", KeyError),  # dangling target
        ([], "t", "support", ValueError),  # no premise
        (["r", "r"], "t", "support", ValueError),  # premise twice
        (["r"], "t", "undercut", KeyError),  # undercut must target a relation
        (["t"], "r", "support", ValueError),  # support cycle t -> r -> t
        (["r"], "s1", "support", KeyError),  # support must target a claim
    ],
)
def test_connect_refuses_what_would_make_the_map_invalid(premises, target, kind, error) -> None:
    m = small_map()
    before = m.copy()
    seen = events_of(m)
    with pytest.raises(error):
        m.connect(premises, target, kind)
    assert m == before and seen == []


def test_other_refusals() -> None:
    m = small_map()
    with pytest.raises(ValueError, match="already used"):
        m.add_claim("dup", id="r")
    with pytest.raises(ValueError, match="already used"):
        m.add_claim("dup", id="s1")  # claims and relations share one id space
    with pytest.raises(ValueError, match="invalid id"):
        m.add_claim("bad", id="")
    with pytest.raises(ValueError, match="does not match"):
        m.update_claim("o", anchors=[Anchor("a", 0, 5, "XXXXX")])
    with pytest.raises(ValueError, match="outside"):
        m.article("a").anchor(5, 5000)
    with pytest.raises(KeyError):
        m.update_claim("o", anchors=[Anchor("missing", 0, 1, "R")])
    with pytest.raises(ValueError, match="surrogate"):
        m.update_claim("o", text="bad \ud800 text")
    with pytest.raises(ValueError, match="still has relations"):
        m.remove_claim("r")
    with pytest.raises(ValueError, match="still anchored"):
        m.remove_article("a")
    with pytest.raises(ValueError, match="no field"):
        m.update_claim("r", colour="red")
    assert errors(validate_map(m)) == []


def test_support_cycle_refused_when_changing_kind_or_premises() -> None:
    m = small_map()
    m.connect(["t"], "b", "attack", id="back")
    m.update_relation("a1", kind="support")
    m.update_relation("a2", kind="support")  # b -> o -> r -> t, and t attacks b: fine so far
    with pytest.raises(ValueError, match="cycle"):
        m.update_relation("back", kind="support")  # t -> b would close a support cycle
    assert m.relation("back").kind == "attack"
    with pytest.raises(ValueError, match="cycle"):
        m.add_premise("a2", "t")  # t as a co-premise for o would support itself via r
    assert errors(validate_map(m)) == []


def test_delete_cascades_and_undoes_in_one_step() -> None:
    m = small_map()
    m.add_claim("co-premise", id="p2")
    m.add_premise("s1", "p2")  # now linked: r and p2 together support t
    m.add_claim("undercutter", id="u")
    m.connect(["u"], "s1", "undercut", id="uc")
    before = m.copy()
    with Recorder(m) as rec:
        m.delete(["r"])
    # r goes; the linked relation keeps its other premise; o's attack on r goes with r.
    assert not m.has_claim("r")
    assert m.relation("s1").premises == ("p2",)
    assert not m.has_relation("a1")
    assert m.has_relation("uc")  # the inference s1 still exists, so its undercut stays
    assert errors(validate_map(m)) == []
    undo(m, rec.events)
    assert m == before
    redo(m, rec.events)
    assert not m.has_claim("r")

    with Recorder(m) as rec2:
        m.delete(["t"])  # the thesis: its relations and the undercut of s1 go too
    assert m.thesis is None and not m.has_relation("s1") and not m.has_relation("uc")
    undo(m, rec2.events)
    assert m.thesis == "t" and m.has_relation("uc")


def test_recorder_rolls_back_a_failed_gesture() -> None:
    m = small_map()
    before = m.copy()
    with pytest.raises(KeyError), Recorder(m):
        m.add_claim("half", id="h")
        m.connect(["h"], "missing", "support")
    assert m == before


def test_inverse_of_inverse_is_identity() -> None:
    m = small_map()
    with Recorder(m) as rec:
        m.update_claim("r", text="new")
        m.disconnect("a2")
        m.update_map(title="Other")
    for e in rec.events:
        assert inverse(inverse(e)) == e
    assert {type(e) for e in rec.events} == {ClaimUpdated, RelationRemoved, MapUpdated}


def test_relation_update_events_and_graph_index() -> None:
    m = small_map()
    assert m.graph.number_of_nodes() == 7  # builds the index; it must follow the edits below
    seen = events_of(m)
    m.add_claim("Another reason", id="r2")
    m.update_relation("s1", premises=["r", "r2"])
    assert isinstance(seen[-1], RelationUpdated) and seen[-1].field == "premises"
    assert set(m.graph.predecessors("s1")) == {"r", "r2"}
    m.disconnect("s1")
    assert "s1" not in m.graph
    assert isinstance(seen[-1], RelationRemoved)
    m.delete(["r2"])
    assert isinstance(seen[-1], ClaimRemoved)
    assert sorted(m.graph.nodes) == sorted(
        [*(c.id for c in m.claims()), *(r.id for r in m.relations())]
    )


def test_graph_view_is_read_only() -> None:
    m = small_map()
    view = m.graph
    assert view.nodes["r"]["kind"] == "claim" and view.nodes["s1"]["kind"] == "relation"
    import networkx as nx

    with pytest.raises(nx.NetworkXError):  # a frozen view
        view.add_node("x")
    assert not m.has_claim("x")


def test_copy_is_independent_and_equal() -> None:
    m = small_map()
    c = m.copy()
    assert c == m
    c.update_claim("r", text="changed")
    assert c != m and m.claim("r").text == "Sanctions poison talks"


def test_inserted_values_are_normalised_like_updates() -> None:
    from argmap.model import Claim, Relation, RelationKind

    m = ArgumentMap()
    c = m.insert_claim(Claim("a", "A", tags=("x", "x"), position=(1.0 / 3, 266.84000000000003)))
    assert c.position == (0.33, 266.84) and c.tags == ("x",)
    assert m.claim("a") == c
    m.insert_claim(Claim("b", "B"))
    r = m.insert_relation(Relation("r", RelationKind.SUPPORT, ("b",), "a", ((0.001, 2.0 / 3),)))
    assert r.route == ((0.0, 0.67),) and m.relation("r") == r


def test_natural_order_of_ids_with_any_digits() -> None:
    from argmap.formats import native
    from argmap.model.argument_map import natural_key

    ids = ["c10", "c2", "¹", "c¹", "٣", "x²1", "b"]
    ordered = sorted(ids, key=natural_key)
    assert ordered.index("c2") < ordered.index("c10") and ordered[0] == "٣"  # the number 3
    m = ArgumentMap()
    for i in ids:
        m.add_claim(i, id=i)
    assert native.loads(native.dump_bytes(m)) == m  # saving used to crash on "¹"
