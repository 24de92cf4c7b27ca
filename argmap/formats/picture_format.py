"""Registers the export-only formats: PNG and PDF pictures and the Markdown outline.

Their writers take no options; ``Format.options["configure"]`` holds a writer that accepts
keyword options (``wrap_width``, ``dpi``, ``scale``), which ``argmap export`` uses.
"""

from __future__ import annotations

from typing import Any

from argmap.export.markdown import to_markdown
from argmap.export.raster import svg_to_pdf, svg_to_png
from argmap.export.svg import to_svg
from argmap.formats import Format, register
from argmap.layout import style
from argmap.model.argument_map import ArgumentMap


def write_png(
    m: ArgumentMap, *, wrap_width: float = style.WRAP_WIDTH, dpi: float = 96.0, scale: float = 1.0
) -> bytes:
    return svg_to_png(to_svg(m, wrap_width=wrap_width), dpi=dpi, scale=scale)


def write_pdf(m: ArgumentMap, *, wrap_width: float = style.WRAP_WIDTH, **_: Any) -> bytes:
    return svg_to_pdf(to_svg(m, wrap_width=wrap_width), title=m.title)


def write_svg(m: ArgumentMap, *, wrap_width: float = style.WRAP_WIDTH, **_: Any) -> bytes:
    return to_svg(m, wrap_width=wrap_width).encode("utf-8")


register(
    Format(
        name="png",
        extensions=(".png",),
        description="PNG picture of the diagram (--dpi, --scale)",
        writer=lambda m: write_png(m),
        options={"configure": write_png},
    )
)
register(
    Format(
        name="pdf",
        extensions=(".pdf",),
        description="PDF of the diagram (vector, real text)",
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
