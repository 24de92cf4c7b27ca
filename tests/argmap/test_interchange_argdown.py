"""Argdown: our export read by the real Argdown parser, round trips, and Argdown by people."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from argmap.errors import ArgmapError
from argmap.formats import argdown, detect
from argmap.formats.common import collecting_losses
from argmap.model import ArgumentMap
from tests.argmap.interchange_helpers import REPO, assert_same_claims, relation_keys, seed_maps

SEEDS = seed_maps()
ARGDOWN_CACHE = Path(os.environ.get("ARGMAP_ARGDOWN_CACHE", REPO / ".cache" / "argdown"))


def _unavailable(why: str) -> NoReturn:
    """Without the real parser the oracle tests skip, but under CI they fail."""
    if os.environ.get("CI") == "true":
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="session")
def argdown_cli() -> Path:
    """The real Argdown command line, installed once per machine into .cache/argdown."""
    exe = ARGDOWN_CACHE / "node_modules" / ".bin" / "argdown"
    if exe.exists():
        return exe
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        _unavailable("Node.js/npm not found: cannot install the Argdown parser (@argdown/cli)")
    ARGDOWN_CACHE.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(ARGDOWN_CACHE),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "@argdown/cli@1",
            ],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    except subprocess.TimeoutExpired:
        _unavailable("npm install @argdown/cli took over 240 s (registry unreachable?)")
    if result.returncode != 0 or not exe.exists():
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        _unavailable(f"npm install @argdown/cli failed: {last}")
    return exe


@pytest.fixture(scope="session")
def parsed_seeds(argdown_cli: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every seed map exported by us and parsed by the real parser (one run for all)."""
    src = tmp_path_factory.mktemp("argdown-in")
    out = tmp_path_factory.mktemp("argdown-out")
    for name, m in SEEDS:
        (src / (Path(name).stem + ".argdown")).write_bytes(argdown.write(m))
    result = subprocess.run(
        [str(argdown_cli), "json", str(src / "*.argdown"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "canceled" not in result.stdout + result.stderr, result.stdout + result.stderr
    return {name: json.loads((out / (Path(name).stem + ".json")).read_text()) for name, _ in SEEDS}


def _tag_suffix(tags: list[str]) -> str:
    """Tags as the parser leaves them at the end of a statement's text."""
    simple = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
    return "".join(f" #{t}" if set(t) <= simple else f" #({t})" for t in tags)


def _interpret(doc: dict) -> tuple[dict[str, dict], list[tuple]]:
    """Claims and relations as the real parser saw them, under the documented mapping:
    an argument whose conclusion has the argument's own title stands for an attack or
    undercut with its premises; any other argument supports its conclusion."""
    args = doc["arguments"]

    def pcs(a: dict) -> tuple[tuple[str, ...], str]:
        prem = tuple(sorted(s["title"] for s in a["pcs"] if s["role"] == "premise"))
        (concl,) = [s["title"] for s in a["pcs"] if s["role"] == "main-conclusion"]
        return prem, concl

    aux = {t for t, a in args.items() if pcs(a)[1] == t}
    out_of: dict[str, list[dict]] = {}
    for r in doc["relations"]:
        out_of.setdefault(r["from"], []).append(r)

    def arg_key(title: str) -> tuple:
        prem, concl = pcs(args[title])
        if title not in aux:
            return ("support", prem, concl)
        (r,) = out_of[title]
        return (r["relationType"], prem, target(r))

    def target(r: dict) -> object:
        if r["toType"] == "inference":
            return arg_key(r["to"])
        return r["to"]

    relations = [arg_key(t) for t in args]
    relations += [
        (r["relationType"], (r["from"],), target(r))
        for r in doc["relations"]
        if r["from"] not in aux
    ]
    claims = {t: s for t, s in doc["statements"].items() if t not in aux}
    return claims, sorted(relations, key=repr)


@pytest.mark.parametrize(("name", "m"), SEEDS, ids=[n for n, _ in SEEDS])
def test_real_argdown_parser_reads_our_export(name: str, m: ArgumentMap, parsed_seeds) -> None:
    doc = parsed_seeds[name]
    claims, relations = _interpret(doc)
    assert set(claims) == {c.id for c in m.claims()}
    for c in m.claims():
        st = claims[c.id]
        assert st.get("tags", []) == list(c.tags), c.id
        members = [x for x in st["members"] if x.get("text", "").strip()]
        # The space before our inline data is the parser's, not part of the text.
        texts = [x["text"].rstrip() for x in members]
        assert texts == [c.text + _tag_suffix(list(c.tags))], c.id
        # What Argdown cannot say reaches the parser as the statement's data.
        data = members[0].get("data", {}).get("argmap", {})
        if c.attribution is not None:
            assert data["attribution"]["name"] == c.attribution.name, c.id
        for r in m.relations_from(c.id):
            if r.kind.value in ("qualify", "supersede") and len(r.premises) == 1:
                key = "qualifies" if r.kind.value == "qualify" else "supersedes"
                assert r.target in data[key], (c.id, r.id)
    # A one-premise qualify or supersede is written as its nearest construct, an attack.
    nearest = {"qualify": "attack", "supersede": "attack"}
    assert relations == sorted(
        ((nearest.get(k, k), p, t) for k, p, t in relation_keys(m)), key=repr
    )
    kinds = [nearest.get(r.kind.value, r.kind.value) for r in m.relations()]
    needs_arg = {r.id for r in m.relations() if len(r.premises) > 1} | {
        r.target for r in m.relations() if r.kind.value == "undercut"
    }
    assert len(doc["arguments"]) == len(needs_arg)
    # statements: the claims plus one conclusion per attack/undercut written as an argument
    extra = sum(1 for r in m.relations() if r.id in needs_arg and r.kind.value != "support")
    assert len(doc["statements"]) == m.claim_count + extra
    assert sum(1 for r in doc["relations"] if r["relationType"] == "attack") == kinds.count(
        "attack"
    )
    assert sum(1 for r in doc["relations"] if r["relationType"] == "undercut") == kinds.count(
        "undercut"
    )


@pytest.mark.parametrize(("name", "m"), SEEDS, ids=[n for n, _ in SEEDS])
def test_seed_round_trip(name: str, m: ArgumentMap) -> None:
    with collecting_losses() as lost_on_write:
        data = argdown.write(m)
    with collecting_losses() as lost_on_read:
        back = argdown.read(data, name + ".argdown")
    assert lost_on_read == []
    assert "Argdown keeps no articles or anchors" in lost_on_write
    assert_same_claims(m, back, anchors=False)
    assert relation_keys(back) == relation_keys(m)
    assert back.thesis == m.thesis and back.title == m.title
    # relations written as arguments keep their ids
    for r in m.relations():
        if len(r.premises) > 1:
            kept = back.relation(r.id)
            assert (kept.kind, kept.premises, kept.target) == (r.kind, r.premises, r.target)


def test_special_characters_survive() -> None:
    m = ArgumentMap("T")
    text = "See http://x.org/a_b*c, #1 [a] <b> {c} @d `e` ~f \\g // h /* i */"
    m.add_claim(text, id="a", tags=["simple", "two words", "x.y"])
    m.add_claim("B", id="b")
    m.connect(["b"], "a", "attack")
    back = argdown.read(argdown.write(m), "x.argdown")
    assert back.claim("a").text == text
    assert back.claim("a").tags == ("simple", "two words", "x.y")


HUMAN = """===
title: Cars in the city
author: someone
===

// A map written by hand.
/* A block comment
   over two lines. */

# Main question

[Ban]: Cities should ban cars from the centre. #policy
  + [Air]: Cars make the air dirty. #(public health)
    - [Electric]: Electric cars
      do not pollute the air.
  - <Shops>: Shops need deliveries.
  <+ [Space]: Streets would have room for people.
  <- [Jobs]

[Jobs]: Drivers would lose their jobs.
  -> [Space]
  >< [Jobs fine]: Nobody loses a job.

<Health>

(1) [Air]
(2) [Harm]: Dirty air harms people.
----
(3) [Cost]: Dirty air costs the city money.
(4) [Money]: The city should avoid costs.
----
(5) [Ban]

[Tram]: Trams serve the shops.
  _> <Health>
"""


def test_argdown_written_by_people() -> None:
    with collecting_losses() as lost:
        m = argdown.read(HUMAN.encode(), "human.argdown")
    assert m.title == "Cars in the city"
    assert m.claim("Electric").text == "Electric cars do not pollute the air."
    assert m.claim("Air").tags == ("public health",)
    assert m.claim("Jobs").text == "Drivers would lose their jobs."
    rel = {(r.kind.value, tuple(sorted(r.premises)), r.target) for r in m.relations()}
    assert ("support", ("Air",), "Ban") in rel
    assert ("attack", ("Electric",), "Air") in rel
    assert ("attack", ("Shops",), "Ban") in rel  # an argument without structure is a claim
    assert ("support", ("Space",), "Ban") in rel
    assert ("attack", ("Jobs",), "Ban") in rel
    assert ("attack", ("Jobs",), "Space") in rel  # outgoing ->
    assert ("attack", ("Jobs fine",), "Jobs") in rel and ("attack", ("Jobs",), "Jobs fine") in rel
    assert ("support", ("Air", "Harm"), "Cost") in rel  # first inference step
    assert ("support", ("Cost", "Money"), "Ban") in rel  # second step uses the first conclusion
    undercut = next(r for r in m.relations() if r.kind.value == "undercut")
    assert undercut.premises == ("Tram",) and m.relation(undercut.target).target == "Ban"
    assert m.thesis == "Ban"
    assert m.claim("Ban").data["argdown"]["section"] == ("Main question",)
    assert m.claim("Shops").data["argdown"]["section"] == ("Main question",)
    assert "\n# Main question\n\n[Ban]" in argdown.dumps(m)
    assert not any("sections" in x for x in lost), lost
    assert not any("><" in x or "contrad" in x or "inline data" in x for x in lost), lost
    jobs = [r for r in m.relations() if set(r.premises) | {r.target} == {"Jobs", "Jobs fine"}]
    assert len(jobs) == 2 and all(r.data["argdown"]["relation"] == "contradictory" for r in jobs)
    assert m.claim("Shops").data["argdown"]["argument"] is True


def test_argdown_detected_by_content() -> None:
    assert detect("notes.txt", b"[A]: text\n  + [B]: more\n").name == "argdown"


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        (b"===\ntitle: x\n\n[A]: a\n", "line 1:1", "not closed"),
        (b"[A]: a\n\n  + [B]\n", "line 3:3", "without an element"),
        (b"[A]: a\n----\n", "line 2:1", "inference line"),
        (b"<A>\n\n(1) [P]\n\n[B]: b\n", "line 5:1", "without a conclusion"),
        (b"[A]: a\n[B]: \xff\n", "line 2:6", "invalid UTF-8"),
        # a reference mid-text is refused by the real parser too (at 3:6)
        (b"[A]: a\n  so what\n  ?? [x]\n", "line 3:6", "found '[x]'"),
        (b"[A]: a\n  so what\n  ?? x\n", "", ""),
    ],
)
def test_bad_argdown_is_one_line_error(text: bytes, place: str, message: str) -> None:
    if not message:  # continuation text is allowed: this one must read
        assert argdown.read(text, "ok.argdown").claim("A").text == "a so what ?? x"
        return
    with pytest.raises(ArgmapError) as info:
        argdown.read(text, "bad.argdown")
    assert info.value.place == place
    assert message in info.value.message


def test_human_argdown_reads_like_the_real_parser(argdown_cli: Path, tmp_path: Path) -> None:
    """The hand-written example is valid Argdown, and we see its statements and
    statement relations as the real parser does."""
    (tmp_path / "human.argdown").write_text(HUMAN)
    result = subprocess.run(
        [str(argdown_cli), "json", str(tmp_path / "human.argdown"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "canceled" not in result.stdout + result.stderr
    doc = json.loads((tmp_path / "human.json").read_text())
    m = argdown.read(HUMAN.encode(), "human.argdown")
    plain_args = {t for t, a in doc["arguments"].items() if not a.get("pcs")}
    assert {c.id for c in m.claims()} == set(doc["statements"]) | plain_args
    ours = {(r.kind.value, r.premises[0], r.target) for r in m.relations() if len(r.premises) == 1}
    for r in doc["relations"]:
        if r["relationType"] in ("support", "attack"):
            assert (r["relationType"], r["from"], r["to"]) in ours


def test_inline_data_is_kept_in_the_claims_data_not_reported() -> None:
    """Argdown reads a trailing ``{…}`` as data (checked with the real parser by hand)."""
    with collecting_losses() as lost:
        m = argdown.read(b'[A]: text here {color: "red"}\n  + [B]: b \\{kept\\}\n', "d.argdown")
    assert m.claim("A").text == "text here"
    assert m.claim("A").data == {"argdown": {"data": {"color": "red"}}}
    assert m.claim("B").text == "b {kept}" and not m.claim("B").data
    assert lost == []
    assert '[A]: text here {"color": "red"}' in argdown.dumps(m)


def _awkward_maps(count: int) -> list[ArgumentMap]:
    """Deterministic random maps whose texts use every character Argdown treats specially."""
    import random

    rng = random.Random(7)
    pool = [*"abc xyz ÄéΩ中🙂[]<>#@*_{}/\\:+-()\"'&;=~`!?.,%$^|", "//", "/*", "*/", "http://"]
    pool += [".x.", ":x:", "e.g.", "3.14", "**", "__", "[a](b)", "#tag", "@[c0]", "<!--", "-->"]
    out = []
    for k in range(count):
        m = ArgumentMap(f"awkward {k}")
        n = rng.randint(2, 7)
        for i in range(n):
            text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 30))).strip() or "x"
            m.add_claim(
                " ".join(text.split()),
                id=f"c{i}",
                tags=rng.sample(["t", "two words"], rng.randint(0, 2)),
            )
        for i in range(1, n):
            target = rng.randrange(i)
            premises = [f"c{i}"] + (
                [f"c{rng.randint(target + 1, i - 1)}"]
                if target + 1 < i and rng.random() < 0.3
                else []
            )
            rel = m.connect(
                list(dict.fromkeys(premises)), f"c{target}", rng.choice(["support", "attack"])
            )
            if rng.random() < 0.3:  # undercuts of any relation, undercuts included
                aimed = rng.choice([rel.id, *sorted(r.id for r in m.relations())])
                m.connect([f"c{rng.randrange(n)}"], aimed, "undercut")
        m.update_map(thesis="c0")
        out.append(m)
    return out


def test_real_parser_reads_awkward_texts(argdown_cli: Path, tmp_path: Path) -> None:
    maps = _awkward_maps(80)
    for k, m in enumerate(maps):
        (tmp_path / f"m{k}.argdown").write_bytes(argdown.write(m))
    result = subprocess.run(
        [str(argdown_cli), "json", str(tmp_path / "*.argdown"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "canceled" not in result.stdout + result.stderr, result.stdout + result.stderr
    for k, m in enumerate(maps):
        doc = json.loads((tmp_path / "out" / f"m{k}.json").read_text())
        claims, relations = _interpret(doc)
        assert set(claims) == {c.id for c in m.claims()}
        for c in m.claims():
            texts = [x["text"] for x in claims[c.id]["members"] if x.get("text", "").strip()]
            assert texts == [c.text + _tag_suffix(list(c.tags))], (k, c.id)
        assert relations == relation_keys(m), k


RULES = b"""<A>

(1) [P]: p
(2) [Q]: q
--
Modus ponens {uses: [1, 2]}
--
(3) [C]: c
-- Rule two --
(4) [D]: d
"""


def test_inference_rules_are_kept_in_each_steps_data_and_written_back() -> None:
    """Valid Argdown (the real parser reads C as intermediary and D as main conclusion)."""
    with collecting_losses() as lost:
        m = argdown.read(RULES, "rules.argdown")
    steps = {(r.premises, r.target): r.data["argdown"] for r in m.relations()}
    assert steps == {
        # ``uses`` is what the relation's premises say; it is not kept twice
        (("P", "Q"), "C"): {"title": "A-step1", "inference": {"rules": ["Modus ponens"]}},
        (("C",), "D"): {"title": "A", "inference": {"rules": ["Rule two"]}},
    }
    assert lost == []
    written = argdown.dumps(m)
    assert "--\nModus ponens\n--" in written and "--\nRule two\n--" in written
    back = argdown.read(written.encode(), "back.argdown")
    assert {r.id: r.data for r in back.relations()} == {r.id: r.data for r in m.relations()}


def test_ids_that_cannot_be_titles_are_replaced_and_reported() -> None:
    m = ArgumentMap()
    m.add_claim("A", id="a]b")
    m.add_claim("B", id="<b>")
    m.connect(["<b>"], "a]b", "attack")
    with collecting_losses() as lost:
        data = argdown.write(m)
    back = argdown.read(data, "ids.argdown")
    assert sorted(c.text for c in back.claims()) == ["A", "B"]
    assert [
        (r.kind.value, back.claim(r.premises[0]).text, back.claim(r.target).text)
        for r in back.relations()
    ] == [("attack", "B", "A")]
    assert sum("cannot be an Argdown title" in x for x in lost) == 2


def _fidelity_map() -> ArgumentMap:
    from argmap.model.elements import Attribution, AttributionKind

    m = ArgumentMap("Fidelity")
    for cid in ("t", "q", "q2", "q3", "l", "o", "e"):
        m.add_claim(f"Claim {cid}.", id=cid)
    m.connect(["q"], "t", "qualify")
    m.connect(["q2", "q3"], "t", "qualify", id="lq")  # linked: written as an argument
    m.connect(["l"], "o", "supersede")
    m.connect(["o"], "t", "attack")
    m.connect(["e"], "o", "attack")
    m.update_map(thesis="t")
    odd = 'A {B} #c [d] <e>: "f" \\ g'
    m.update_claim("o", attribution=Attribution(AttributionKind.NAMED, odd, "Russian FM"))
    m.update_claim("q", attribution=Attribution(AttributionKind.REPORTED))
    m.update_claim("e", provenance="editor")
    return m


def test_real_parser_and_apply_argmap_data_bring_back_qualify_supersede_and_attribution(
    argdown_cli: Path, tmp_path: Path
) -> None:
    """What the real parser reads from our export, mapped by ``apply_argmap_data`` (the
    function our reader calls), gives back the kinds, attribution and provenance."""
    from argmap.model.elements import Claim, Relation, RelationKind

    m = _fidelity_map()
    (tmp_path / "f.argdown").write_bytes(argdown.write(m))
    result = subprocess.run(
        [str(argdown_cli), "json", str(tmp_path / "f.argdown"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "canceled" not in result.stdout + result.stderr, result.stdout + result.stderr
    doc = json.loads((tmp_path / "f.json").read_text())
    claims_seen, _ = _interpret(doc)
    claims = [Claim(t, "x") for t in claims_seen]
    relations: list[Relation] = []
    for title, a in doc["arguments"].items():
        prem = tuple(s["title"] for s in a["pcs"] if s["role"] == "premise")
        (out,) = [r for r in doc["relations"] if r["from"] == title]
        relations.append(Relation(title, RelationKind(out["relationType"]), prem, out["to"]))
    for i, r in enumerate(doc["relations"]):
        if r["from"] in claims_seen:
            relations.append(
                Relation(f"x{i}", RelationKind(r["relationType"]), (r["from"],), r["to"])
            )
    got_claims, got_relations = argdown.apply_argmap_data(
        claims,
        relations,
        {t: s.get("data") or {} for t, s in doc["statements"].items()},
        {t: a.get("data") or {} for t, a in doc["arguments"].items()},
        {c.id: c.id for c in claims},
    )
    by_id = {c.id: c for c in got_claims}
    for c in m.claims():
        assert (by_id[c.id].attribution, by_id[c.id].provenance) == (c.attribution, c.provenance)
    assert sorted((r.kind.value, r.premises, r.target) for r in got_relations) == sorted(
        (r.kind.value, r.premises, r.target) for r in m.relations()
    )


def test_our_reader_brings_back_qualify_supersede_attribution_and_provenance() -> None:
    m = _fidelity_map()
    with collecting_losses() as lost:
        back = argdown.read(argdown.write(m), "fidelity.argdown")
    for c in m.claims():
        got = back.claim(c.id)
        assert (got.attribution, got.provenance) == (c.attribution, c.provenance), c.id
    assert sorted((r.kind.value, r.premises, r.target) for r in back.relations()) == sorted(
        (r.kind.value, r.premises, r.target) for r in m.relations()
    )
    assert not any("inline data" in x for x in lost)


def test_foreign_inline_data_is_kept_beside_argmaps_own() -> None:
    text = b'[A]: Text. {colour: red, argmap: {provenance: "editor"}}\n'
    with collecting_losses() as lost:
        m = argdown.read(text, "data.argdown")
    assert lost == []
    a = m.claim("A")
    assert a.data == {"argdown": {"data": {"colour": "red"}}} and a.provenance == "editor"
    written = argdown.dumps(m)
    assert '[A]: Text. {"colour": "red", "argmap": {"provenance": "editor"}}' in written


def test_inline_data_argmap_cannot_keep_is_reported_and_left_out() -> None:
    huge = b"[A]: Text. {blob: " + b"x" * 70_000 + b"}\n"
    with collecting_losses() as lost:
        m = argdown.read(huge, "data.argdown")
    assert not m.claim("A").data and any("data too large" in x for x in lost), lost
