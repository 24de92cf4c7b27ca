"""Text widths measured from the shipped DejaVu font (fontTools), for pictures without Qt."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@cache
def _advances(bold: bool) -> tuple[dict[int, int], int, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = {cp: hmtx[name][0] for cp, name in cmap.items()}
    units = font["head"].unitsPerEm
    fallback = hmtx[cmap.get(ord("n"), ".notdef")][0]
    return widths, units, fallback


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` at ``size`` points (no kerning: a slight overestimate).

    >>> round(text_width("ab", 10), 2) > 0
    True
    """
    widths, units, fallback = _advances(bold)
    return sum(widths.get(ord(ch), fallback) for ch in text) * size / units


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width`` points."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]
