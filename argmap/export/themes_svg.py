"""The theme matrix as an SVG picture: articles down, themes across, claims in the cells."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from argmap.analysis.themes import ThemeMatrix
from argmap.export.words import cell_quotes
from argmap.layout.textmetrics import FONT_STACK
from argmap.layout.textmetrics import wrap as _wrap
from argmap.text import quoted, shorten

_COLOUR = {"supports": "#1e8449", "attacks": "#c0392b", "thesis": "#2c3e50", "unrelated": "#999999"}
FONT = FONT_STACK
PAD = 6.0
HEAD_W = 170.0
COL_W = 230.0
SIZE = 8.5
LINE = 11.0
QUOTE_CHARS = 140


@dataclass(frozen=True)
class _Piece:
    """A line of text (``kind`` "text" or "quote") or a stance bar in a cell."""

    kind: str
    text: str = ""
    y: float = 0.0
    bold: bool = False
    fill: str = "#111111"
    stance: str = ""
    y2: float = 0.0


def _quoted(q: str) -> str:
    return quoted(shorten(q, QUOTE_CHARS))


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Lines of ``text`` no wider than ``width`` points, measured with the shipped font."""
    return _wrap(text, width, size, bold)


def themes_svg(tm: ThemeMatrix) -> str:
    """Self-contained SVG (fonts named with generic fallbacks; sizes from the DejaVu metrics)."""
    inner = COL_W - 2 * PAD - 6
    body: list[str] = []
    width = HEAD_W + COL_W * len(tm.themes)
    y = 40.0
    # Header row.
    header_h = 24.0
    body.append(f'<rect x="0" y="{y}" width="{width}" height="{header_h}" fill="#eeeeee"/>')
    body.append(_text(PAD, y + 16, "Article", bold=True, size=10))
    for i, t in enumerate(tm.themes):
        body.append(_text(HEAD_W + i * COL_W + PAD, y + 16, t, bold=True, size=10))
    y += header_h
    for r in tm.rows:
        cells: list[list[_Piece]] = []
        heights: list[float] = []
        title_lines = wrap(r.title, 9, HEAD_W - 2 * PAD, bold=True)
        src_lines = wrap(r.source, SIZE, HEAD_W - 2 * PAD) if r.source else []
        heights.append(PAD + LINE * (len(title_lines) + len(src_lines)) + PAD)
        for t in tm.themes:
            parts: list[_Piece] = []
            cy = PAD
            for c in r.cells[t]:
                top = cy
                for ln in wrap(c.text, SIZE, inner, bold=True):
                    cy += LINE
                    parts.append(_Piece("text", ln, cy, bold=True))
                cy += LINE
                parts.append(_Piece("text", f"{c.role}, {c.stance} the thesis", cy, fill="#555555"))
                if c.quotes:
                    # The cell has room for one quote; it names its source like every quote.
                    text, source = cell_quotes(c)[0]
                    for ln in wrap(f"{_quoted(text)} — {source}", SIZE - 0.5, inner):
                        cy += LINE - 0.5
                        parts.append(_Piece("quote", ln, cy, fill="#333333"))
                parts.append(_Piece("bar", y=top + 2, y2=cy + 3, stance=c.stance))
                cy += PAD + 2
            cells.append(parts)
            heights.append(cy + PAD)
        row_h = max(heights)
        body.append(
            f'<rect x="0" y="{y}" width="{width}" height="{row_h}" fill="none" stroke="#bbbbbb"/>'
        )
        ty = y + PAD
        for ln in title_lines:
            ty += LINE
            body.append(_text(PAD, ty, ln, bold=True, size=9))
        for ln in src_lines:
            ty += LINE
            body.append(_text(PAD, ty, ln, fill="#555555"))
        for i, pieces in enumerate(cells):
            x0 = HEAD_W + i * COL_W
            body.append(f'<line x1="{x0}" y1="{y}" x2="{x0}" y2="{y + row_h}" stroke="#bbbbbb"/>')
            for pc in pieces:
                if pc.kind == "bar":
                    body.append(
                        f'<rect x="{x0 + PAD}" y="{y + pc.y}" width="3" '
                        f'height="{pc.y2 - pc.y}" fill="{_COLOUR[pc.stance]}"/>'
                    )
                else:
                    quote = pc.kind == "quote"
                    body.append(
                        _text(
                            x0 + PAD + 7,
                            y + pc.y,
                            pc.text,
                            bold=pc.bold,
                            fill=pc.fill,
                            italic=quote,
                            size=SIZE - (0.5 if quote else 0),
                        )
                    )
        y += row_h
    legend_y = y + 18
    body.append(
        _text(
            PAD,
            legend_y,
            "Bars: green supports the article's thesis, red attacks it.",
            fill="#555555",
        )
    )
    height = legend_y + 10
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">'
        f'<rect width="100%" height="100%" fill="white"/>'
        + _text(PAD, 24, "The articles compared by theme", bold=True, size=14)
    )
    return head + "".join(body) + "</svg>\n"


def _text(
    x: float,
    y: float,
    s: str,
    *,
    bold: bool = False,
    size: float = SIZE,
    fill: str = "#111111",
    italic: bool = False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    style = ' font-style="italic"' if italic else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{weight}{style}>'
        f"{escape(s)}</text>"
    )
