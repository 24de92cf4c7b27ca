"""Dung's abstract argumentation: grounded, preferred and stable semantics.

A framework is a list of argument names and, for each argument, the indices of its attackers.
Everything here is pure: frameworks and results are plain values.

* Grounded: the classic linear-time labelling (each attack is looked at a bounded number of
  times): an argument is ``in`` once all its attackers are ``out``, ``out`` once one attacker is
  ``in``; what is left is ``undecided``.
* Preferred: the grounded labelling is computed first (its ``in`` arguments are in every
  preferred extension, its ``out`` ones in none); only the undecided rest is searched, split
  into weakly connected parts that are solved independently (preferred extensions of a
  disjoint union are the products). Each part is searched by labelling-based backtracking
  over bit sets with propagation (a defended argument is taken at once, an attacker of the
  set that nothing left can attack prunes the branch) and pruning of branches that cannot
  grow past an extension already found.
* Stable: the preferred extensions that attack every argument outside them (every stable
  extension is preferred).

>>> af = Framework.from_attacks(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> grounded_labels(af)
{'a': 'in', 'b': 'out', 'c': 'in'}
>>> cycle = Framework.from_attacks(["a", "b"], [("a", "b"), ("b", "a")])
>>> sorted(sorted(e) for e in preferred_extensions(cycle))
[['a'], ['b']]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Label = Literal["in", "out", "undecided"]
IN: Label = "in"
OUT: Label = "out"
UNDEC: Label = "undecided"


class TooManyExtensions(ValueError):
    """The extensions outnumber the caller's limit (their number can grow exponentially)."""


@dataclass(frozen=True)
class Framework:
    """An abstract argumentation framework: ``attackers[i]`` lists who attacks ``names[i]``."""

    names: tuple[str, ...]
    attackers: Sequence[Sequence[int]]
    # The reverse adjacency, built on first use (or given by a builder that has it anyway).
    known_targets: Sequence[Sequence[int]] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_attacks(cls, names: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """Build a framework from names and ``(attacker, attacked)`` pairs (duplicates merge).

        >>> Framework.from_attacks(["a", "b"], [("a", "b"), ("a", "b")]).attackers
        ((), (0,))
        """
        names_t = tuple(names)
        index = {n: i for i, n in enumerate(names_t)}
        if len(index) != len(names_t):
            raise ValueError("argument names must be unique")
        att: list[dict[int, None]] = [{} for _ in names_t]
        for a, b in attacks:
            att[index[b]][index[a]] = None
        return cls(names_t, tuple(tuple(d) for d in att))

    def __len__(self) -> int:
        return len(self.names)

    def targets(self) -> Sequence[Sequence[int]]:
        """For each argument, the indices of the arguments it attacks."""
        if self.known_targets is not None:
            return self.known_targets
        out: list[list[int]] = [[] for _ in self.names]
        for b, atts in enumerate(self.attackers):
            for a in atts:
                out[a].append(b)
        object.__setattr__(self, "known_targets", out)  # a cache: the value never changes
        return out

    def attacks(self) -> list[tuple[str, str]]:
        """Every attack as ``(attacker, attacked)`` names."""
        n = self.names
        return [(n[a], n[b]) for b, atts in enumerate(self.attackers) for a in atts]


# ---------------------------------------------------------------------- grounded


def grounded_indices(af: Framework, targets: Sequence[Sequence[int]] | None = None) -> list[Label]:
    """The grounded labelling as a list indexed like ``af.names``. Linear in |args| + |attacks|."""
    tgt = af.targets() if targets is None else targets
    pending = [len(a) for a in af.attackers]
    labels: list[Label] = [IN if p == 0 else UNDEC for p in pending]
    propagate_grounded(labels, pending, tgt, [i for i, p in enumerate(pending) if p == 0])
    return labels


def propagate_grounded(
    labels: list[Label],
    pending: list[int],
    edges: Sequence[Sequence[int] | None],
    stack: list[int],
) -> None:
    """The grounded labelling's propagation, the one implementation for abstract frameworks
    and for argument maps (acceptability folds a map's relations into it without helper
    arguments). Linear: each edge is followed at most once.

    ``edges[x]`` lists what ``x`` acts on: ``t >= 0`` means x attacks t; ``~t`` means x is a
    premise of t (t needs all its premises in). ``pending[t]`` counts t's open conditions
    (attackers not yet out, premises not yet in); t becomes ``in`` when it reaches zero and
    ``out`` when an attacker is in or a premise out. ``stack`` holds the arguments already
    labelled whose consequences are still to be drawn; ``labels`` is updated in place.
    """
    while stack:
        x = stack.pop()
        e = edges[x]
        if e is None:
            continue
        is_in = labels[x] == IN
        for t in e:
            if t < 0:  # x is a premise of ~t
                t = ~t
                if labels[t] != UNDEC:
                    continue
                if not is_in:
                    labels[t] = OUT
                    stack.append(t)
                    continue
            elif labels[t] != UNDEC:
                continue
            elif is_in:  # x attacks t
                labels[t] = OUT
                stack.append(t)
                continue
            # One more condition of t is met: a premise is in, or an attacker is out.
            pending[t] -= 1
            if pending[t] == 0:
                labels[t] = IN
                stack.append(t)


def grounded_labels(af: Framework) -> dict[str, Label]:
    """The grounded labelling by argument name."""
    return dict(zip(af.names, grounded_indices(af), strict=True))


def grounded_extension(af: Framework) -> frozenset[str]:
    """The grounded extension: the arguments labelled ``in``."""
    return frozenset(n for n, lab in grounded_labels(af).items() if lab == IN)


# ---------------------------------------------------------------------- preferred


def _components(nodes: list[int], af: Framework, tgt: Sequence[Sequence[int]]) -> list[list[int]]:
    """Weakly connected components of the sub-framework on ``nodes``."""
    inside = set(nodes)
    seen: set[int] = set()
    comps: list[list[int]] = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        comp = [start]
        stack = [start]
        while stack:
            x = stack.pop()
            for y in (*af.attackers[x], *tgt[x]):
                if y in inside and y not in seen:
                    seen.add(y)
                    comp.append(y)
                    stack.append(y)
        comps.append(sorted(comp))
    return comps


def _bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class _PartSolver:
    """Preferred extensions of one part (local indices 0..k-1), as bit masks."""

    def __init__(self, att: list[int], tgt: list[int]) -> None:
        self.att = att  # att[x]: mask of x's attackers (inside the part)
        self.tgt = tgt  # tgt[x]: mask of the arguments x attacks
        self.k = len(att)
        self.full = (1 << self.k) - 1
        self.selfatt = sum(1 << x for x in range(self.k) if att[x] >> x & 1)
        self.found: list[int] = []

    def solve(self) -> list[int]:
        self._search(0, 0)
        # Keep only the maximal sets (a later leaf may strictly contain an earlier one).
        found = sorted(set(self.found), key=lambda m: -m.bit_count())
        maximal: list[int] = []
        for m in found:
            if not any(m & e == m for e in maximal):
                maximal.append(m)
        return maximal

    def _search(self, inm: int, excl: int) -> None:
        att, tgt = self.att, self.tgt
        while True:
            out = 0
            for x in _bits(inm):
                out |= tgt[x]
            att_in = 0
            for x in _bits(inm):
                att_in |= att[x]
            cand = self.full & ~(inm | excl | out | att_in | self.selfatt)
            # Propagate: a candidate whose attackers are all out is defended by the set, so it
            # belongs to every complete (hence every preferred) extension above this one.
            grown = 0
            for x in _bits(cand):
                if att[x] & ~out == 0:
                    grown |= 1 << x
            if not grown:
                break
            # Arguments defended together may still attack each other only if one of them is
            # attacked by a non-out argument, which the test above excludes.
            inm |= grown
        must_out = att_in & ~out
        for y in _bits(must_out):
            if att[y] & cand == 0:
                return  # nothing left can attack y: the set cannot be made admissible
        reach = inm | cand
        for e in self.found:
            if reach & e == reach:
                return  # cannot grow past an extension already found
        if not cand:
            if must_out == 0:
                self.found.append(inm)
            return
        # Branch on a candidate that attacks a must-out argument if any (it settles the most).
        pick = cand
        for y in _bits(must_out):
            if att[y] & cand:
                pick = att[y] & cand
                break
        x = (pick & -pick).bit_length() - 1
        self._search(inm | 1 << x, excl)
        self._search(inm, excl | 1 << x)


def _preferred_index_sets(
    af: Framework, tgt: Sequence[Sequence[int]]
) -> tuple[list[Label], list[list[int]], list[list[frozenset[int]]]]:
    """The grounded labels, the undecided parts, and each part's preferred extensions."""
    g = grounded_indices(af, tgt)
    undecided = [i for i, lab in enumerate(g) if lab == UNDEC]
    comps = _components(undecided, af, tgt)
    parts: list[list[frozenset[int]]] = []
    for comp in comps:
        local = {x: i for i, x in enumerate(comp)}
        att = [sum(1 << local[a] for a in af.attackers[x] if a in local) for x in comp]
        tg = [sum(1 << local[b] for b in tgt[x] if b in local) for x in comp]
        masks = _PartSolver(att, tg).solve()
        parts.append([frozenset(comp[i] for i in _bits(m)) for m in masks])
    return g, comps, parts


def _product(
    base: frozenset[int], parts: list[list[frozenset[int]]], limit: int | None
) -> list[frozenset[int]]:
    exts = [base]
    for options in parts:
        exts = [e | o for e in exts for o in options]
        if limit is not None and len(exts) > limit:
            raise TooManyExtensions(f"more than {limit:,} extensions")
    return exts


def preferred_index_extensions(af: Framework, limit: int | None = None) -> list[frozenset[int]]:
    """Preferred extensions as sets of indices (``limit`` guards against a product blow-up)."""
    g, _, parts = _preferred_index_sets(af, af.targets())
    base = frozenset(i for i, lab in enumerate(g) if lab == IN)
    return _product(base, parts, limit)


def stable_index_extensions(af: Framework, limit: int | None = None) -> list[frozenset[int]]:
    """Stable extensions as sets of indices: preferred ones that attack everything else.

    Per part: arguments outside the undecided parts are grounded-in or attacked by the
    grounded extension, and an undecided argument is attacked only from its own part.
    """
    tgt = af.targets()
    g, comps, parts = _preferred_index_sets(af, tgt)
    stable_parts: list[list[frozenset[int]]] = []
    for comp, options in zip(comps, parts, strict=True):
        keep = []
        for e in options:
            hit = set(e)
            for x in e:
                hit.update(tgt[x])
            if hit.issuperset(comp):
                keep.append(e)
        if not keep:
            return []
        stable_parts.append(keep)
    base = frozenset(i for i, lab in enumerate(g) if lab == IN)
    return _product(base, stable_parts, limit)


def _names(af: Framework, exts: list[frozenset[int]]) -> list[frozenset[str]]:
    return [frozenset(af.names[i] for i in e) for e in exts]


def preferred_extensions(af: Framework, limit: int | None = None) -> list[frozenset[str]]:
    """Every preferred extension (maximal admissible set)."""
    return _names(af, preferred_index_extensions(af, limit))


def stable_extensions(af: Framework, limit: int | None = None) -> list[frozenset[str]]:
    """Every stable extension (conflict-free, attacks every argument outside it); may be none.

    >>> odd = Framework.from_attacks("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    >>> stable_extensions(odd)
    []
    """
    return _names(af, stable_index_extensions(af, limit))


def sceptical_labels(af: Framework, extensions: Sequence[frozenset[str]]) -> dict[str, Label]:
    """``in`` if in every extension, ``out`` if attacked by every extension, else ``undecided``.

    With no extension at all (stable semantics can have none) every argument is
    ``undecided``: nothing is established, and "in every one of no extensions" would make
    conflicting arguments all ``in``.
    """
    if not extensions:
        return {n: UNDEC for n in af.names}
    tgt = af.targets()
    index = {n: i for i, n in enumerate(af.names)}
    attacked_sets = []
    for e in extensions:
        hit: set[int] = set()
        for name in e:
            hit.update(tgt[index[name]])
        attacked_sets.append(hit)
    labels: dict[str, Label] = {}
    for i, n in enumerate(af.names):
        if all(n in e for e in extensions):
            labels[n] = IN
        elif all(i in hit for hit in attacked_sets):
            labels[n] = OUT
        else:
            labels[n] = UNDEC
    return labels
