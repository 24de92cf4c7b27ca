"""File → Print and File → Export on paper, through the registered actions with the dialogs
answered by ScriptedPrompts; the PDFs are read back with pdfplumber and the PNGs with Qt."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPageSize
from PySide6.QtTest import QTest

from argmap import formats
from argmap.export.pages import paper, printout
from desktop.main_window import MainWindow
from desktop.page_options import FIT, PageChoice, PageOptionsDialog
from tests.desktop.conftest import SEEDS
from tests.desktop.scripted import ScriptedPrompts

WIDE = SEEDS[0]  # 2,756 pt wide: tiles on any paper
Size = QPageSize.PageSizeId


def _pdf_pages(path: Path) -> list[tuple[float, float, list[str]]]:
    """Each page's width and height in points and the words printed on it."""
    with pdfplumber.open(path) as pdf:
        return [
            (float(p.width), float(p.height), [w["text"] for w in p.extract_words()])
            for p in pdf.pages
        ]


def _missing_claims(m_path: Path, pages: list[tuple[float, float, list[str]]]) -> list[str]:
    """Claims of the map whose words are not all on one printed page."""
    m = formats.load_map(m_path)
    on_pages = [set(words) for _w, _h, words in pages]
    return [c.text for c in m.claims() if not any(set(c.text.split()) <= page for page in on_pages)]


def _run(w: MainWindow, action: str) -> None:
    w.registry[action].trigger()


@pytest.mark.parametrize(
    ("size", "landscape", "points"),
    [(Size.A4, False, paper("A4")), (Size.Letter, True, paper("Letter", landscape=True))],
)
def test_print_to_pdf_puts_every_claim_on_pages_of_the_chosen_paper(
    make_window, tmp_path: Path, size: Size, landscape: bool, points: tuple[float, float]
) -> None:
    out = tmp_path / "printed.pdf"
    prompts = ScriptedPrompts(print_to=str(out), print_paper=size, print_landscape=landscape)
    w = make_window(WIDE, prompts=prompts)
    assert w.registry["file.print"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    _run(w, "file.print")
    assert prompts.errors == []
    pages = _pdf_pages(out)
    expected = printout(formats.load_map(WIDE), page=points).plan.page_count
    assert len(pages) == expected > 1  # an overview page, then the tiles
    for width, height, _words in pages:
        assert (width, height) == pytest.approx(points, abs=1.0)
    assert _missing_claims(WIDE, pages) == []
    title = formats.load_map(WIDE).title.split()
    assert set(title) <= set(pages[0][2])  # the overview page is headed by the title
    assert f"Printed {expected} pages" in w.statusBar().currentMessage()
    _run(w, "file.print")  # the dialog opens on the paper printed on last
    assert prompts.offered_print[-1] == (QPageSize(size).key(), landscape)


def test_a_map_that_fits_prints_on_one_page(
    make_window, small_map_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "one.pdf"
    small = small_map_file
    prompts = ScriptedPrompts(print_to=str(out), print_paper=Size.A3, print_landscape=True)
    w = make_window(small, prompts=prompts)
    _run(w, "file.print")
    pages = _pdf_pages(out)
    assert len(pages) == 1
    assert (pages[0][0], pages[0][1]) == pytest.approx(paper("A3", landscape=True), abs=1.0)
    assert _missing_claims(small, pages) == []


def test_ctrl_p_prints(make_window, tmp_path: Path) -> None:
    out = tmp_path / "keys.pdf"
    w = make_window(WIDE, prompts=ScriptedPrompts(print_to=str(out)))
    assert w.current is not None
    QTest.keyClick(w.current.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(_pdf_pages(out)) > 1


def test_cancelled_print_writes_nothing(make_window, tmp_path: Path) -> None:
    prompts = ScriptedPrompts(print_to="")
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.print")
    assert list(tmp_path.iterdir()) == [] and prompts.errors == []


def test_print_fitted_on_one_page_and_the_choice_is_remembered(make_window, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    prompts = ScriptedPrompts(print_to=str(out), print_landscape=True, print_fit=True)
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.print")
    assert prompts.errors == [] and prompts.offered_fit == [False]
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx((842, 595), abs=1.0)
        # Tiny text: a tag chip shares a baseline with a neighbour's last line, and sorting by
        # position interleaves their letters; read in the order the page draws them.
        words = (page.extract_text(x_tolerance=1, use_text_flow=True) or "").split()
    assert _missing_claims(WIDE, [(842, 595, words)]) == []
    assert "Printed 1 page" in w.statusBar().currentMessage()
    _run(w, "file.print")
    assert prompts.offered_fit[-1] is True  # the dialog opens with the last answer


def test_print_failure_is_one_line(make_window, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "printed.pdf"
    prompts = ScriptedPrompts(print_to=str(target))
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.print")
    assert len(prompts.errors) == 1 and "\n" not in prompts.errors[0]
    assert str(target) in prompts.errors[0] and not target.exists()


def test_export_pdf_on_letter_landscape_and_the_choice_is_remembered(
    make_window, tmp_path: Path
) -> None:
    out = tmp_path / "map.pdf"
    prompts = ScriptedPrompts(export_path=str(out), page_choice=PageChoice("Letter", True))
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.export")
    assert prompts.asked_page == [("pdf", PageChoice())]  # nothing chosen before: fit drawing
    pages = _pdf_pages(out)
    assert len(pages) > 1
    for width, height, _words in pages:
        assert (width, height) == pytest.approx((792, 612), abs=1.0)
    assert _missing_claims(WIDE, pages) == []
    _run(w, "file.export")  # the next export offers the last choice
    assert prompts.asked_page[-1] == ("pdf", PageChoice("Letter", True))


def test_export_png_on_a4_writes_one_file_per_page(make_window, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    prompts = ScriptedPrompts(export_path=str(out), page_choice=PageChoice("A4", False))
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.export")
    assert prompts.errors == []
    count = printout(formats.load_map(WIDE), page=paper("A4")).plan.page_count
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["map.png"] + [f"map-{i}.png" for i in range(2, count + 1)])
    for name in names:
        image = QImage(str(tmp_path / name))
        # A4 at the export's 96 dpi: 210 × 297 mm.
        assert (image.width(), image.height()) == pytest.approx((794, 1123), abs=2)
    assert f"and {count - 1} more page files" in w.statusBar().currentMessage()


def test_export_png_fit_drawing_writes_one_file(make_window, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    prompts = ScriptedPrompts(export_path=str(out), page_choice=PageChoice())
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.export")
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]
    assert QImage(str(out)).width() > 794  # the drawing's own size, wider than a page


def test_export_asks_no_page_for_svg_and_cancel_writes_nothing(make_window, tmp_path: Path) -> None:
    prompts = ScriptedPrompts(export_path=str(tmp_path / "map.svg"))
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.export")
    assert prompts.asked_page == [] and (tmp_path / "map.svg").exists()
    prompts.export_path, prompts.page_choice = str(tmp_path / "map.pdf"), None
    _run(w, "file.export")
    assert not (tmp_path / "map.pdf").exists() and prompts.errors == []


def test_export_failure_is_one_line(make_window, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "map.pdf"
    prompts = ScriptedPrompts(export_path=str(target), page_choice=PageChoice("A4", False))
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.export")
    assert len(prompts.errors) == 1 and "\n" not in prompts.errors[0]
    assert str(target) in prompts.errors[0] and not target.exists()


def test_page_options_dialog(qtbot) -> None:
    dialog = PageOptionsDialog("pdf", PageChoice("A3", True))
    qtbot.addWidget(dialog)
    assert dialog.choice() == PageChoice("A3", True)
    dialog.paper.setCurrentText(FIT)
    assert not dialog.landscape.isEnabled()  # the drawing's size has no orientation
    assert dialog.choice() == PageChoice()
    dialog.paper.setCurrentText("Letter")
    dialog.portrait.click()
    assert dialog.landscape.isEnabled() and dialog.choice() == PageChoice("Letter", False)
    dialog.fit.click()  # the whole map on one Letter page
    assert dialog.choice() == PageChoice("Letter", False, fit=True)
    assert "one Letter page" in dialog.note.text()
    dialog.paper.setCurrentText(FIT)
    assert not dialog.fit.isEnabled() and dialog.choice() == PageChoice()


def test_export_pdf_fitted_on_one_page_holds_every_claim(make_window, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    choice = PageChoice("A4", True, fit=True)
    prompts = ScriptedPrompts(export_path=str(out), page_choice=choice)
    w = make_window(WIDE, prompts=prompts)
    _run(w, "file.export")
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx((842, 595), abs=1.0)
        # Small text sits close: split words at a tighter gap than pdfplumber's default.
        words = (page.extract_text(x_tolerance=1) or "").split()
    assert _missing_claims(WIDE, [(842, 595, words)]) == []
    _run(w, "file.export")  # the fit is remembered with the paper
    assert prompts.asked_page[-1] == ("pdf", choice)
