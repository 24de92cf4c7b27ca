"""Exports that print: --page paper sizes, readable text, tiles that together hold every claim;
PNGs that know their DPI and have no half-transparent edge; SVG without Inkscape warnings.

PDFs are read back with pdfplumber (an independent PDF parser): page sizes, the size of every
character as drawn, and the text inside each page's printed area.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.etree import ElementTree

import pdfplumber
import pytest
from PIL import Image

from argmap import formats
from argmap.cli import main
from argmap.export.api import ExportOptions, render
from argmap.export.pages import MIN_TEXT_PT, PAGE_MARGIN, page_svgs, paper
from argmap.export.svg import SVG_NS, to_svg
from argmap.layout.drawing import build_drawing
from argmap.layout.geometry import claim_box
from argmap.model import ArgumentMap
from tests.argmap.analysis_support import SEED_MAPS

OVERVIEW = next(p for p in SEED_MAPS if p.stem == "overview")
SMALL = next(p for p in SEED_MAPS if p.stem.startswith("000_"))
A4 = paper("A4")


def export(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["export", *argv]) == 0
    return capsys.readouterr().err


def laid_out(path: Path) -> ArgumentMap:
    """The map as export draws it (laid out where positions are missing)."""
    from argmap.export.api import prepare

    return prepare(formats.load_map(path), formats.get("pdf"), ExportOptions())


def _lines(m: ArgumentMap) -> dict[str, list[str]]:
    roles = m.roles()
    return {
        c.id: [
            " ".join(ln.text.split()) for ln in claim_box(c, roles[c.id]).lines if ln.text.strip()
        ]
        for c in m.claims()
    }


def _visible_text(page: pdfplumber.page.Page, area: tuple[float, float, float, float]) -> str:
    """The text pdfplumber finds inside ``area`` (top-left origin), one string."""
    text = page.crop(area).extract_text(x_tolerance=1) or ""
    return " ".join(text.split())


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_a4_pages_are_a4_readable_and_hold_every_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], landscape: bool
) -> None:
    out = tmp_path / "overview.pdf"
    args = [str(OVERVIEW), "-o", str(out), "--page", "a4"] + (["--landscape"] if landscape else [])
    err = export(capsys, *args)
    m = laid_out(OVERVIEW)
    plan, _svgs = page_svgs(m, page=paper("A4", landscape))
    assert plan.tiled  # the overview map does not fit one A4 page at a readable size
    expected_size = paper("A4", landscape)
    found: set[str] = set()
    lines = _lines(m)
    drawing = build_drawing(m)
    boxes = {cid: (n.x, n.y, n.x + n.width, n.y + n.height) for cid, n in drawing.nodes.items()}
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == plan.page_count == len(plan.tiles) + 1
        assert f"{len(pdf.pages)} pages" in err and str(out.resolve()) in err
        for number, page in enumerate(pdf.pages, 1):
            assert (page.width, page.height) == pytest.approx(expected_size, abs=0.5)
            sizes = [c["size"] for c in page.chars]
            assert sizes and min(sizes) >= MIN_TEXT_PT - 0.005, f"page {number}"
            if number == 1:  # the overview: boxes without claim text, tiles numbered
                text = _visible_text(page, page.bbox)
                assert "Overview" in text and f"pages 2–{plan.page_count}" in text
                assert not any(ls[0] in text for ls in lines.values() if len(ls[0]) > 25)
                continue
            tile = plan.tiles[number - 2]
            x0, y0, x1, y1 = tile.rect
            area = (
                PAGE_MARGIN,
                PAGE_MARGIN,
                PAGE_MARGIN + (x1 - x0) * plan.scale,
                PAGE_MARGIN + (y1 - y0) * plan.scale,
            )
            text = _visible_text(page, area)
            found |= {cid for cid, ls in lines.items() if all(ln in text for ln in ls)}
            # A page holds only what it shows: no hidden text of claims far off the tile.
            whole_page = _visible_text(page, page.bbox)
            for cid, (bx0, by0, bx1, by1) in boxes.items():
                off = bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1
                if off and len(lines[cid][0]) > 25:
                    assert lines[cid][0] not in whole_page, (number, cid)
    missing = sorted(set(lines) - found)
    assert missing == [], f"claims not whole on any page: {missing}"


def test_a_small_map_fits_one_letter_page(tmp_path: Path) -> None:
    m = ArgumentMap("Tea")
    m.add_claim("Tea is good", id="t", position=(150, 40))
    m.add_claim("It is warm", id="w", position=(150, 160))
    m.connect(["w"], "t")
    m.update_map(thesis="t")
    data = render(m, formats.get("pdf"), ExportOptions(page="Letter")).data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx((612, 792), abs=0.5)
        text = page.extract_text()
        assert "Tea is good" in text and "It is warm" in text
        assert min(c["size"] for c in page.chars) >= 7.5 - 0.01  # not shrunk: it fits


def test_default_pdf_is_a_tight_page_or_printable_a4(tmp_path: Path) -> None:
    """Without --page: no more 3,000-point-wide pages."""
    for path in (SMALL, OVERVIEW):
        data = render(laid_out(path), formats.get("pdf"), ExportOptions()).data
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                long_side, short_side = max(page.width, page.height), min(page.width, page.height)
                assert long_side <= A4[1] + 0.5 and short_side <= A4[0] + 0.5, path.stem
                assert min(c["size"] for c in page.chars) >= MIN_TEXT_PT - 0.005


def test_paged_png_writes_one_file_per_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.png"
    err = export(capsys, str(OVERVIEW), "-o", str(out), "--page", "A3", "--dpi", "72")
    files = sorted(tmp_path.glob("map*.png"))
    assert out in files and len(files) > 1
    assert all(str(f.resolve()) in err for f in files)
    plan, _ = page_svgs(laid_out(OVERVIEW), page=paper("A3"))
    assert len(files) == plan.page_count
    a3 = tuple(round(v) for v in paper("A3"))  # at 72 dpi, one pixel per point
    for f in files:
        with Image.open(f) as im:
            assert im.size == a3 and im.info["dpi"] == pytest.approx((72, 72), abs=0.05)


@pytest.mark.parametrize("dpi,scale", [(96.0, 1.0), (300.0, 1.0), (72.0, 2.0)])
def test_png_stores_its_dpi_and_has_an_opaque_edge(dpi: float, scale: float) -> None:
    m = formats.load_map(SMALL)
    data = render(m, formats.get("png"), ExportOptions(dpi=dpi, scale=scale)).data
    with Image.open(io.BytesIO(data)) as im:
        # pHYs counts pixels per metre, a whole number: 96 dpi is stored as 3780/m.
        assert im.info["dpi"] == pytest.approx((dpi * scale, dpi * scale), abs=0.05)
        rgba = im.convert("RGBA")
        w, h = rgba.size
        alpha = rgba.getchannel("A")
        edge = [alpha.getpixel((w - 1, y)) for y in range(h)]
        edge += [alpha.getpixel((x, h - 1)) for x in range(w)]
        assert min(edge) == 255
    # Placed at its true size: pixels / dpi = the drawing's size in inches.
    width_pt = float(re.search(r'width="([\d.]+)pt"', to_svg(m)).group(1))  # type: ignore[union-attr]
    assert w / (dpi * scale) == pytest.approx(width_pt / 72, abs=2 / (dpi * scale))


def test_page_options_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SMALL), "-o", str(tmp_path / "a.svg"), "--page", "A4"]) == 2
    assert "--page applies to PDF and PNG" in capsys.readouterr().err
    assert main(["export", str(SMALL), "-o", str(tmp_path / "a.pdf"), "--landscape"]) == 2
    assert "--landscape needs --page" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", str(SMALL), "-o", str(tmp_path / "a.pdf"), "--page", "A5"])
    assert "use one of A4, Letter, A3" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_svg_has_nothing_inkscape_warns_about() -> None:
    """Inkscape 1.2 warned `unknown type: argmap:map` (a foreign element) and `Ignoring
    unrecognized CSS property: font-kerning`; checked by hand in Inkscape, here by cause."""
    svg = to_svg(formats.load_map(OVERVIEW))
    assert "font-kerning" not in svg
    root = ElementTree.fromstring(svg.encode("utf-8"))
    foreign = {el.tag for el in root.iter() if not el.tag.startswith(f"{{{SVG_NS}}}")}
    assert foreign == set()


def test_page_layers_are_flat_svgs_that_match_the_nested_pages() -> None:
    """Printing through Qt draws Printout.layers(): the same pages as page_svgs, with the tile
    as its own SVG (view box = the tile), its place inside the margins, and no tspans."""
    from argmap.export.pages import printout

    m = laid_out(OVERVIEW)
    out = printout(m, page=A4)
    layers = out.layers()
    assert len(layers) == len(out.page_svgs()) == out.plan.page_count
    assert layers[0].tile is None  # the overview page is all decoration
    texts: list[str] = []
    for layer in layers[1:]:
        assert layer.tile is not None and layer.place is not None
        root = ElementTree.fromstring(layer.tile.split("?>", 1)[1])
        x0, y0, x1, y1 = layer.place
        assert PAGE_MARGIN - 0.01 <= x0 < x1 <= A4[0] - PAGE_MARGIN + 0.01
        assert PAGE_MARGIN - 0.01 <= y0 < y1 <= A4[1] - PAGE_MARGIN + 0.01
        view = [float(v) for v in root.attrib["viewBox"].split()]
        assert view[2] * out.plan.scale == pytest.approx(x1 - x0, abs=0.02)
        assert root.findall(f".//{{{SVG_NS}}}tspan") == []
        texts += [t.text or "" for t in root.iter(f"{{{SVG_NS}}}text")]
    # Every line of every claim is a text of its own on some page.
    drawing = build_drawing(m)
    for shape in drawing.nodes.values():
        for line in shape.box.lines:
            assert line.text in texts, line.text


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem[:3])
def test_tiles_print_boxes_not_empty_paper(path: Path) -> None:
    """Every tiled page shows a claim, the legend is on the overview page, and a seed map of
    22-40 claims takes at most ten A4 landscape pages (13 or 14 before rows were trimmed to
    their boxes and box-less pieces dropped)."""
    from argmap.export.pages import printout

    m = laid_out(path)
    out = printout(m, page=paper("A4", landscape=True))
    assert out.plan.tiled
    drawing = build_drawing(m)
    boxes = [(n.x, n.y, n.x + n.width, n.y + n.height) for n in drawing.nodes.values()]
    for tile in out.plan.tiles:
        x0, y0, x1, y1 = tile.rect
        assert any(b[0] < x1 and b[2] > x0 and b[1] < y1 and b[3] > y0 for b in boxes), tile
    overview, *tiles = out.page_svgs()
    assert 'id="legend"' in overview and "supports" in overview
    assert not any('id="legend"' in page for page in tiles)
    assert out.plan.page_count <= 10, out.plan.page_count


def test_fit_puts_the_whole_map_on_one_page_and_says_how_small(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fit.pdf"
    err = export(capsys, str(OVERVIEW), "-o", str(out), "--page", "A4", "--landscape", "--fit")
    m = laid_out(OVERVIEW)
    lines = _lines(m)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx(paper("A4", True), abs=0.5)
        smallest = min(c["size"] for c in page.chars)
        text = _visible_text(page, page.bbox)
    assert smallest < MIN_TEXT_PT  # the overview map cannot fit one page readably…
    # …so the export says so, naming the file and the size, on one line.
    warning = next(ln for ln in err.splitlines() if "warning" in ln)
    assert str(OVERVIEW) in warning and f"{smallest:.1f} pt" in warning
    assert [cid for cid, ls in lines.items() if not all(ln in text for ln in ls)] == []
    assert main(["export", str(SMALL), "-o", str(tmp_path / "b.pdf"), "--fit"]) == 2
    assert "--fit needs --page" in capsys.readouterr().err


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_a_tile_leaves_out_boxes_it_would_cut_when_another_prints_them_whole(
    landscape: bool,
) -> None:
    """On A4 portrait, seed map 003's first row of tiles is cut through boxes that the second
    row prints whole; the first row leaves them out (landscape cuts only in gaps)."""
    from argmap.export.pages import printout

    m = laid_out(next(p for p in SEED_MAPS if p.stem.startswith("003_")))
    out = printout(m, page=paper("A4", landscape))
    drawing = build_drawing(m)
    boxes = {cid: (n.x, n.y, n.x + n.width, n.y + n.height) for cid, n in drawing.nodes.items()}

    def whole(box: tuple[float, ...], rect: tuple[float, ...]) -> bool:
        return rect[0] <= box[0] and box[2] <= rect[2] and rect[1] <= box[1] and box[3] <= rect[3]

    tiles = [t.rect for t in out.plan.tiles]
    cut_somewhere = 0
    for sheet in out.sheets[1:]:
        assert sheet.tile is not None and sheet.body is not None
        drawn = set(re.findall(r'class="claim[^"]*" argmap:id="([^"]+)"', sheet.body))
        assert drawn, "a page without a whole claim"
        for cid in drawn:
            if not whole(boxes[cid], sheet.tile):
                assert not any(whole(boxes[cid], t) for t in tiles), cid
        reaching = {
            cid
            for cid, b in boxes.items()
            if b[0] < sheet.tile[2]
            and b[2] > sheet.tile[0]
            and b[1] < sheet.tile[3]
            and b[3] > sheet.tile[1]
        }
        cut_somewhere += len(reaching - drawn)
    assert (cut_somewhere > 0) is not landscape  # portrait exercises the rule
    assert {c for c in boxes if any(whole(boxes[c], t) for t in tiles)} == set(boxes)
