"""PNG and PDF: the SVG export drawn by cairo (through CairoSVG), so all three look the same.

Text is drawn in the shipped DejaVu Sans: before cairo first looks for fonts, ``FONTCONFIG_FILE``
is pointed at a small configuration that adds the shipped fonts folder to the system's fonts
(unless the variable is already set), so the font is found even on a machine without it.
PDFs are vector with real, selectable text; their creation date is fixed so the same map
gives the same bytes.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.resources import fonts_dir

CAIRO_MAX_PIXELS = 32767  # cairo's limit on either side of an image surface
FIXED_DATE = "2000-01-01T00:00:00"
_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def _use_shipped_font() -> None:
    """Make fontconfig see the shipped fonts (once, before cairo loads any font)."""
    if os.environ.get("FONTCONFIG_FILE"):
        return
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("argmap")) / "fontconfig"
    conf = folder / "fonts.conf"
    text = _FONTCONFIG.format(fonts=fonts_dir(), cache=folder / "cache")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not conf.exists() or conf.read_text(encoding="utf-8") != text:
            conf.write_text(text, encoding="utf-8")
    except OSError:
        return  # no cache folder: fall back to the system's fonts
    os.environ["FONTCONFIG_FILE"] = str(conf)


def _cairosvg() -> Any:
    _use_shipped_font()
    try:
        import cairosvg
    except (ImportError, OSError) as e:  # OSError: the cairo library itself is missing
        raise ArgmapError(
            "PNG and PDF export need CairoSVG and the cairo library "
            f"(pip install cairosvg; Debian/Ubuntu: apt-get install libcairo2): {e}"
        ) from None
    return cairosvg


def svg_to_png(svg: str, *, dpi: float = 96.0, scale: float = 1.0) -> bytes:
    """Rasterise an SVG sized in points: ``dpi`` pixels per inch, times ``scale``."""
    if dpi <= 0 or scale <= 0:
        raise ArgmapError("--dpi and --scale must be positive")
    cairosvg = _cairosvg()
    width, height = _size_in_points(svg)
    px_w, px_h = width * dpi / 72 * scale, height * dpi / 72 * scale
    if max(px_w, px_h) > CAIRO_MAX_PIXELS:
        raise ArgmapError(
            f"the picture would be {px_w:.0f}×{px_h:.0f} pixels, more than PNG export can draw "
            f"({CAIRO_MAX_PIXELS} a side); use a smaller --scale/--dpi, or SVG or PDF"
        )
    data: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), dpi=dpi, scale=scale)
    return data


def svg_to_pdf(svg: str, *, title: str = "") -> bytes:
    """A one-page vector PDF of the SVG, same size in points, with a fixed creation date."""
    _cairosvg()
    import cairocffi
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    out = io.BytesIO()
    surface = PDFSurface(Tree(bytestring=svg.encode("utf-8")), out, 72)
    metadata = getattr(surface.cairo, "set_metadata", None)
    if metadata is not None:  # cairo >= 1.16
        metadata(cairocffi.PDF_METADATA_CREATE_DATE, FIXED_DATE)
        if title:
            metadata(cairocffi.PDF_METADATA_TITLE, title)
    surface.finish()
    return out.getvalue()


def _size_in_points(svg: str) -> tuple[float, float]:
    """The ``width``/``height`` (in ``pt``) our SVG writer puts on the root element."""
    import re

    found = re.search(r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', svg[:4096])
    if not found:
        return (0.0, 0.0)
    return float(found.group(1)), float(found.group(2))
