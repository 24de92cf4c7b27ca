"""``argmap export`` and the export formats: every seed map to every format, same bytes twice,
batches with progress, errors that name the file and leave nothing half-written, no dot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from argmap import formats
from argmap.cli import main
from argmap.formats import native
from argmap.model import ArgumentMap

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "maps").glob("*.argmap"))
WRITABLE = sorted(f.name for f in formats.formats() if f.writer is not None)
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)


def claims_and_relations(m: ArgumentMap) -> tuple[object, object]:
    """Claims by id; relations by what they relate, since not every format keeps relation ids
    (Argdown names only relations written as arguments)."""

    def shape(rid: str) -> tuple[object, ...]:
        r = m.relation(rid)
        target = shape(r.target) if m.has_relation(r.target) else r.target
        return (r.kind.value, tuple(sorted(r.premises)), target)

    return (
        {c.id: (c.text, c.tags) for c in m.claims()},
        sorted((shape(r.id) for r in m.relations()), key=repr),
    )


@pytest.mark.parametrize("name", WRITABLE)
def test_every_seed_map_exports_to_every_format_the_same_way_twice(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fmt = formats.get(name)
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        args = ["export", *map(str, SEEDS), "-o", str(out), "--format", name]
        assert main(args) == 0
    err = capsys.readouterr().err
    assert err.count(f"/{len(SEEDS)}]") == 2 * len(SEEDS)  # one progress line per file
    for seed in SEEDS:
        target = first / (seed.stem + fmt.extensions[0])
        data = target.read_bytes()
        assert data, target
        assert data == (second / target.name).read_bytes(), f"{name} export is not deterministic"
        if fmt.reader is not None:  # read it back: same claims and relations
            back = formats.load_map(target)
            assert claims_and_relations(back) == claims_and_relations(native.load(seed))
    assert not [p for p in first.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_png_scale_and_dpi(tmp_path: Path) -> None:
    sizes = {}
    for label, extra in {"base": [], "scale2": ["--scale", "2"], "dpi48": ["--dpi", "48"]}.items():
        out = tmp_path / f"{label}.png"
        assert main(["export", str(SEEDS[0]), "-o", str(out), *extra]) == 0
        data = out.read_bytes()
        sizes[label] = (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
    w, h = sizes["base"]
    assert sizes["scale2"] == pytest.approx((2 * w, 2 * h), abs=2)
    assert sizes["dpi48"] == pytest.approx((w / 2, h / 2), abs=2)


def test_pdf_is_vector_with_the_shipped_font(tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    assert main(["export", str(SEEDS[1]), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"DejaVuSans" in data
    assert b"/Subtype /Image" not in data  # drawn, not a picture of the drawing
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, timeout=60, check=True
        ).stdout.decode()
        first_claim = native.load(SEEDS[1]).claim("thesis").text.split()[:3]
        assert " ".join(first_claim) in " ".join(text.split())


def test_markdown_outline_nests_claims_with_their_quotes(tmp_path: Path) -> None:
    m = native.load(SEEDS[3])  # 003: its objection (Biden's remark) targets a reason's evidence
    out = tmp_path / "map.md"
    assert main(["export", str(SEEDS[3]), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {m.title}"
    assert lines[2].startswith("**Thesis:**")
    from argmap.export.markdown import md_escape

    for c in m.claims():
        assert md_escape(c.text) in text, c.id
        for a in c.anchors:
            assert md_escape(a.quote.split("\n")[0]) in text
    # A reason of the thesis sits at the top level, its objection one level in.
    objection = next(r for r in m.relations() if r.kind.value == "attack" and r.target != m.thesis)
    line_of = {
        c.id: next(i for i, line in enumerate(lines) if md_escape(c.text) in line)
        for c in m.claims()
    }
    p, t = objection.premises[0], objection.target
    indent = lambda i: len(lines[i]) - len(lines[i].lstrip())  # noqa: E731
    assert indent(line_of[p]) > indent(line_of[t]) and line_of[p] > line_of[t]
    assert "Al Arabiya English" in text


def test_errors_name_the_file_and_leave_no_partial_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.argmap"
    bad.write_text('{"format": "argmap", "version": 1, "claims": [{"id": "a"}]}')
    out = tmp_path / "out"
    assert main(["export", str(SEEDS[0]), str(bad), "-o", str(out), "-f", "pdf"]) == 1
    err = capsys.readouterr().err
    assert f"argmap: {bad}:" in err and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == [SEEDS[0].stem + ".pdf"]
    # One input: the error is the only line, nothing is written.
    single = tmp_path / "single.svg"
    assert main(["export", str(bad), "-o", str(single)]) == 1
    assert not single.exists()
    assert main(["export", str(SEEDS[0]), "-o", str(tmp_path / "x.unknown")]) == 2
    assert main(["export", str(SEEDS[0]), "-o", str(tmp_path / "x.png"), "--scale", "0"]) == 2
    assert main(["export", str(SEEDS[0]), str(SEEDS[0]), "-o", str(out)]) == 2  # same name twice


def test_png_too_big_is_refused_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "huge.png"
    assert main(["export", str(SEEDS[3]), "-o", str(out), "--scale", "40"]) == 1
    assert "pixels" in capsys.readouterr().err
    assert not out.exists()


def test_without_dot_stored_positions_still_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    out = tmp_path / "stored.svg"
    assert main(["export", str(SEEDS[0]), "-o", str(out)]) == 0
    assert formats.load_map(out) == native.load(SEEDS[0])
    # A map without positions is laid out by the tree engine, which needs no Graphviz...
    bare = native.load(SEEDS[0])
    for c in list(bare.claims()):
        bare.move(c.id, None)
    src = tmp_path / "bare.argmap"
    native.save(bare, src)
    assert main(["export", str(src), "-o", str(tmp_path / "tree.svg")]) == 0
    assert all(c.position for c in formats.load_map(tmp_path / "tree.svg").claims())
    # ...but --engine dot does: one sentence on how to install it, no output.
    capsys.readouterr()
    assert main(["export", str(src), "-o", str(tmp_path / "bare.svg"), "--engine", "dot"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "apt-get install graphviz" in err
    assert not (tmp_path / "bare.svg").exists()
    # --layout keep draws it anyway, on the fallback grid.
    assert main(["export", str(src), "-o", str(tmp_path / "bare.svg"), "--layout", "keep"]) == 0
    # Formats that do not draw never need Graphviz.
    assert main(["export", str(src), "-o", str(tmp_path / "bare.md")]) == 0


@needs_dot
def test_fresh_layout_with_rankdir(tmp_path: Path) -> None:
    out = tmp_path / "lr.argmap"
    assert main(["export", str(SEEDS[4]), "-o", str(out), "--rankdir", "LR"]) == 0
    m = native.load(out)
    thesis = m.claim(m.thesis).position  # type: ignore[arg-type]
    assert all(
        m.claim(p).position[0] < thesis[0]  # type: ignore[index]
        for r in m.relations_into(m.thesis)  # type: ignore[arg-type]
        for p in r.premises
    )


def test_export_says_what_the_format_cannot_keep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = SEEDS[2]
    assert main(["export", str(seed), "-o", str(tmp_path / "m.argdown")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"argmap: {seed}: warning: Argdown keeps no articles or anchors" in err
    assert main(["export", str(seed), "-o", str(tmp_path / "m.graphml")]) == 0
    assert "warning" not in capsys.readouterr().err  # GraphML keeps everything
