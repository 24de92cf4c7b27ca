"""What the command line tells its user: several files to evaluate, a line saying what was
written and where, the semantics in plain words, a warning when an import finds no claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap import formats
from argmap.cli import main
from tests.argmap.analysis_support import ARTICLE_MAPS

A, B = ARTICLE_MAPS[0], ARTICLE_MAPS[1]
PLAIN_WORDS = "a claim stands when nothing attacks it"


def run(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> tuple[str, str]:
    assert main(list(argv)) == code
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_evaluate_takes_several_files(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(capsys, "evaluate", str(A), str(B))
    sections = out.split("\n\n")
    assert [s.splitlines()[0] for s in sections] == [f"==> {A} <==", f"==> {B} <=="]
    for path, section in zip((A, B), sections, strict=True):
        m = formats.load_map(path)
        assert len(section.splitlines()) == 1 + m.claim_count
    assert err.count("\n") == 1 and PLAIN_WORDS in err  # the legend, once


def test_evaluate_several_files_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(capsys, "evaluate", str(A), str(B), "--json", "--semantics", "preferred")
    data = json.loads(out)
    assert list(data) == [str(A), str(B)]
    assert all(d["semantics"] == "preferred" for d in data.values())
    assert set(data[str(A)]["labels"]) == {c.id for c in formats.load_map(A).claims()}
    assert err == ""


def test_evaluate_goes_on_after_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.apx"
    bad.write_text("arg(a).\natt(a,b).\n")
    out, err = run(capsys, "evaluate", str(bad), str(A), code=1)
    assert f"==> {A} <==" in out and len(out.split("\n\n")[1].splitlines()) > 1
    lines = err.splitlines()
    assert lines[0].startswith(f"argmap: {bad}: line 2:")
    assert lines[-1] == "argmap: 1 of 2 files failed"
    assert "Traceback" not in err


def test_one_bad_file_is_still_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(capsys, "evaluate", str(tmp_path / "missing.argmap"), code=1)
    assert out == "" and err.count("\n") == 1


@pytest.mark.parametrize("command", ["evaluate", "gaps", "brief"])
def test_help_explains_the_semantics_in_plain_words(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "grounded (the default): the cautious reading" in text and PLAIN_WORDS in text
    assert "preferred: the bold reading" in text


def test_gaps_and_brief_explain_the_semantics_they_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = run(capsys, "gaps", str(A))
    assert "(grounded semantics)" in out and PLAIN_WORDS in " ".join(out.split())
    brief = tmp_path / "b.md"
    run(capsys, "brief", str(A), "-o", str(brief))
    assert "Status under grounded semantics (the cautious reading" in brief.read_text()


@pytest.mark.parametrize(
    ("argv", "what"),
    [
        (["brief", str(A), "-o", "{out}/b.html"], "brief (HTML)"),
        (["themes", str(A), str(B), "-o", "{out}/t.svg"], "theme matrix of 2 maps (SVG)"),
        (["export", str(A), "-o", "{out}/m.svg"], "SVG"),
    ],
)
def test_writing_commands_say_what_and_where(
    argv: list[str], what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("{out}", str(tmp_path)) for a in argv]
    out, err = run(capsys, *argv)
    target = Path(argv[-1])
    assert out == ""
    size = target.stat().st_size
    shown = f"{size} bytes" if size < 1024 else f"{size / 1024:.1f} KB"
    assert err == f"argmap: wrote {what} ({shown}) to {target.resolve()}\n"


def test_themes_to_stdout_prints_nothing_else(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(capsys, "themes", str(A))
    assert out.startswith("# The articles compared by theme") and err == ""


EMPTY_GRAPHML = b"""<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"/></graphml>
"""


@pytest.mark.parametrize(
    ("name", "data"),
    [("nothing.graphml", EMPTY_GRAPHML), ("heading.argdown", b"# Only a heading\n")],
)
def test_import_warns_when_it_finds_no_claims(
    name: str, data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / name, tmp_path / "out.argmap"
    src.write_bytes(data)
    _, err = run(capsys, "import", str(src), "-o", str(out))
    assert f"argmap: {src}: warning: no claims found" in err
    assert formats.load_map(out).claim_count == 0
    # A file with claims gets no such warning.
    _, err = run(capsys, "import", str(A), "-o", str(tmp_path / "a.argmap"))
    assert "no claims found" not in err


def test_an_argdown_file_with_nothing_in_it_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "blank.argdown", tmp_path / "out.argmap"
    src.write_bytes(b"\n\n// only a comment\n")
    assert main(["import", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(src) in err and "line 1" in err
    assert not out.exists()
