"""PNG and PDF: the SVG export drawn by cairo (through CairoSVG), so all three look the same.

Text is drawn in the shipped DejaVu Sans: before cairo first looks for fonts, ``FONTCONFIG_FILE``
is pointed at a small configuration that adds the shipped fonts folder to the system's fonts
(unless the variable is already set), so the font is found even on a machine without it.
PDFs are vector with real, selectable text; their creation date is fixed so the same map
gives the same bytes.
"""

from __future__ import annotations

import io
import math
import os
import re
import struct
import zlib
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.export.pages import Printout
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
    data: bytes = cairosvg.svg2png(
        bytestring=_whole_pixels(svg, dpi * scale / 72).encode("utf-8"),
        dpi=dpi,
        scale=scale,
        background_color="#ffffff",
    )
    return with_dpi(data, dpi * scale)


def _whole_pixels(svg: str, px_per_pt: float) -> str:
    """``svg`` a fraction of a pixel larger, so its size is a whole number of pixels: cairo
    rounds the image size, and the drawing would leave a half-transparent last row or column.
    The view box grows by the same fraction, so nothing is scaled; the white background
    (painted over the whole view box) fills the sliver.

    >>> _whole_pixels('<svg width="10.5pt" height="4pt" viewBox="1 2 10.5 4">', 1.0)
    '<svg width="11pt" height="4pt" viewBox="1 2 11 4">'
    """
    root = re.search(
        r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt" '
        r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"',
        svg[:4096],
    )
    if root is None:
        return svg
    w, h, vx, vy, vw, vh = (float(v) for v in root.groups())
    if w <= 0 or h <= 0:
        return svg
    new_w, new_h = (
        math.ceil(w * px_per_pt - 1e-6) / px_per_pt,
        math.ceil(h * px_per_pt - 1e-6) / px_per_pt,
    )
    sized = (
        f'width="{_n(new_w)}pt" height="{_n(new_h)}pt" '
        f'viewBox="{_n(vx)} {_n(vy)} {_n(vw * new_w / w)} {_n(vh * new_h / h)}"'
    )
    start, end = root.span()
    head = svg[start:end]
    head = head[: head.index('width="')] + sized
    return svg[:start] + head + svg[end:]


def _n(v: float) -> str:
    return f"{v:.6f}".rstrip("0").rstrip(".")


def with_dpi(png: bytes, dpi: float) -> bytes:
    """``png`` with a pHYs chunk saying ``dpi`` pixels per inch, so an office suite places the
    picture at its true size (cairo writes none).

    >>> import struct
    >>> png = with_dpi(_TINY_PNG, 300)
    >>> i = png.index(b"pHYs"); struct.unpack(">IIB", png[i + 4 : i + 13])
    (11811, 11811, 1)
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ArgmapError("internal: cairo wrote something that is not a PNG")
    ppm = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)  # unit 1: metre
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    ihdr_end = 8 + 4 + 4 + 13 + 4  # signature, length, type, IHDR data, CRC
    rest = png[ihdr_end:]
    if b"pHYs" in rest[:64]:
        return png
    return png[:ihdr_end] + chunk + rest


# The smallest valid PNG (1×1 grey), for the doctest above.
_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c63600000000200015e2e5dc80000000049454e44ae426082"
)


def printout_to_pdf(printout: Printout, *, title: str = "") -> bytes:
    """One vector PDF, one page per sheet of ``printout``.

    Each page is its own SVG with the map clipped into it. (Drawing the map once into a cairo
    recording surface and painting a tile of it on each page was tried: cairo 1.16's PDF writer
    then cut later pages to the part of the recording the first page used.)
    """
    _cairosvg()
    import cairocffi
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    out = io.BytesIO()
    document = cairocffi.PDFSurface(out, 1, 1)
    metadata = getattr(document, "set_metadata", None)
    if metadata is not None:  # cairo >= 1.16
        metadata(cairocffi.PDF_METADATA_CREATE_DATE, FIXED_DATE)
        if title:
            metadata(cairocffi.PDF_METADATA_TITLE, title)

    class OnePage(PDFSurface):
        """Draws one SVG as the next page of ``document`` instead of a PDF of its own."""

        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            document.set_size(width, height)
            return document, width, height

    for svg in printout.page_svgs():
        OnePage(Tree(bytestring=svg.encode("utf-8")), None, 72)
        document.show_page()
    document.finish()
    return out.getvalue()


def _size_in_points(svg: str) -> tuple[float, float]:
    """The ``width``/``height`` (in ``pt``) our SVG writer puts on the root element."""
    found = re.search(r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', svg[:4096])
    if not found:
        return (0.0, 0.0)
    return float(found.group(1)), float(found.group(2))
