"""The analysis commands on every seed map: evaluate, gaps, brief (md/html/pdf), themes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap import formats
from argmap.analysis.gaps import gap_report
from argmap.cli import main
from argmap.model.queries import used_tags
from tests.argmap.analysis_support import ARTICLE_MAPS, SEED_MAPS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_evaluate_json_shape(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = formats.load_map(path)
    for semantics in ("grounded", "preferred", "stable"):
        out = json.loads(run(capsys, "evaluate", str(path), "--semantics", semantics, "--json"))
        assert set(out) == {"semantics", "labels", "extensions"}
        assert out["semantics"] == semantics
        assert set(out["labels"]) == {c.id for c in m.claims()}
        assert set(out["labels"].values()) <= {"in", "out", "undecided"}
        for ext in out["extensions"]:
            assert all(out["labels"][c] != "out" for c in ext)
    text = run(capsys, "evaluate", str(path))
    assert len(text.splitlines()) == m.claim_count


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_gaps(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = formats.load_map(path)
    out = json.loads(run(capsys, "gaps", str(path), "--json"))
    assert out["thesis"] == m.thesis
    assert out["thesis_label"] in ("in", "out", "undecided")
    for cid in out["unanswered_objections"]:
        assert m.role(cid).value == "objection"
    text = run(capsys, "gaps", str(path))
    assert f"Thesis {m.thesis!r} is" in text


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_brief_in_three_formats(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = formats.load_map(path)
    report = gap_report(m)
    for kind in ("md", "html", "pdf"):
        out = tmp_path / f"brief.{kind}"
        run(capsys, "brief", str(path), "-o", str(out))
        data = out.read_bytes()
        if kind == "pdf":
            assert data.startswith(b"%PDF-")
            continue
        text = data.decode("utf-8")
        thesis = m.claim(m.thesis).text if m.thesis else ""
        if kind == "md":  # CommonMark: a backslash before ASCII punctuation is an escape
            body = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
        else:
            body = text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
        assert thesis in body
        # Every quote of every claim appears, and every unanswered objection is marked.
        for c in m.claims():
            for a in c.anchors:
                assert a.quote.strip() in body
        assert body.count("nanswered") >= len(report.unanswered_objections) > -1
    pdf = tmp_path / "brief.pdf"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Debate brief" in text and "Open gaps" in text
        if m.thesis:
            first_words = " ".join(m.claim(m.thesis).text.split()[:4])
            assert first_words in " ".join(text.split())


def test_brief_pdf_embeds_dejavu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = tmp_path / "b.pdf"
    run(capsys, "brief", str(SEED_MAPS[0]), "-o", str(out))
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and "DejaVuSans-Bold" in fonts
    rows = fonts.splitlines()[2:]
    assert rows and all("DejaVu" in line for line in rows)  # no other (unembedded) font
    for line in rows:
        assert line.split()[-5] == "yes"  # embedded


def test_brief_bad_output_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.docx"
    assert main(["brief", str(SEED_MAPS[0]), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown brief format '.docx'" in err
    assert not out.exists()
    missing = tmp_path / "nope.argmap"
    assert main(["brief", str(missing), "-o", str(tmp_path / "b.md")]) == 1
    assert capsys.readouterr().err.startswith(f"argmap: {missing}: ")
    assert list(tmp_path.iterdir()) == []


def test_themes_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in ARTICLE_MAPS]
    out = json.loads(run(capsys, "themes", *paths, "--json"))
    assert out["themes"][:4] == ["ukraine", "syria-alliance", "anti-us", "domestic-militants"]
    maps = [formats.load_map(p) for p in ARTICLE_MAPS]
    # Extra themes are exactly the other tags used in two or more maps.
    counts: dict[str, int] = {}
    for m in maps:
        for t in set(used_tags(m)):
            counts[t] = counts.get(t, 0) + 1
    assert out["themes"][4:] == sorted(
        t for t, n in counts.items() if n >= 2 and t not in out["themes"][:4]
    )
    assert len(out["articles"]) == len(paths)
    for row, m in zip(out["articles"], maps, strict=True):
        for theme, cell in row["cells"].items():
            assert {c["id"] for c in cell} == {c.id for c in m.claims() if theme in c.tags}
            for c in cell:
                assert c["stance"] in ("supports", "attacks", "thesis", "unrelated")
                assert c["quotes"] == [a.quote for a in m.claim(c["id"]).anchors]
    every = [str(p) for p in SEED_MAPS]  # the overview map too
    for kind in ("md", "html", "svg"):
        target = tmp_path / f"themes.{kind}"
        run(capsys, "themes", *every, "-o", str(target))
        assert target.stat().st_size > 1000
    if shutil.which("rsvg-convert"):
        subprocess.run(
            ["rsvg-convert", str(tmp_path / "themes.svg"), "-o", str(tmp_path / "t.png")],
            check=True,
        )
        assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")


def test_brief_html_is_self_contained_and_pdf_is_vector(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "b.html"
    run(capsys, "brief", str(SEED_MAPS[0]), "-o", str(html))
    text = html.read_text("utf-8")
    assert "<style>" in text and "@media print" in text
    for external in ("<link", "<script", "src=", "url(", "http://", "https://"):
        assert external not in text
    if not shutil.which("pdfimages"):
        pytest.skip("pdfimages (poppler-utils) is not installed")
    pdf = tmp_path / "b.pdf"
    run(capsys, "brief", str(SEED_MAPS[0]), "-o", str(pdf))
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(listing) == 2  # the header only: no raster images, text is text


def test_themes_bad_output_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "themes.png"
    assert main(["themes", str(SEED_MAPS[0]), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown output format '.png'" in err
    assert not out.exists()
    bad = tmp_path / "broken.argmap"
    bad.write_text("{not json")
    assert main(["themes", str(SEED_MAPS[0]), str(bad), "-o", str(tmp_path / "t.svg")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: {bad}: ") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == [bad]
