"""The shipped font, loaded into Qt and configured to match the core's measurements.

The core measures labels from DejaVu Sans advance widths without kerning or hinting, in points
(one canvas unit = one point). Qt's integer pixel sizes cannot say 7.5, so text is drawn with a
font ``SCALE`` times larger under a ``1/SCALE`` painter scale; with hinting off that is linear.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QPainter

from argmap.layout.textmetrics import FONT_FAMILY
from argmap.resources import font_path

SCALE = 8
_loaded = False


def load_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with Qt once per process."""
    global _loaded
    if _loaded:
        return
    for bold in (False, True):
        QFontDatabase.addApplicationFont(str(font_path(bold)))
    _loaded = True


@cache
def canvas_font(size: float, bold: bool = False) -> QFont:
    """DejaVu Sans at ``size`` points (drawn as ``size * SCALE`` pixels under a 1/SCALE scale)."""
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(size * SCALE)))
    font.setBold(bold)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def draw_text(
    painter: QPainter, x: float, baseline: float, text: str, size: float, bold: bool = False
) -> None:
    """Draw ``text`` with its baseline starting at (x, baseline) in the painter's units."""
    painter.save()
    painter.translate(x, baseline)
    painter.scale(1 / SCALE, 1 / SCALE)
    painter.setFont(canvas_font(size, bold))
    painter.drawText(0, 0, text)
    painter.restore()
