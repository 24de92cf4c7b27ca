"""How maps enter the Dung framework: supports, linked premises, undercuts, what-ifs."""

from __future__ import annotations

import random

import pytest

from argmap.analysis import evaluate, explain, explain_all
from argmap.analysis.acceptability import build_framework, grounded_map_labels
from argmap.analysis.dung import grounded_indices
from argmap.analysis.gaps import answered, gap_report
from argmap.model import ArgumentMap
from tests.argmap.analysis_support import load_seed_maps


def make(claims: str, *relations: tuple[str, str, str], thesis: str | None = None) -> ArgumentMap:
    """``make("tab", ("a", "t", "attack"))``; premises "ab" mean a linked relation of a and b.

    Relations get ids r1, r2… in order; an undercut's target is such an id.
    """
    m = ArgumentMap()
    for c in claims:
        m.add_claim(f"claim {c}", id=c)
    for i, (premises, target, kind) in enumerate(relations, 1):
        m.connect(list(premises), target, kind, id=f"r{i}")
    if thesis:
        m.update_map(thesis=thesis)
    return m


def test_attack_defeats_and_rebuttal_reinstates() -> None:
    m = make("tor", ("o", "t", "attack"), ("r", "o", "attack"))
    assert evaluate(m).labels == {"t": "in", "o": "out", "r": "in"}
    m2 = make("to", ("o", "t", "attack"))
    assert evaluate(m2).labels == {"t": "out", "o": "in"}


def test_support_adds_no_defeat() -> None:
    # r supports t; an objection defeats r: t still stands (nothing attacks t itself).
    m = make("tro", ("r", "t", "support"), ("o", "r", "attack"))
    ev = evaluate(m)
    assert ev.labels == {"t": "in", "r": "out", "o": "in"}
    assert ev.relation_labels["r1"] == "out"  # the support no longer holds


def test_linked_attack_needs_all_premises() -> None:
    # a and b attack t only together; d defeats b, so the linked attack fails.
    m = make("tabd", ("ab", "t", "attack"), ("d", "b", "attack"))
    assert evaluate(m).labels == {"t": "in", "a": "in", "b": "out", "d": "in"}
    # Convergent attacks: each alone is enough.
    m2 = make("tabd", ("a", "t", "attack"), ("b", "t", "attack"), ("d", "b", "attack"))
    assert evaluate(m2).labels["t"] == "out"


def test_undercut_cancels_an_attack_without_touching_its_premise() -> None:
    m = make("tou", ("o", "t", "attack"), ("u", "r1", "undercut"))
    ev = evaluate(m)
    assert ev.labels == {"t": "in", "o": "in", "u": "in"}
    assert ev.relation_labels == {"r1": "out", "r2": "in"}


def test_undercut_of_a_support() -> None:
    m = make("tru", ("r", "t", "support"), ("u", "r1", "undercut"))
    ev = evaluate(m)
    assert ev.relation_labels["r1"] == "out"
    assert ev.labels["t"] == "in"


def test_what_if_marks_fix_a_label_and_the_rest_follows() -> None:
    m = make("tor", ("o", "t", "attack"), ("r", "o", "attack"))
    m.update_claim("r", assumption="rejected")
    assert evaluate(m).labels == {"t": "out", "o": "in", "r": "out"}
    m.update_claim("r", assumption=None)
    m.update_claim("o", assumption="accepted")
    assert evaluate(m).labels == {"t": "out", "o": "in", "r": "in"}


def test_accepting_one_side_of_a_cycle_settles_it() -> None:
    m = make("tab", ("a", "t", "attack"), ("a", "b", "attack"), ("b", "a", "attack"))
    assert evaluate(m).labels == {"t": "undecided", "a": "undecided", "b": "undecided"}
    m.update_claim("b", assumption="accepted")
    assert evaluate(m).labels == {"t": "in", "a": "out", "b": "in"}


def test_preferred_and_stable_on_a_map_cycle() -> None:
    m = make("tab", ("a", "t", "attack"), ("a", "b", "attack"), ("b", "a", "attack"))
    pref = evaluate(m, "preferred")
    assert pref.extensions == [["t", "b"], ["a"]]  # claims in map order
    assert pref.labels == {"t": "undecided", "a": "undecided", "b": "undecided"}
    assert pref.credulous == {"t": True, "a": True, "b": True}
    assert pref.sceptical == {"t": False, "a": False, "b": False}
    assert evaluate(m, "stable").extensions == pref.extensions


def test_odd_cycle_map_has_no_stable_extension() -> None:
    m = make("abc", ("a", "b", "attack"), ("b", "c", "attack"), ("c", "a", "attack"))
    st = evaluate(m, "stable")
    assert st.extensions == []
    assert set(st.labels.values()) == {"undecided"}
    assert "no stable extension" in explain(m, st, "a").reason
    assert evaluate(m, "preferred").extensions == [[]]


def test_explanations() -> None:
    m = make(
        "toraxy",
        ("o", "t", "attack"),
        ("r", "o", "attack"),
        ("a", "r", "support"),
        ("x", "a", "attack"),
        ("y", "x", "attack"),
        ("x", "y", "attack"),
        thesis="t",
    )
    ev = evaluate(m)
    why = explain_all(m, ev)
    assert why["o"].label == "out" and why["o"].attackers == ["r"]
    assert why["t"].label == "in" and why["t"].attackers == ["o"]
    assert why["x"].label == "undecided" and why["x"].cycle == ["x", "y"]
    # a depends on the x/y cycle without sitting in it.
    assert why["a"].label == "undecided" and why["a"].cycle == ["x", "y"]
    assert why["r"].reason == "nothing attacks it"


def test_gap_report_lists_unanswered_and_flips() -> None:
    m = make("tor", ("o", "t", "attack"), ("r", "t", "support"), thesis="t")
    rep = gap_report(m)
    assert rep.unanswered_objections == ["o"]
    assert rep.unsupported_reasons == ["r"]
    assert rep.unanchored_claims == ["o", "r", "t"]
    assert rep.thesis_label == "out" and rep.defeaters == ["o"]
    assert [(f.claim, f.assume, f.thesis_becomes) for f in rep.flips] == [("o", "rejected", "in")]
    m.add_claim("answer", id="a")
    m.connect(["a"], "r1", "undercut")
    assert answered(m, "o")
    assert gap_report(m).unanswered_objections == []
    assert gap_report(m).thesis_label == "in"


@pytest.mark.parametrize("semantics", ["grounded", "preferred", "stable"])
def test_seed_maps_evaluate(semantics: str) -> None:
    for m in load_seed_maps():
        ev = evaluate(m, semantics)  # type: ignore[arg-type]
        assert set(ev.labels) == {c.id for c in m.claims()}
        for cid in ev.labels:
            assert explain(m, ev, cid).reason


def random_map(rng: random.Random) -> ArgumentMap:
    """A map with attack cycles, linked premises, undercuts (also of undercuts) and what-ifs."""
    m = ArgumentMap()
    n = rng.randint(1, 9)
    for i in range(n):
        m.add_claim(f"claim {i}", id=f"c{i}")
    ids = [f"c{i}" for i in range(n)]
    for _ in range(rng.randint(0, 14)):
        kind = rng.choice(["attack", "attack", "support", "undercut"])
        premises = rng.sample(ids, min(len(ids), rng.choice([1, 1, 2])))
        try:
            if kind == "undercut":
                rels = [r.id for r in m.relations()]
                if rels:
                    m.connect(premises, rng.choice(rels), "undercut")
            else:
                m.connect(premises, rng.choice(ids), kind)
        except (ValueError, KeyError):
            pass  # refused by the model (self-loop, support cycle): fine
    for cid in ids:
        if rng.random() < 0.15:
            m.update_claim(cid, assumption=rng.choice(["accepted", "rejected"]))
    return m


def test_fast_grounded_equals_grounded_of_the_framework() -> None:
    rng = random.Random(11)
    for _ in range(1500):
        m = random_map(rng)
        mf = build_framework(m)
        g = grounded_indices(mf.af)
        claims, rels = grounded_map_labels(m)
        assert claims == [g[i] for i in mf.claims]
        assert rels == [g[i] for i in mf.relations]
        # Grounded in ⊆ every preferred extension; stable ones are preferred.
        pref = evaluate(m, "preferred")
        ins = {c for c, lab in zip((c.id for c in m.claims()), claims, strict=True) if lab == "in"}
        assert all(ins <= set(e) for e in pref.extensions)
        assert all(e in pref.extensions for e in evaluate(m, "stable").extensions)


def test_what_if_labels_are_fixed() -> None:
    rng = random.Random(5)
    for _ in range(300):
        m = random_map(rng)
        for semantics in ("grounded", "preferred"):
            ev = evaluate(m, semantics)  # type: ignore[arg-type]
            for c in m.claims():
                if c.assumption is not None:
                    expected = "in" if c.assumption == "accepted" else "out"
                    assert ev.labels[c.id] == expected


def test_grounded_on_a_long_attack_chain_needs_no_recursion() -> None:
    # c0 <- c1 <- c2 <- … : labels alternate in/out from the unattacked end.
    n = 20_000
    m = ArgumentMap()
    for i in range(n):
        m.add_claim(f"claim {i}", id=f"c{i}")
    for i in range(1, n):
        m.connect([f"c{i}"], f"c{i - 1}", "attack")
    labels = evaluate(m).labels
    last = n - 1
    assert labels[f"c{last}"] == "in"
    assert all(labels[f"c{i}"] == ("in" if (last - i) % 2 == 0 else "out") for i in range(n))


def test_flips_consider_every_claim_that_matters() -> None:
    """The what-if search skips claims that only support things; check against trying all."""
    rng = random.Random(3)
    for _ in range(150):
        m = random_map(rng)
        thesis = next(iter(m.claims())).id
        m.update_map(thesis=thesis)
        for c in list(m.claims()):
            m.update_claim(c.id, assumption=None)
        base = evaluate(m)
        expected = set()
        for c in m.claims():
            if c.id == thesis:
                continue
            assume = "rejected" if base.labels[c.id] == "in" else "accepted"
            m.update_claim(c.id, assumption=assume)
            label = evaluate(m).labels[thesis]
            m.update_claim(c.id, assumption=None)
            if label != base.labels[thesis]:
                expected.add((c.id, assume, label))
        got = {(f.claim, f.assume, f.thesis_becomes) for f in gap_report(m).flips}
        assert got == expected
