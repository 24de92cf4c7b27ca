"""Registers the export-only formats: PNG and PDF pictures and the Markdown outline.

Their writers take no options; ``Format.options["configure"]`` holds a writer that accepts
keyword options (``wrap_width``, ``dpi``, ``scale``, ``page``, ``landscape``, ``fit``), which
:func:`argmap.export.api.render` uses. With a page size, PNG returns one picture per page.
"""

from __future__ import annotations

from typing import Any

from argmap.export.markdown import to_markdown
from argmap.export.pages import page_svgs, paper, printout
from argmap.export.raster import printout_to_pdf, svg_to_png
from argmap.export.svg import to_svg
from argmap.formats import Format, register
from argmap.layout import style
from argmap.model.argument_map import ArgumentMap


def write_png(
    m: ArgumentMap,
    *,
    wrap_width: float = style.WRAP_WIDTH,
    dpi: float = 96.0,
    scale: float = 1.0,
    page: str | None = None,
    landscape: bool = False,
    fit: bool = False,
    **_: Any,
) -> bytes | list[bytes]:
    """The PNG of ``m``; with ``page``, one PNG per printed page (see argmap.export.pages)."""
    if page is None:
        return svg_to_png(to_svg(m, wrap_width=wrap_width), dpi=dpi, scale=scale)
    _plan, pages = page_svgs(m, page=paper(page, landscape), wrap_width=wrap_width, fit=fit)
    return [svg_to_png(svg, dpi=dpi, scale=scale) for svg in pages]


def write_pdf(
    m: ArgumentMap,
    *,
    wrap_width: float = style.WRAP_WIDTH,
    page: str | None = None,
    landscape: bool = False,
    fit: bool = False,
    **_: Any,
) -> bytes:
    """The PDF of ``m``: on ``page`` paper, or by default one page of the drawing's size when it
    fits an A4 sheet, else A4 pages (see argmap.export.pages)."""
    size = paper(page, landscape) if page is not None else None
    out = printout(m, page=size, wrap_width=wrap_width, fit=fit)
    return printout_to_pdf(out, title=m.title)


def write_svg(m: ArgumentMap, *, wrap_width: float = style.WRAP_WIDTH, **_: Any) -> bytes:
    return to_svg(m, wrap_width=wrap_width).encode("utf-8")


register(
    Format(
        name="png",
        extensions=(".png",),
        description="PNG picture of the diagram (--dpi, --scale, --page)",
        writer=lambda m: svg_to_png(to_svg(m)),
        options={"configure": write_png},
    )
)
register(
    Format(
        name="pdf",
        extensions=(".pdf",),
        description="PDF of the diagram (vector, real text; --page for paper sizes)",
        writer=lambda m: write_pdf(m),
        options={"configure": write_pdf},
    )
)
register(
    Format(
        name="markdown",
        extensions=(".md", ".markdown"),
        description="Markdown outline: thesis, reasons, objections, rebuttals, quotes",
        writer=lambda m: to_markdown(m).encode("utf-8"),
    )
)
