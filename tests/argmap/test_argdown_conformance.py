"""Our Argdown reader against the reference parser's JSON (../shared/argdown-conformance).

The files and their JSON are read from ../shared at test time (their licence keeps them out of
the repository). Without the folder the tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.formats.argdown_document import read_document
from argmap.formats.common import collecting_losses
from argmap.model import ArgumentMap
from tests.argmap.argdown_conformance import CONFORMANCE, compare, conformance_files
from tests.argmap.test_interchange_argdown import argdown_cli  # noqa: F401 - the fixture


@pytest.fixture(scope="module")
def conformance() -> None:
    if not (CONFORMANCE / "valid").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Argdown conformance set is missing: {CONFORMANCE}")
        pytest.skip(f"the Argdown conformance set is not here: {CONFORMANCE}")


def test_every_valid_file_reads_as_the_reference_parser(
    conformance: None, capsys: pytest.CaptureFixture[str]
) -> None:
    files = conformance_files()
    assert len(files) >= 211, "the conformance set is incomplete"
    scores: dict[str, tuple[int, int, list[str]]] = {}
    for f in files:
        ref = json.loads(f.with_suffix(".json").read_text(encoding="utf-8"))
        doc = read_document(f.read_text(encoding="utf-8"), f)
        checks = compare(doc, ref)
        failed = [f"{name}: {why}" for name, why in checks.items() if why]
        failed += [f"syntax: line {i.line}:{i.column} {i.message}" for i in doc.issues]
        scores[f.name] = (len(checks) - len(failed), len(checks), failed)
    with capsys.disabled():
        print("\nArgdown conformance, checks passed per file:")
        for name, (ok, total, _) in scores.items():
            if ok < total:
                print(f"  {name}: {ok}/{total}")
        good = sum(1 for ok, total, _ in scores.values() if ok == total)
        print(f"  {good}/{len(scores)} files conform")
    bad = {n: s[2] for n, s in scores.items() if s[2]}
    assert not bad, "\n".join(f"{n}: {why[0][:300]}" for n, why in bad.items())


def test_every_valid_file_imports_as_a_map(conformance: None) -> None:
    for f in conformance_files():
        with collecting_losses():
            m = argdown.read(f.read_bytes(), str(f))
        ref = json.loads(f.with_suffix(".json").read_text(encoding="utf-8"))
        assert m.claim_count >= len(ref["statements"]), f.name


def test_rejected_files_are_refused_with_their_line_or_read_with_a_warning(
    conformance: None,
) -> None:
    rejected = sorted((CONFORMANCE / "rejected").glob("*.argdown"))
    assert len(rejected) == 8
    refused = 0
    for f in rejected:
        reference = f.with_suffix("").with_suffix(".error.txt").read_text()
        try:
            with collecting_losses() as lost:
                argdown.read(f.read_bytes(), str(f))
        except ArgmapError as e:
            refused += 1
            line = str(e)
            assert "\n" not in line and f.name in line, line
            assert e.place and e.place.startswith("line "), line
            # The reference reports its first error on the same line.
            first = reference.split("At ")[1]
            assert e.place.split()[1].split(":")[0] == first.split(":")[0], (line, first)
        else:
            # lenient: only where the syntax is fine and a part (data) could not be read
            assert lost and any("dropped" in x and "line " in x for x in lost), (f.name, lost)
    assert refused >= 7


def test_rejected_file_through_the_cli_is_one_line(conformance: None, tmp_path) -> None:
    f = CONFORMANCE / "rejected" / "core__lexer-relations.argdown"
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "import", str(f), "-o", str(tmp_path / "out.argmap")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and f.name in result.stderr
    assert not (tmp_path / "out.argmap").exists()


def test_garbage_is_read_as_the_reference_does_but_not_silently() -> None:
    with collecting_losses() as lost:
        m = argdown.read(b"garbage [[[", "g.argdown")
    assert [c.text for c in m.claims()] == ["garbage [[["]
    assert any("unclosed '['" in x and "line 1" in x for x in lost), lost


@pytest.mark.parametrize(
    "command",
    [["export", "-o", "OUT.svg"], ["show"], ["evaluate"], ["gaps"], ["stats"], ["validate"]],
    ids=lambda c: c[0],
)
def test_every_command_says_what_a_garbled_file_lost(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not only `argmap import`: any command that reads a garbled file says so, naming it."""
    from argmap.cli import main

    f = tmp_path / "g.argdown"
    f.write_bytes(b"garbage [[[")
    argv = [c.replace("OUT", str(tmp_path / "out")) for c in command]
    main([argv[0], str(f), *argv[1:]])
    out, err = capsys.readouterr()
    said = [ln for ln in (out + err).splitlines() if "unclosed '['" in ln]
    assert len(said) == 1 and str(f) in said[0] and "warning" in said[0], out + err
    assert "Traceback" not in err


def test_a_file_cut_in_a_premise_conclusion_structure_is_refused_with_its_line() -> None:
    text = b"<A>\n\n(1) [P]: p\n(2) [Q]: q\n----\n"
    with pytest.raises(ArgmapError) as info:
        argdown.read(text, "cut.argdown")
    assert info.value.place == "line 5:5"
    assert "conclusion" in info.value.message


def _relation_keys(m: ArgumentMap) -> Counter[tuple[str, tuple[str, ...], object, bytes]]:
    """Relations by kind, premises, target and kept data (Argdown relation type, argument
    title and data, inference rules and data); an undercut's target by what it undercuts
    (relation ids of one-premise relations are not kept by Argdown)."""

    def key(rid: str) -> tuple[str, tuple[str, ...], object, bytes]:
        r = m.relation(rid)
        target: object = r.target if r.kind.value != "undercut" else key(r.target)
        return (r.kind.value, tuple(sorted(r.premises)), target, r.data.key())

    return Counter(key(r.id) for r in m.relations())


def test_every_conformant_file_round_trips_through_the_real_parser(
    conformance: None, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """import → export → the real parser: it reads our export exactly as our reader does
    (the conformance comparison), and that reading is the imported map again."""
    cli: Path = request.getfixturevalue("argdown_cli")
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    maps: dict[str, ArgumentMap] = {}
    for f in conformance_files():
        with collecting_losses():
            maps[f.stem] = argdown.read(f.read_bytes(), str(f))
            (src / f.name).write_bytes(argdown.write(maps[f.stem]))
    # one run of the real parser for all files (Node start-up is the slow part)
    result = subprocess.run(
        [str(cli), "json", str(src / "*.argdown"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    problems: list[str] = []
    for name, m in maps.items():
        exported = (src / f"{name}.argdown").read_bytes()
        parsed = out / f"{name}.json"
        if not parsed.exists():
            problems.append(f"{name}: the real parser refused our export")
            continue
        ref = json.loads(parsed.read_text(encoding="utf-8"))
        doc = read_document(exported.decode("utf-8"))
        differ = [f"{k}: {v}" for k, v in compare(doc, ref).items() if v]
        if differ:
            problems.append(f"{name}: the real parser reads our export otherwise: {differ[0]}")
            continue
        with collecting_losses():
            back = argdown.read(exported, f"{name}.argdown")
        ours = {c.id: (c.text, sorted(c.tags), c.data) for c in m.claims()}
        theirs = {c.id: (c.text, sorted(c.tags), c.data) for c in back.claims()}
        if ours != theirs:
            problems.append(f"{name}: statements differ after the round trip")
        elif _relation_keys(m) != _relation_keys(back):
            problems.append(f"{name}: relations differ after the round trip")
        elif (m.thesis, m.title) != (back.thesis, back.title):
            problems.append(f"{name}: thesis or title differ after the round trip")
    assert len(maps) >= 211
    assert not problems, "\n".join(problems[:20]) + "\n" + result.stderr[-2000:]


def test_what_the_map_now_keeps_is_no_longer_reported_as_lost(conformance: None) -> None:
    """Inline data, inference rules, contrary/contradictory and arguments without structure
    are kept in claims' and relations' data: no file of the set reports them any more, and
    sections only where a heading has no statement (or data)."""
    kept = ("inline data (", "inference rules", "contradict", "contrary", "><", "structure were")
    reported: list[str] = []
    sections = 0
    for f in conformance_files():
        with collecting_losses() as lost:
            argdown.read(f.read_bytes(), str(f))
        reported += [f"{f.name}: {x}" for x in lost if any(k in x for k in kept)]
        sections += any("sections" in x for x in lost)
    assert reported == []
    assert sections < sum(1 for f in conformance_files() if "\n#" in f.read_text("utf-8"))
