"""Property tests: any edits undone give the map back; files round-trip byte for byte."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import native
from argmap.model import ArgumentMap, Article
from argmap.model.history import Recorder, undo
from argmap.model.validation import validate_map

ARTICLE = "Moscow says the coalition is illegal. Sanctions over Ukraine continue. " * 3
# Any Unicode a user can type (no unpaired surrogates: they cannot be saved as UTF-8).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
tags = st.lists(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8).filter(str.strip),
    max_size=3,
)


def base_map() -> ArgumentMap:
    m = ArgumentMap(title="Base")
    m.add_article(Article("a", ARTICLE, "Article"))
    m.add_claim("Thesis", id="t")
    m.add_claim("Reason", id="r", anchors=[m.article("a").anchor(0, 36)])
    m.connect(["r"], "t", id="s")
    m.update_map(thesis="t")
    return m


@st.composite
def edit(draw: st.DrawFn) -> tuple:
    return draw(
        st.one_of(
            st.tuples(st.just("add"), texts, tags),
            st.tuples(st.just("text"), st.integers(0, 50), texts),
            st.tuples(st.just("tags"), st.integers(0, 50), tags),
            st.tuples(
                st.just("move"),
                st.integers(0, 50),
                st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4)),
                st.booleans(),
            ),
            st.tuples(
                st.just("connect"),
                st.lists(st.integers(0, 50), min_size=1, max_size=3),
                st.integers(0, 50),
                st.sampled_from(["support", "attack", "undercut"]),
            ),
            st.tuples(st.just("kind"), st.integers(0, 50), st.sampled_from(["support", "attack"])),
            st.tuples(st.just("delete"), st.integers(0, 50)),
            st.tuples(
                st.just("anchor"),
                st.integers(0, 50),
                st.integers(0, len(ARTICLE) - 1),
                st.integers(1, 30),
            ),
            st.tuples(st.just("thesis"), st.integers(0, 50)),
            st.tuples(st.just("title"), texts),
            st.tuples(
                st.just("flags"),
                st.integers(0, 50),
                st.booleans(),
                st.sampled_from([None, "accepted", "rejected"]),
                st.sampled_from([None, "good", "needs-work"]),
            ),
        )
    )


def pick(items: list[str], i: int) -> str | None:
    return items[i % len(items)] if items else None


def apply_edit(m: ArgumentMap, e: tuple) -> None:
    """Apply one random edit; edits the model refuses must leave it untouched."""
    claims = sorted(c.id for c in m.claims())
    relations = sorted(r.id for r in m.relations())
    op = e[0]
    try:
        with Recorder(m):  # rolls back a refused edit
            if op == "add":
                m.add_claim(e[1], tags=e[2])
            elif op == "text" and (c := pick(claims, e[1])):
                m.update_claim(c, text=e[2])
            elif op == "tags" and (c := pick(claims, e[1])):
                m.update_claim(c, tags=e[2])
            elif op == "move" and (c := pick(claims, e[1])):
                m.move(c, e[2], pin=e[3])
            elif op == "connect" and claims:
                premises = list(dict.fromkeys(claims[i % len(claims)] for i in e[1]))
                if e[3] == "undercut":
                    if relations:
                        m.connect(premises, pick(relations, e[2]) or "", "undercut")
                else:
                    m.connect(premises, claims[e[2] % len(claims)], e[3])
            elif op == "kind" and (r := pick(relations, e[1])) and m.relation(r).kind != "undercut":
                m.update_relation(r, kind=e[2])
            elif op == "delete" and (x := pick(claims + relations, e[1])):
                m.delete([x])
            elif op == "anchor" and (c := pick(claims, e[1])):
                start = e[2]
                m.update_claim(
                    c, anchors=[m.article("a").anchor(start, min(len(ARTICLE), start + e[3]))]
                )
            elif op == "thesis":
                m.update_map(thesis=pick(claims, e[1]))
            elif op == "title":
                m.update_map(title=e[1])
            elif op == "flags" and (c := pick(claims, e[1])):
                m.update_claim(c, collapsed=e[2], assumption=e[3], rehearsal=e[4])
    except (ValueError, KeyError):
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit(), max_size=25))
def test_any_edits_undone_give_back_the_map(edits: list[tuple]) -> None:
    m = base_map()
    start = m.copy()
    start_bytes = native.dump_bytes(m)
    with Recorder(m) as rec:
        for e in edits:
            apply_edit(m, e)
    assert [p for p in validate_map(m) if p.severity == "error"] == []
    undo(m, rec.events)
    assert m == start
    assert native.dump_bytes(m) == start_bytes


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit(), max_size=25))
def test_save_load_save_gives_identical_bytes(edits: list[tuple]) -> None:
    m = base_map()
    for e in edits:
        apply_edit(m, e)
    data = native.dump_bytes(m)
    again = native.loads(data)
    assert again == m
    assert native.dump_bytes(again) == data


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
        max_leaves=20,
    )
)
def test_random_json_in_a_map_field_never_escapes_as_a_crash(value: object) -> None:
    """Whatever JSON sits in any field, reading fails (if at all) with a MapFileError."""
    from argmap.errors import ArgmapError

    base = json.loads(native.dumps(base_map()))
    targets = [
        (base, "title"),
        (base, "claims"),
        (base["claims"][0], "text"),
        (base["claims"][1], "anchors"),
        (base["relations"][0], "premises"),
        (base["claims"][0], "position"),
        (base, "articles"),
    ]
    for obj, key in targets:
        d = json.loads(json.dumps(base))
        # Walk the same path in the copy.
        holder = (
            d
            if obj is base
            else (
                d["claims"][0]
                if obj is base["claims"][0]
                else d["claims"][1]
                if obj is base["claims"][1]
                else d["relations"][0]
            )
        )
        holder[key] = value
        try:
            native.loads(json.dumps(d))
        except ArgmapError as err:
            assert "\n" not in err.line()
