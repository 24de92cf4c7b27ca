"""Text widths measured from the shipped font file, without Qt.

The canvas, the SVG and Graphviz must agree on how big each label is, so the core measures
advance widths from ``resources/fonts/DejaVuSans.ttf`` itself (fontTools) and decides the line
breaks; the canvas and the SVG then draw exactly those lines with that font and kerning off.
Characters the font lacks (emoji, CJK…) are counted at a conservative width, wide ones at one em.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import orjson

from argmap.resources import font_path

FONT_FAMILY = "DejaVu Sans"
# Generic fallbacks for SVG viewers without the font; sizes were measured with DejaVu Sans.
FONT_STACK = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"


def font_table(path: Path) -> dict[str, Any]:
    """The metrics argmap uses from a font file, in font units (read with fontTools)."""
    from fontTools.ttLib import TTFont  # slow to import; only needed to build a table

    font = TTFont(str(path), lazy=True)
    hmtx = font["hmtx"]
    hhea = font["hhea"]
    table = {
        "font_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "units_per_em": font["head"].unitsPerEm,
        "ascent": hhea.ascent,
        "descent": hhea.descent,
        "widths": {str(cp): hmtx[g][0] for cp, g in sorted(font.getBestCmap().items())},
    }
    font.close()
    return table


def table_path(font: Path) -> Path:
    """Where the derived table of ``font`` is kept: beside it, ``NAME.metrics.json``."""
    return font.with_suffix(".metrics.json")


def _load_table(font: Path) -> dict[str, Any]:
    """The shipped table if it belongs to exactly this font file, else one read from the font.

    Parsing the font's tables takes about 0.2 s per process; the derived table loads in a few
    milliseconds. The hash makes a stale or foreign table impossible to use by mistake.
    """
    cached = table_path(font)
    try:
        table: dict[str, Any] = orjson.loads(cached.read_bytes())
        if table.get("font_sha256") == hashlib.sha256(font.read_bytes()).hexdigest():
            return table
    except (OSError, orjson.JSONDecodeError):
        pass
    return font_table(font)


class FontMetrics:
    """Advance widths of one font, in ems."""

    def __init__(self, bold: bool = False) -> None:
        table = _load_table(font_path(bold))
        upm = table["units_per_em"]
        self.widths: dict[int, float] = {int(cp): w / upm for cp, w in table["widths"].items()}
        self.ascent = table["ascent"] / upm
        self.descent = -table["descent"] / upm

    def char_width(self, ch: str) -> float:
        w = self.widths.get(ord(ch))
        if w is not None:
            return w
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            return 0.0
        return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.75

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` points, without kerning.

        >>> round(metrics().width("Hello", 10), 2)
        25.35
        """
        widths = self.widths
        total = 0.0
        for ch in text:
            w = widths.get(ord(ch))
            total += w if w is not None else self.char_width(ch)
        return total * size


@cache
def metrics(bold: bool = False) -> FontMetrics:
    return FontMetrics(bold)


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines (see :func:`wrap_measured`).

    >>> wrap("the quick brown fox jumps over the lazy dog", 80, 10)
    ['the quick', 'brown fox', 'jumps over the', 'lazy dog']
    """
    return [line for line, _ in wrap_measured(text, max_width, size, bold)]


def wrap_measured(
    text: str, max_width: float, size: float, bold: bool = False
) -> list[tuple[str, float]]:
    """Break ``text`` into lines no wider than ``max_width`` at ``size`` (greedy, by words;
    a word longer than a line is broken between characters; newlines are kept).

    Each line comes with its width, summed from the words' (no kerning, so it is exact).

    >>> [line for line, _ in wrap_measured("the quick brown fox", 80, 10)]
    ['the quick', 'brown fox']
    """
    m = metrics(bold)
    space = m.width(" ", size)
    measure = _word_widths(bold, size)
    lines: list[tuple[str, float]] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append(("", 0.0))
            continue
        line, line_w = "", 0.0
        for word in words:
            w = measure(word)
            if w > max_width:  # break an over-long word (URLs, long compounds)
                if line:
                    lines.append((line, line_w))
                    line, line_w = "", 0.0
                chunk, chunk_w = "", 0.0
                for ch in word:
                    cw = m.width(ch, size)
                    if chunk and chunk_w + cw > max_width:
                        lines.append((chunk, chunk_w))
                        chunk, chunk_w = "", 0.0
                    chunk += ch
                    chunk_w += cw
                line, line_w = chunk, chunk_w
                continue
            if not line:
                line, line_w = word, w
            elif line_w + space + w <= max_width:
                line += " " + word
                line_w += space + w
            else:
                lines.append((line, line_w))
                line, line_w = word, w
        lines.append((line, line_w))
    while len(lines) > 1 and lines[-1][0] == "":
        lines.pop()
    return lines or [("", 0.0)]


@cache
def _word_widths(bold: bool, size: float) -> Any:
    """A memo of word widths at one size: words repeat, and wrapping 10,000 claims measures
    each word many times."""
    m = metrics(bold)
    return lru_cache(maxsize=1 << 16)(lambda word: m.width(word, size))


def write_tables() -> None:
    """Regenerate the shipped tables (``python -m argmap.layout.textmetrics``)."""
    for bold in (False, True):
        font = font_path(bold)
        data = orjson.dumps(font_table(font), option=orjson.OPT_INDENT_2) + b"\n"
        table_path(font).write_bytes(data)
        print(f"wrote {table_path(font)}")


if __name__ == "__main__":
    write_tables()
