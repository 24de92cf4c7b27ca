"""The argmap command: exit codes, one-line errors, documented JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from tests.conftest import SEED_MAPS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, timeout=120
    )


def test_validate_seed_maps_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *map(str, SEED_MAPS)]) == 0
    out = capsys.readouterr().out
    assert out.count(": valid (") == len(SEED_MAPS)


def test_validate_lists_every_problem_and_exits_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.argmap"
    bad.write_text(
        json.dumps(
            {
                "format": "argmap",
                "version": 1,
                "thesis": "nobody",
                "claims": [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}],
                "relations": [{"id": "r", "kind": "attack", "premises": ["zz"], "target": "a"}],
            }
        )
    )
    assert main(["validate", str(bad), str(SEED_MAPS[0])]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{bad}: $.claims[1].id: duplicate id 'a' (also at $.claims[0])" in lines
    assert all(line.startswith(str(bad)) or "valid" in line for line in lines)


def test_validate_unreadable_file_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.argmap"
    junk.write_bytes(b'{"format": "argmap", \n "version": 1,, }')
    assert main(["validate", str(junk), str(tmp_path / "missing.argmap")]) == 2
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(f"{junk}: line 2:15: invalid JSON: unexpected character")
    assert out[1] == f"{tmp_path / 'missing.argmap'}: no such file"


def test_show_json_is_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    path = SEED_MAPS[3]
    assert main(["show", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "thesis", "articles", "claims", "relations"}
    assert data["articles"][0]["id"] == path.stem and data["articles"][0]["title"]
    ids = {c["id"] for c in data["claims"]}
    assert data["thesis"] in ids
    for c in data["claims"]:
        assert set(c) == {"id", "role", "text", "tags", "anchors"}
        assert c["role"] in {"thesis", "reason", "objection", "rebuttal", "concession", "claim"}
        for a in c["anchors"]:
            assert set(a) == {"article", "start", "end", "quote"}
    rel_ids = {r["id"] for r in data["relations"]}
    kinds = set()
    for r in data["relations"]:
        assert set(r) == {"id", "kind", "premises", "target"}
        assert set(r["premises"]) <= ids
        assert r["target"] in (rel_ids if r["kind"] == "undercut" else ids)
        kinds.add(r["kind"])
    assert (
        {"support", "attack", "qualify"}
        <= kinds
        <= {"support", "attack", "undercut", "qualify", "supersede"}
    )


def test_show_outline_starts_with_the_thesis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SEED_MAPS[1])]) == 0  # 001 reports an objection; 000 none
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith("[thesis] ")
    assert any(line.startswith("  + [reason] ") for line in lines)
    assert any("- [objection] " in line for line in lines)
    # The author's concessions are listed under what they limit, marked as such.
    assert any(line.startswith("  ") and "[concession] " in line for line in lines)


def test_stats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json", str(SEED_MAPS[1])]) == 0
    s = json.loads(capsys.readouterr().out)[str(SEED_MAPS[1])]
    assert s["roles"]["thesis"] == 1 and s["claims"] == sum(s["roles"].values())
    assert s["relations"] == sum(s["kinds"].values()) and s["anchored"] == s["claims"]
    assert "anti-us" in s["tags"]


def test_bad_arguments_and_help() -> None:
    r = run("validate")
    assert r.returncode == 2 and "the following arguments are required" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("frobnicate")
    assert r.returncode == 2 and "invalid choice" in r.stderr
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("argmap ")
    for command in ("validate", "show", "stats"):
        r = run(command, "--help")
        assert r.returncode == 0 and "usage: argmap " + command in r.stdout


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    r = run("show", str(tmp_path / "nope.argmap"))
    assert r.returncode == 1
    assert r.stderr == f"argmap: {tmp_path / 'nope.argmap'}: no such file\n"
