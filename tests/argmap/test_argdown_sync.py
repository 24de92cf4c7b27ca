"""Map and Argdown text in step: merging a read text into a live map, text for a changed map."""

from __future__ import annotations

import random

import pytest

from argmap.formats import argdown_sync as sync
from argmap.formats.argdown_sync import ParseError
from argmap.model import Anchor, ArgumentMap, Article
from argmap.model.history import Recorder, undo
from bench.generate import generate_map
from tests.argmap.argdown_conformance import CONFORMANCE, conformance_files


def cats() -> ArgumentMap:
    text = "Cats are good pets. They purr."
    m = ArgumentMap("Cats")
    m.add_article(Article("a1", text, "About cats"))
    m.add_claim("Cats are good pets", id="t", position=(300, 100), pinned=True)
    m.update_claim("t", anchors=[Anchor("a1", 0, 18, text[:18])])
    m.add_claim("They purr", id="r", position=(150, 300), notes="heard it")
    m.add_claim("They scratch", id="o", position=(450, 300))
    m.add_claim("Posts help", id="p", position=(450, 500))
    m.connect(["r"], "t", "support", id="s1")
    m.connect(["o"], "t", "attack", id="a1r")
    m.connect(["p"], "a1r", "undercut", id="u1")
    m.update_map(thesis="t")
    return m


def read(text: str) -> ArgumentMap:
    parsed = sync.parse(text)
    assert not isinstance(parsed, ParseError), parsed
    return parsed


def test_merging_a_text_keeps_what_argdown_does_not_carry() -> None:
    m = cats()
    before = m.copy()
    text = sync.dumps(m).replace("They purr", "They purr softly") + "\n[n]: New\n  -> [o]\n"
    with Recorder(m) as rec:
        sync.merge_into(m, read(text), lambda near: (1.0, 2.0) if near == "o" else None)
    assert sync.same_content(m, read(text))
    assert m.claim("r").text == "They purr softly" and m.claim("r").notes == "heard it"
    assert m.claim("t").position == (300.0, 100.0) and m.claim("t").pinned
    assert m.claim("t").anchors and m.has_article("a1")
    assert m.claim("n").position == (1.0, 2.0)  # next to the claim it attacks
    # Relations keep their ids (Argdown has none for one-premise relations), undercut too.
    assert {r.id for r in before.relations()} <= {r.id for r in m.relations()}
    undo(m, rec.events)
    assert m == before


def test_inline_data_typed_in_the_text_reaches_the_claims_data_and_undoes() -> None:
    m = cats()
    m.update_claim("r", data={"mine": 1})  # not Argdown's: stays
    before = m.copy()
    text = sync.dumps(m).replace("[r]: They purr", '[r]: They purr {colour: "red"}')
    text += "\n[n]: New {rank: 2}\n  -> [o]\n"
    with Recorder(m) as rec:
        sync.merge_into(m, read(text), lambda near: None)
    assert m.claim("r").data == {"mine": 1, "argdown": {"data": {"colour": "red"}}}
    assert m.claim("n").data == {"argdown": {"data": {"rank": 2}}}
    undo(m, rec.events)
    assert m == before


def test_a_renamed_claim_keeps_the_place_of_the_one_it_replaces() -> None:
    m = cats()
    text = sync.dumps(m).replace("[r]", "[purring]")
    sync.merge_into(m, read(text))
    assert not m.has_claim("r")
    assert m.claim("purring").position == (150.0, 300.0)
    assert m.claim("purring").notes == "heard it"


def test_removing_a_claim_in_the_text_removes_it_and_its_relations() -> None:
    m = cats()
    text = sync.dumps(m).replace("[p]: Posts help\n", "").replace("[p]\n  _> <a1r>\n", "")
    assert "[p]" not in text
    sync.merge_into(m, read(text))
    assert not m.has_claim("p") and not m.has_relation("u1")
    assert m.claim("o").position == (450.0, 300.0)


@pytest.mark.skipif(not (CONFORMANCE / "valid").is_dir(), reason="conformance set not here")
def test_every_conformance_file_merges_into_the_map_of_the_one_before() -> None:
    """Others' Argdown (the reference's own tests): going from the map of one file to the
    map of the next, by merging, always ends at what the next file says; undo goes back."""
    live = ArgumentMap()
    for f in conformance_files():
        parsed = sync.parse(f.read_text(encoding="utf-8"), str(f))
        if isinstance(parsed, ParseError):
            continue  # (a file that reads only with its includes' folder: not this test)
        before = live.copy()
        with Recorder(live) as rec:
            sync.merge_into(live, parsed, lambda _near: (0.0, 0.0))
        assert sync.same_content(live, parsed), f.name
        undo(live, rec.events)
        assert live == before, f.name
        sync.merge_into(live, parsed)


def test_text_for_keeps_the_users_text_and_patches_changed_statements() -> None:
    user = (
        "// mine\n[t]: Cats are good pets\n   + [r]:   They purr\n\n[o]: They scratch\n  -> [t]\n"
    )
    m = read(user)
    assert sync.text_for(m, user) == user
    m.update_claim("r", text="They purr softly")
    patched = sync.text_for(m, user)
    assert patched == user.replace("[r]:   They purr", "[r]: They purr softly")
    m.add_claim("Cats are clean", id="c")
    m.connect(["c"], "t")
    appended = sync.text_for(m, user)
    assert appended.startswith(patched.rstrip("\n"))
    assert sync.same_content(read(appended), m)
    m.delete(["o"])  # a removal: the writer's text, which still reads as the map
    assert sync.same_content(read(sync.text_for(m, user)), m)


def test_quick_edits_agree_with_reading_the_whole_text() -> None:
    """Typing one character anywhere: when the quick path answers, it says what reading the
    whole text says."""
    m = generate_map(60, seed=3)
    m.update_claim("c2", tags=["two words", "x"])
    text = sync.dumps(m)
    base = read(text)
    rng = random.Random(7)
    answered = 0
    for _ in range(600):
        at = rng.randrange(len(text))
        new = text[:at] + rng.choice("aZ .:#[]-") + text[at:]
        quick = sync.quick_edit(text, new, base)
        if quick is None:
            continue
        answered += 1
        full = sync.parse(new)
        assert not isinstance(full, ParseError), new[at - 40 : at + 40]
        expected = base.copy()
        expected.update_claim(quick[0], text=quick[1], tags=quick[2])
        assert sync.same_content(full, expected), (quick, new[at - 40 : at + 40])
    assert answered > 200  # most keystrokes land in claim texts
    tagged = text.index("[c2]:")
    tag_at = text.index("#(two words)", tagged) + 5
    assert sync.quick_edit(text, text[:tag_at] + "q" + text[tag_at:], base) is not None


def test_only_changes_argdown_can_show_need_new_text() -> None:
    m = cats()
    with Recorder(m) as rec:
        m.move("t", (1.0, 1.0), pin=False)
        m.update_relation("s1", route=[(0.0, 0.0), (1.0, 1.0)])
        m.update_claim("o", notes="noted")
    assert not any(sync.changes_text(e) for e in rec.events)
    with Recorder(m) as rec:
        m.update_claim("o", text="They scratch a lot")
    with Recorder(m) as rec2:
        m.update_claim("o", tags=["x"])
        m.update_relation("s1", kind="attack")
        m.update_map(thesis=None)
    assert all(sync.changes_text(e) for e in rec.events + rec2.events)
