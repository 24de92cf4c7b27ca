"""The Argdown reader on what the conformance set does not cover: includes, inference data,
hostile input, empty files."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.formats.argdown_document import read_document
from argmap.formats.common import collecting_losses
from argmap.model import ArgumentMap


def _read(text: str, name: str = "t.argdown") -> tuple[ArgumentMap, list[str]]:
    with collecting_losses() as lost:
        m = argdown.read(text.encode(), name)
    return m, lost


def test_an_inference_that_lists_its_premises_uses_only_those() -> None:
    text = "<A>\n\n(1) [P]: p\n(2) [Q]: q\n(3) [R]: r\n-- {uses: [1, 3]} --\n(4) [C]: c\n"
    m, _ = _read(text)
    assert [(r.id, r.premises, r.target) for r in m.relations()] == [("A", ("P", "R"), "C")]


def test_includes_are_relative_read_once_and_missing_ones_reported(tmp_path: Path) -> None:
    (tmp_path / "a.argdown").write_text("[A]: from a\n\n@include(b.argdown)\n")
    (tmp_path / "b.argdown").write_text("[B]: from b\n  + [A]\n\n@include(a.argdown)\n")
    main = tmp_path / "main.argdown"
    (tmp_path / "secret.txt").write_text("a private key")
    main.write_text(
        "[M]: main\n\n@include(a.argdown, missing.argdown, /etc/hostname, secret.txt)\n"
    )
    m, lost = _read(main.read_text(), str(main))
    assert sorted(c.id for c in m.claims()) == ["A", "B", "M"]  # the cycle a → b → a ends
    assert [(r.premises, r.target) for r in m.relations()] == [(("A",), "B")]
    assert any("missing.argdown" in x and "could not be read" in x for x in lost), lost
    assert any("/etc/hostname" in x and "not followed" in x for x in lost), lost
    assert any("secret.txt" in x and "not followed" in x for x in lost), lost


def test_contradictions_and_contrary_relations_are_attacks_kept_in_data_not_reported() -> None:
    m, lost = _read("[A]: a\n  >< [B]: b\n")
    assert sorted((r.premises, r.target) for r in m.relations()) == [(("A",), "B"), (("B",), "A")]
    assert all(r.data == {"argdown": {"relation": "contradictory"}} for r in m.relations())
    assert lost == []
    written = argdown.dumps(m)
    assert written.count("><") == 1 and "  - [" not in written  # one "><", no two attacks
    strict = "===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  - [B]: b\n  + [C]: c\n"
    doc = read_document(strict)
    assert [r.kind for r in doc.relations] == ["contrary", "entails"]
    m, lost = _read(strict)
    assert [(r.kind.value, r.data["argdown"]["relation"]) for r in m.relations()] == [
        ("attack", "contrary"),
        ("support", "entails"),
    ]
    assert lost == []
    assert "model: {mode: strict}" in argdown.dumps(m)
    back, _ = _read(argdown.dumps(m))
    assert {(r.premises, r.target, r.data) for r in back.relations()} == {
        (r.premises, r.target, r.data) for r in m.relations()
    }


def test_a_contradiction_missing_its_mirror_is_written_as_an_attack() -> None:
    m, _ = _read("[A]: a\n  >< [B]: b\n")
    m.disconnect(next(r.id for r in m.relations() if r.target == "A"))
    written = argdown.dumps(m)
    assert "><" not in written
    back, _ = _read(written)
    assert [(r.premises, r.target, r.kind.value) for r in back.relations()] == [
        (("A",), "B", "attack")
    ]


def test_inline_data_inference_rules_and_argument_titles_are_kept_and_written_back() -> None:
    text = (
        "[A]: Statement A. {source: DW, year: 2015, ok: true, share: 0.5, none: null}\n\n"
        "<Arg1>: An argument. {weight: 3}\n\n"
        "(1) [P]: Premise.\n--\nModus ponens, Specification {uses: [1], note: x}\n--\n"
        "(2) [A]\n\n"
        "<Solo>\n\n(1) [Q]: Q premise.\n----\n(2) [A]\n\n"
        "<Plain>: An argument without structure. {rank: 2}\n  - [A]\n"
    )
    m, lost = _read(text)
    assert lost == []
    assert m.claim("A").data == {
        "argdown": {"data": {"source": "DW", "year": 2015, "ok": True, "share": 0.5, "none": None}}
    }
    assert m.relation("Arg1").data == {
        "argdown": {
            "title": "Arg1",
            "description": "An argument.",
            "data": {"weight": 3},
            "inference": {"rules": ["Modus ponens", "Specification"], "data": {"note": "x"}},
        }
    }
    assert m.relation("Solo").data == {"argdown": {"title": "Solo"}}
    assert m.claim("Plain").data == {"argdown": {"argument": True, "data": {"rank": 2}}}
    written = argdown.dumps(m)
    assert "<Solo>" in written and '<Plain>: An argument without structure. {"rank": 2}' in written
    assert 'Modus ponens, Specification {"note": "x"}' in written
    back, lost = _read(written)
    assert lost == []
    assert {c.id: c.data for c in back.claims()} == {c.id: c.data for c in m.claims()}
    assert {r.id: r.data for r in back.relations()} == {r.id: r.data for r in m.relations()}


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ("", "line 1:1", "no statement or argument"),
        ("===\ntitle: only front matter\n===\n", "line 3:4", "no statement or argument"),
        ("a\n" + "".join(" " * (i + 1) + "+ b\n" for i in range(300)), "line 202:1", "deeper"),
        ("*a " * 300, "line 1:601", "nested deeper"),
    ],
)
def test_refused_with_a_line(text: str, place: str, message: str) -> None:
    with pytest.raises(ArgmapError) as info:
        argdown.read(text.encode(), "bad.argdown")
    assert info.value.place == place and message in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        # Each of these took quadratic time in the reference's patterns (over the pytest
        # time limit at this size); now each token is matched in time of its own length.
        "a {" * 60_000,
        "x [" * 60_000,
        "x <" * 60_000,
        "#(" * 60_000,
        "<!--" * 60_000,
        "x [a] y" * 60_000,
    ],
)
def test_unclosed_delimiters_read_in_linear_time(text: str) -> None:
    try:
        _read(text)
    except ArgmapError as e:
        assert "\n" not in str(e)


def test_a_tagged_reference_keeps_the_text_of_the_definition() -> None:
    m, _ = _read("[c]: The real text.\n\n[c] #later-tag\n")
    assert m.claim("c").text == "The real text." and m.claim("c").tags == ("later-tag",)


def test_sentence_ends_stay_text_and_shortcodes_around_them_are_still_read() -> None:
    # what `argdown json` (@argdown/cli 1.7) gives for this text: a "." or ":" before a blank
    # or the line's end is text, a shortcode right after one is still its character
    doc = read_document("[a]: One. Two: three .^. four.:~: end.\n\n[b]: Ends: .\n")
    assert [m.text for m in doc.statements["a"].members] == ["One. Two: three ∧ four.¬ end."]
    assert [m.text for m in doc.statements["b"].members] == ["Ends: ."]


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("[a]: A {x: " + "[" * 5000 + "]" * 5000 + "}\n", "line 1: data"),
        ("===\nx: " + "[" * 5000 + "]" * 5000 + "\n===\n\n[a]: A\n", "front matter"),
        ("===\n" + "".join(" " * i + "k:\n" for i in range(3000)) + "===\n\n[a]: A\n", "front"),
    ],
)
def test_deeply_nested_data_is_dropped_with_a_warning(text: str, dropped: str) -> None:
    m, lost = _read(text)
    assert m.claim("a").text == "A"
    assert any(dropped in x and "nested deeper" in x for x in lost), lost


def test_sections_are_kept_as_each_statements_headings_and_written_back() -> None:
    text = (
        "[Free]: no heading.\n\n# Part one\n\n[A]: a\n  - [B]: b\n\n## Detail\n\n"
        "[C]: c\n  + [D]: d\n\n# Part two\n\n[E]: e\n  - [A]\n"
    )
    m, lost = _read(text)
    assert lost == []
    sections = {c.id: c.data.get("argdown", {}).get("section") for c in m.claims()}
    assert sections == {
        "Free": None,
        "A": ("Part one",),
        "B": ("Part one",),
        "C": ("Part one", "Detail"),
        "D": ("Part one", "Detail"),
        "E": ("Part two",),
    }
    written = argdown.dumps(m)
    assert written.index("[Free]") < written.index("# Part one") < written.index("[A]")
    assert written.index("## Detail") < written.index("[C]") < written.index("# Part two")
    back, lost = _read(written)
    assert lost == [] and {c.id: c.data for c in back.claims()} == {
        c.id: c.data for c in m.claims()
    }


def test_headings_without_statements_are_still_reported() -> None:
    _, lost = _read("# Empty\n\n# Full\n\n[A]: a\n")
    assert any("headings without statements" in x for x in lost), lost
