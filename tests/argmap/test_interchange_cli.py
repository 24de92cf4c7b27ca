"""``argmap import``: format detection, warnings, atomic output, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.formats import aif, argdown, graphml, native
from tests.argmap.interchange_helpers import SEEDS, corpora_dir


@pytest.mark.parametrize(
    ("suffix", "writer"),
    [(".argdown", argdown.write), (".json", aif.write), (".graphml", graphml.write)],
)
def test_import_each_format_by_extension(tmp_path: Path, suffix: str, writer, capsys) -> None:
    m = native.load(SEEDS[0])
    src = tmp_path / ("in" + suffix)
    src.write_bytes(writer(m))
    out = tmp_path / "out.argmap"
    assert main(["import", str(src), "-o", str(out)]) == 0
    back = native.load(out)
    assert {c.id: c.text for c in back.claims()} == {c.id: c.text for c in m.claims()}
    assert back.relation_count == m.relation_count
    err = capsys.readouterr().err
    if suffix == ".argdown":
        assert f"argmap: {src}: warning:" not in err  # nothing lost on the way in
    else:
        assert "warning" not in err


def test_import_by_content_when_the_extension_says_nothing(tmp_path: Path) -> None:
    src = tmp_path / "export.txt"
    src.write_bytes(graphml.write(native.load(SEEDS[1])))
    out = tmp_path / "out.argmap"
    assert main(["import", str(src), "-o", str(out)]) == 0
    assert native.load(out).claim_count == native.load(SEEDS[1]).claim_count


def test_import_prints_what_was_dropped(tmp_path: Path, capsys) -> None:
    doc = {
        "nodes": [
            {"nodeID": "1", "text": "A", "type": "I"},
            {"nodeID": "2", "text": "move", "type": "TA"},
        ],
        "edges": [],
    }
    src = tmp_path / "ova.json"
    src.write_text(json.dumps(doc))
    assert main(["import", str(src), "-o", str(tmp_path / "o.argmap")]) == 0
    err = capsys.readouterr().err
    assert f"argmap: {src}: warning: dropped 1 TA nodes" in err


def test_microtext_import(tmp_path: Path) -> None:
    xml = corpora_dir() / "arg-microtexts" / "corpus" / "en" / "micro_b001.xml"
    if not xml.exists():
        pytest.skip(f"microtext corpus not found at {xml.parent}")
    out = tmp_path / "b001.argmap"
    assert main(["import", str(xml), "-o", str(out)]) == 0
    m = native.load(out)
    assert m.thesis == "a5" and m.claim_count == 5


def test_bad_input_one_line_no_output(tmp_path: Path, capsys) -> None:
    src = tmp_path / "bad.argdown"
    src.write_bytes(b"[A]: a\n\n  + [B]\n")
    out = tmp_path / "out.argmap"
    out.write_text("old")
    assert main(["import", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"argmap: {src}: line 3:3: ")
    assert out.read_text() == "old"  # untouched
    assert not list(tmp_path.glob(".out.argmap.*"))


def test_unknown_output_extension_and_missing_input(tmp_path: Path, capsys) -> None:
    assert main(["import", str(tmp_path / "none.argdown"), "-o", str(tmp_path / "o.argmap")]) == 1
    assert "no such file" in capsys.readouterr().err
    src = tmp_path / "a.argdown"
    src.write_text("[A]: a\n")
    assert main(["import", str(src), "-o", str(tmp_path / "o.unknownext")]) == 1
    assert "cannot tell the output format" in capsys.readouterr().err


def test_forced_format(tmp_path: Path) -> None:
    src = tmp_path / "map.txt"
    src.write_text("A claim without any markup\n")
    out = tmp_path / "o.argmap"
    assert main(["import", "--from", "argdown", str(src), "-o", str(out)]) == 0
    assert [c.text for c in native.load(out).claims()] == ["A claim without any markup"]


def test_graphml_saved_as_xml_is_not_taken_for_a_microtext(tmp_path: Path) -> None:
    src = tmp_path / "graph.xml"  # .xml is the microtext extension: the content decides
    src.write_bytes(graphml.write(native.load(SEEDS[0])))
    out = tmp_path / "o.argmap"
    assert main(["import", str(src), "-o", str(out)]) == 0
    assert native.load(out) == native.load(SEEDS[0])


def test_quiet_prints_nothing_on_success(tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.argdown"
    # a heading without statements is not kept: a warning without -q
    src.write_text("# Empty\n\n# Full\n\n[A]: a\n")
    assert main(["import", "-q", str(src), "-o", str(tmp_path / "o.argmap")]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["import", str(src), "-o", str(tmp_path / "o.argmap")]) == 0
    captured = capsys.readouterr()
    assert "1 claims" in captured.out
    assert f"argmap: {src}: warning: sections (# headings)" in captured.err
