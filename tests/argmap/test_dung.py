"""The Dung solver against hand-made cases, a brute-force oracle and py_arg (independent)."""

from __future__ import annotations

import itertools
import random
import time

import pytest

from argmap.analysis.dung import (
    Framework,
    grounded_extension,
    grounded_labels,
    preferred_extensions,
    sceptical_labels,
    stable_extensions,
)

py_arg = pytest.importorskip("py_arg", reason="python-argumentation (test extra) not installed")
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (  # noqa: E402
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument  # noqa: E402
from py_arg.abstract_argumentation_classes.defeat import Defeat  # noqa: E402
from py_arg.algorithms.semantics.get_grounded_extension import (  # noqa: E402
    get_grounded_extension,
)
from py_arg.algorithms.semantics.get_preferred_extensions import (  # noqa: E402
    get_preferred_extensions,
)
from py_arg.algorithms.semantics.get_stable_extensions import (  # noqa: E402
    get_stable_extensions,
)


def af(names: str, attacks: str) -> Framework:
    """``af("abc", "ab bc")``: arguments a, b, c; a attacks b, b attacks c."""
    return Framework.from_attacks(list(names), [(p[0], p[1]) for p in attacks.split()])


def exts(found: list[frozenset[str]]) -> list[str]:
    return sorted("".join(sorted(e)) for e in found)


# ---------------------------------------------------------------- hand-made cases


def test_chain() -> None:
    f = af("abc", "ab bc")
    assert grounded_labels(f) == {"a": "in", "b": "out", "c": "in"}
    assert exts(preferred_extensions(f)) == ["ac"]
    assert exts(stable_extensions(f)) == ["ac"]


def test_even_cycle_has_two_preferred_and_empty_grounded() -> None:
    f = af("ab", "ab ba")
    assert grounded_labels(f) == {"a": "undecided", "b": "undecided"}
    assert exts(preferred_extensions(f)) == ["a", "b"]
    assert exts(stable_extensions(f)) == ["a", "b"]
    assert sceptical_labels(f, preferred_extensions(f)) == {"a": "undecided", "b": "undecided"}


def test_odd_cycle_has_empty_preferred_and_no_stable() -> None:
    f = af("abc", "ab bc ca")
    assert exts(preferred_extensions(f)) == [""]
    assert stable_extensions(f) == []
    assert set(sceptical_labels(f, [])) == {"a", "b", "c"}
    assert set(sceptical_labels(f, []).values()) == {"undecided"}


def test_self_attack() -> None:
    f = af("ab", "aa ab")
    assert grounded_labels(f) == {"a": "undecided", "b": "undecided"}
    assert exts(preferred_extensions(f)) == [""]
    assert stable_extensions(f) == []
    # A self-attacker that something else defeats is simply out.
    g = af("abc", "aa ca")
    assert grounded_labels(g) == {"a": "out", "b": "in", "c": "in"}
    assert exts(stable_extensions(g)) == ["bc"]


def test_even_cycle_attacking_a_third_gives_sceptical_out_but_grounded_undecided() -> None:
    # a <-> b, both attack c: c is attacked by every preferred extension.
    f = af("abc", "ab ba ac bc")
    assert grounded_labels(f)["c"] == "undecided"
    pref = preferred_extensions(f)
    assert exts(pref) == ["a", "b"]
    assert sceptical_labels(f, pref) == {"a": "undecided", "b": "undecided", "c": "out"}


def test_reinstatement_through_odd_cycle_attacker() -> None:
    # Odd cycle a,b,c; c attacks d; e attacks c: e in, c out, so b... chain resolves.
    f = af("abcde", "ab bc ca cd ec")
    assert grounded_labels(f) == {"a": "in", "b": "out", "c": "out", "d": "in", "e": "in"}


def test_empty_framework() -> None:
    f = Framework.from_attacks([], [])
    assert preferred_extensions(f) == [frozenset()]
    assert stable_extensions(f) == [frozenset()]
    assert grounded_extension(f) == frozenset()


def test_disjoint_cycles_multiply() -> None:
    names = [str(i) for i in range(12)]
    attacks = [(str(i), str(i + 1)) for i in range(0, 12, 2)] + [
        (str(i + 1), str(i)) for i in range(0, 12, 2)
    ]
    f = Framework.from_attacks(names, attacks)
    assert len(preferred_extensions(f)) == 2**6
    assert len(stable_extensions(f)) == 2**6


# ---------------------------------------------------------------- oracles


def brute_force(names: list[str], attacks: set[tuple[str, str]]) -> tuple[set, set]:
    """Preferred and stable extensions straight from the definitions (tiny frameworks)."""
    admissible = []
    for r in range(len(names) + 1):
        for subset in itertools.combinations(names, r):
            s = set(subset)
            if any((a, b) in attacks for a in s for b in s):
                continue
            if all(any((c, a) in attacks for c in s) for a, b in attacks if b in s):
                admissible.append(frozenset(s))
    preferred = {s for s in admissible if not any(s < t for t in admissible)}
    stable = {
        s for s in admissible if all(x in s or any((c, x) in attacks for c in s) for x in names)
    }
    return preferred, stable


def py_arg_solutions(names: list[str], attacks: set[tuple[str, str]]) -> tuple:
    args = {n: Argument(n) for n in names}
    paf = AbstractArgumentationFramework(
        "t", list(args.values()), [Defeat(args[a], args[b]) for a, b in sorted(attacks)]
    )

    def as_names(found: object) -> set[frozenset[str]]:
        return {frozenset(a.name for a in e) for e in found}  # type: ignore[attr-defined]

    grounded = frozenset(a.name for a in get_grounded_extension(paf))
    return grounded, as_names(get_preferred_extensions(paf)), as_names(get_stable_extensions(paf))


def random_framework(rng: random.Random, max_args: int) -> tuple[list[str], set[tuple[str, str]]]:
    n = rng.randint(0, max_args)
    names = [f"a{i}" for i in range(n)]
    density = rng.choice([0.05, 0.1, 0.2, 0.3, 0.5])
    attacks = {(a, b) for a in names for b in names if rng.random() < density}
    return names, attacks


def test_agrees_with_py_arg_on_thousands_of_random_frameworks() -> None:
    rng = random.Random(20261123)
    # A CPU-time budget: the machine may be shared, and wall-clock time would then cut the
    # run short for reasons that have nothing to do with the code.
    began = time.process_time()
    checked = 0
    while checked < 3000 and time.process_time() - began < 40:
        names, attacks = random_framework(rng, 12)
        f = Framework.from_attacks(names, attacks)
        grounded, preferred, stable = py_arg_solutions(names, attacks)
        assert grounded_extension(f) == grounded, (names, attacks)
        assert set(preferred_extensions(f)) == preferred, (names, attacks)
        assert set(stable_extensions(f)) == stable, (names, attacks)
        checked += 1
    assert checked >= 2000, f"only {checked} frameworks checked in the time budget"


def test_agrees_with_definitions_on_small_frameworks() -> None:
    rng = random.Random(7)
    for _ in range(600):
        names, attacks = random_framework(rng, 8)
        f = Framework.from_attacks(names, attacks)
        preferred, stable = brute_force(names, attacks)
        assert set(preferred_extensions(f)) == preferred, (names, attacks)
        assert set(stable_extensions(f)) == stable, (names, attacks)
        labels = grounded_labels(f)
        # Grounded is the least complete extension: inside every preferred one.
        g = {n for n, lab in labels.items() if lab == "in"}
        assert all(g <= p for p in preferred)


def test_preferred_on_cyclic_30_argument_frameworks_is_not_brute_force() -> None:
    """2^30 subsets would take hours; the search must finish these in well under a second
    each (the bound here is generous because the test machine is shared)."""
    from bench.bench_analysis import cyclic_framework

    began = time.process_time()
    for seed in range(10):
        f = cyclic_framework(30, seed)
        found = preferred_extensions(f)
        assert found
        # Every extension is conflict-free and defends itself (admissible).
        attacks = set(f.attacks())
        for e in found:
            assert not any((a, b) in attacks for a in e for b in e)
            assert all(any((c, a) in attacks for c in e) for a, b in attacks if b in e)
    assert time.process_time() - began < 10
