"""File → Print: the map in front on the printer's paper, paged as ``argmap export --page``.

The pages come from the core's paging (:func:`argmap.export.pages.printout`, with the
printer's paper size in points, so any paper the printer offers works): one page when the text
stays readable, else an overview page and readable tiles in reading order. Each page is drawn
with QSvgRenderer as vectors, so a PDF printed from here keeps real text. QtSvg cannot draw a
nested ``<svg>``, so each page comes as two flat SVGs (:meth:`Printout.layers`): the page and
the map's tile, which is drawn into its place and clipped to it. The print dialog's "Map" tab
offers to fit the whole map on one page instead (``argmap export --fit``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from argmap import formats
from argmap.errors import ArgmapError
from argmap.export.api import ExportOptions, prepare
from argmap.export.pages import printout
from argmap.model import ArgumentMap
from desktop.settings import flag, settings

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def print_map(m: ArgumentMap, printer: QPrinter, *, fit: bool = False) -> int:
    """Draw ``m`` on ``printer``'s pages (``fit``: all on one page); the pages printed."""
    m = prepare(m, formats.get("pdf"), ExportOptions())  # laid out as the export would be
    printer.setFullPage(True)  # the pages carry their own margins
    paper = printer.pageLayout().fullRectPoints()
    size = (float(paper.width()), float(paper.height()))
    layers = printout(m, page=size, fit=fit).layers()
    painter = QPainter()
    if not painter.begin(printer):
        where = printer.outputFileName() or printer.printerName() or "the printer"
        raise ArgmapError(f"cannot print to {where}: it could not be opened")
    try:
        # Draw in points: one unit is 1/72 inch whatever the printer's resolution.
        dots = printer.resolution() / 72.0
        painter.scale(dots, dots)
        for i, page in enumerate(layers):
            if i and not printer.newPage():
                raise ArgmapError(f"the printer stopped at page {i + 1}")
            _draw(painter, page.page, QRectF(0, 0, *page.size))
            if page.tile is not None and page.place is not None:
                x0, y0, x1, y1 = page.place
                target = QRectF(x0, y0, x1 - x0, y1 - y0)
                painter.save()
                painter.setClipRect(target)
                _draw(painter, page.tile, target)
                painter.restore()
    finally:
        painter.end()
    return len(layers)


def _draw(painter: QPainter, svg: str, target: QRectF) -> None:
    renderer = QSvgRenderer(svg.encode("utf-8"))
    if not renderer.isValid():
        raise ArgmapError("internal: a printed page is not valid SVG")
    renderer.render(painter, target)


def print_dialog(w: MainWindow) -> None:
    """File → Print: ask the printer and its paper, print, say so; a failure is one line."""
    if w.current is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _offer_last_paper(printer)
    fit = w.prompts.ask_print(printer, flag(settings(), "print/fit"))
    if fit is None:
        return
    _remember_paper(printer, fit)
    try:
        count = print_map(w.current.doc.map, printer, fit=fit)
    except ArgmapError as e:
        w.prompts.show_error("Cannot print", e.line())
        return
    where = printer.outputFileName() or printer.printerName()
    w.message(f"Printed {count} page{'s' if count != 1 else ''} to {where}")


def _offer_last_paper(printer: QPrinter) -> None:
    """Start the print dialog on the paper and orientation printed on last."""
    s = settings()
    key = str(s.value("print/paper", ""))
    found = [size for size in QPageSize.PageSizeId if QPageSize(size).key() == key]
    if found:
        printer.setPageSize(QPageSize(found[0]))
    landscape = flag(s, "print/landscape")
    turn = QPageLayout.Orientation
    printer.setPageOrientation(turn.Landscape if landscape else turn.Portrait)


def _remember_paper(printer: QPrinter, fit: bool) -> None:
    layout = printer.pageLayout()
    s = settings()
    s.setValue("print/paper", layout.pageSize().key())
    s.setValue("print/landscape", layout.orientation() == QPageLayout.Orientation.Landscape)
    s.setValue("print/fit", fit)
    s.sync()
