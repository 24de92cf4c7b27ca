"""ICCMA framework readers and ``argmap evaluate`` on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.analysis.iccma import read_framework
from argmap.cli import main
from argmap.errors import ArgmapError


def test_three_formats_give_the_same_framework() -> None:
    apx = read_framework(b"arg(a).\narg(b). arg(c).\n% comment\natt(a,b).\natt(b,c).\n", "f.apx")
    tgf = read_framework(b"a\nb\nc\n#\na b\nb c\n", "f.tgf")
    paf = read_framework(b"p af 3\n# a comment\n1 2\n2 3\n", "f.af")
    assert apx.names == tgf.names == ("a", "b", "c")
    assert apx.attacks() == tgf.attacks() == [("a", "b"), ("b", "c")]
    assert paf.names == ("1", "2", "3")
    assert paf.attacks() == [("1", "2"), ("2", "3")]


@pytest.mark.parametrize(
    ("name", "data", "place", "fragment"),
    [
        ("x.apx", b"arg(a).\natt(a,b).\n", "line 2", "undeclared argument 'b'"),
        ("x.apx", b"arg(a).\narg(a b).\n", "line 2", "expected arg(NAME)"),
        ("x.apx", b"arg(a).\narg(a).\n", "line 2", "declared twice"),
        ("x.tgf", b"a\nb\n#\na\n", "line 4", "expected 'ATTACKER ATTACKED'"),
        ("x.tgf", b"a\n#\na z\n", "line 3", "undeclared argument 'z'"),
        ("x.af", b"p af 2\n1 3\n", "line 2", "not in 1..2"),
        ("x.af", b"# only a comment\n", "line 1", "no 'p af N' header"),
        ("x.af", b"p graph 2\n", "line 1", "expected 'p af N' header"),
        ("x.af", b"p af 2\n1 2 3\n", "line 2", "expected 'I J'"),
        ("x.apx", b"arg(\xff).\n", "line 1:5", "invalid UTF-8"),
    ],
)
def test_malformed_input_is_one_line_with_file_and_line(
    name: str, data: bytes, place: str, fragment: str
) -> None:
    with pytest.raises(ArgmapError) as info:
        read_framework(data, name)
    assert info.value.file == name
    assert info.value.place == place
    assert fragment in info.value.message


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_evaluate_framework_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "cycle.apx"
    f.write_text("arg(a). arg(b). arg(c).\natt(a,b). att(b,a). att(a,c). att(b,c).\n")
    assert run_json(capsys, "evaluate", str(f), "--json") == {
        "semantics": "grounded",
        "labels": {"a": "undecided", "b": "undecided", "c": "undecided"},
        "extensions": [[]],
    }
    assert run_json(capsys, "evaluate", str(f), "--semantics", "preferred", "--json") == {
        "semantics": "preferred",
        "labels": {"a": "undecided", "b": "undecided", "c": "out"},
        "extensions": [["a"], ["b"]],
    }
    odd = tmp_path / "odd.af"
    odd.write_text("p af 3\n1 2\n2 3\n3 1\n")
    assert run_json(capsys, "evaluate", str(odd), "--semantics", "stable", "--json") == {
        "semantics": "stable",
        "labels": {"1": "undecided", "2": "undecided", "3": "undecided"},
        "extensions": [],
    }


def test_evaluate_bad_framework_prints_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.tgf"
    f.write_text("a\n#\na b\n")
    assert main(["evaluate", str(f)]) == 1
    err = capsys.readouterr().err
    assert err == f"argmap: {f}: line 3: attack names undeclared argument 'b'\n"


def test_too_many_extensions_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.cli.evaluate as cmd

    monkeypatch.setattr(cmd, "EXTENSION_LIMIT", 10)
    f = tmp_path / "pairs.tgf"
    names = [str(i) for i in range(10)]
    lines = [*names, "#"] + [f"{i} {i + 1}\n{i + 1} {i}" for i in range(0, 10, 2)]
    f.write_text("\n".join(lines) + "\n")  # 5 mutual attacks: 32 preferred extensions
    assert main(["evaluate", str(f), "--semantics", "preferred"]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"argmap: {f}: more than 10 extensions under preferred semantics; "
        "try --semantics grounded\n"
    )
