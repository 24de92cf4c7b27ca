"""Maps on paper: one page when the text stays readable, else tiles in reading order.

:func:`plan` decides. The smallest text of a drawing (role labels and tags, 7.5 pt) must stay
at or above :data:`MIN_TEXT_PT` once scaled onto the page. If the whole drawing fits the
printable area at such a scale it goes on one page (shrunk as needed, never enlarged); else it
is cut into tiles at that smallest readable scale. Cuts run through the gaps between claim boxes
where there is one (rows first, then columns within each row, so a box is never split when it
can be avoided), and the tiles read like a page of text: rows top to bottom, each row left to
right. A row spans only from its first box to its last, and a piece holding no box is not
printed: paper crossed only by lines is left out. The first page is then an overview: the
whole map as boxes and arrows without text, each tile outlined with the number of the page that
prints it, and the legend.

:func:`page_svgs` writes each page as an SVG sized in points, which :mod:`argmap.export.raster`
turns into one PDF (one page each) or one PNG per page. :meth:`Printout.layers` gives each page
as two flat SVGs instead (the page, and the map's tile with where it goes), for renderers
without nested ``<svg>`` elements, such as the desktop's printing through Qt.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.export.svg import (
    LEGEND_FONT_SIZE,
    LEGEND_GAP,
    SVG_NS,
    drawing_svg,
    esc,
    legend_markup,
    num,
)
from argmap.formats.common import report_loss
from argmap.layout import style
from argmap.layout.drawing import Drawing, build_drawing
from argmap.layout.textmetrics import FONT_STACK
from argmap.model.argument_map import natural_key
from argmap.model.map_view import MapView

MM = 72 / 25.4
# Portrait sizes in points.
PAPER = {"A4": (210 * MM, 297 * MM), "Letter": (612.0, 792.0), "A3": (297 * MM, 420 * MM)}
MIN_TEXT_PT = 7.0
PAGE_MARGIN = 10 * MM
FOOTER = 16.0  # room under the printable area for the page line
FOOTER_FONT = 8.0
# Without --page, a PDF is one page of the drawing's size when that fits on this paper (shrunk
# while text stays readable), else it is printed on this paper, turned to suit the map.
DEFAULT_PAPER = "A4"

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in drawing coordinates
GAP = 4.0  # a cut keeps this far from a box
LEGEND_WIDTH = 260.0  # how far the SVG's legend reaches from the drawing's left edge


def smallest_text(m: MapView | None = None) -> float:
    """The smallest font size, in points, an exported drawing uses."""
    return min(style.FONT_SIZE, style.ROLE_FONT_SIZE, style.TAG_FONT_SIZE, LEGEND_FONT_SIZE)


def paper(name: str, landscape: bool = False) -> tuple[float, float]:
    """Width and height of a paper size in points.

    >>> [round(v) for v in paper("A4")], [round(v) for v in paper("letter", landscape=True)]
    ([595, 842], [792, 612])
    """
    for key, (w, h) in PAPER.items():
        if key.lower() == name.lower():
            return (h, w) if landscape else (w, h)
    raise ArgmapError(f"unknown page size {name!r}: use {', '.join(PAPER)}")


@dataclass(frozen=True)
class Tile:
    rect: Rect
    row: int
    column: int


@dataclass(frozen=True)
class Plan:
    """How a drawing goes onto paper: page size, scale, and the tiles in reading order."""

    page: tuple[float, float]
    scale: float
    tiles: list[Tile]

    @property
    def tiled(self) -> bool:
        return len(self.tiles) > 1

    @property
    def page_count(self) -> int:
        return len(self.tiles) + (1 if self.tiled else 0)


def plan(bounds: Rect, boxes: list[Rect], page: tuple[float, float]) -> Plan:
    """One page if the drawing fits at a readable scale, else readable tiles: rows cut in the
    gaps between boxes, each row from its first box to its last, and no page without a box.

    >>> small = plan((0, 0, 400, 300), [], paper("A4"))
    >>> small.tiled, small.scale
    (False, 1.0)
    >>> ends = [(100, 0, 300, 80), (2700, 0, 2900, 80)]  # a wide map, empty in the middle
    >>> wide = plan((0, 0, 3000, 500), ends, paper("A4", landscape=True))
    >>> wide.tiled, round(wide.scale * smallest_text(), 2) >= MIN_TEXT_PT
    (True, True)
    >>> [(t.row, t.column, t.rect[0] < 300 or t.rect[2] > 2700) for t in wide.tiles]
    [(1, 1, True), (1, 2, True)]
    """
    x0, y0, x1, y1 = bounds
    width, height = x1 - x0, y1 - y0
    avail_w, avail_h = _printable(page)
    readable = MIN_TEXT_PT / smallest_text()
    fit = min(avail_w / width, avail_h / height) if width > 0 and height > 0 else 1.0
    if fit >= readable:
        return Plan(page, min(fit, 1.0), [Tile(bounds, 1, 1)])
    scale = readable * 1.001  # a hair above, so rounding never drops text below the limit
    tile_w, tile_h = avail_w / scale, avail_h / scale
    tiles: list[Tile] = []
    rows = _cuts(y0, y1, tile_h, [(b[1], b[3]) for b in boxes])
    for ty0, ty1 in rows:
        in_row = [(b[0], b[2]) for b in boxes if b[1] < ty1 and b[3] > ty0]
        if not in_row:
            continue  # only lines pass through: the overview shows them
        # A row prints from its first box to its last, not the whole drawing's width.
        rx0 = max(x0, min(a for a, _b in in_row) - 2 * GAP)
        rx1 = min(x1, max(b for _a, b in in_row) + 2 * GAP)
        row = len({t.row for t in tiles}) + 1
        cuts = _cuts(rx0, rx1, tile_w, in_row)
        tiles += [Tile((tx0, ty0, tx1, ty1), row, c) for c, (tx0, tx1) in enumerate(cuts, 1)]
    return Plan(page, scale, _needed(tiles, boxes))


def _needed(tiles: list[Tile], boxes: list[Rect]) -> list[Tile]:
    """The tiles that print some box whole, or part of one that no tile prints whole (pages
    leave out boxes they would cut and another page prints whole), numbered again."""
    whole_in = [[_inside_rect(b, t.rect) for b in boxes] for t in tiles]
    somewhere = [any(col) for col in zip(*whole_in, strict=True)] if tiles else []
    kept = [
        t
        for t, whole in zip(tiles, whole_in, strict=True)
        if any(whole) or any(not somewhere[i] and _overlaps(b, t.rect) for i, b in enumerate(boxes))
    ]
    rows = {r: n for n, r in enumerate(sorted({t.row for t in kept}), 1)}
    out: list[Tile] = []
    for t in kept:
        column = 1 + sum(1 for o in out if o.row == rows[t.row])
        out.append(Tile(t.rect, rows[t.row], column))
    return out


def _inside_rect(box: Rect, rect: Rect) -> bool:
    return rect[0] <= box[0] and box[2] <= rect[2] and rect[1] <= box[1] and box[3] <= rect[3]


def _overlaps(box: Rect, rect: Rect) -> bool:
    return box[0] < rect[2] and box[2] > rect[0] and box[1] < rect[3] and box[3] > rect[1]


def _one_page(bounds: Rect, page: tuple[float, float]) -> Plan:
    """The whole drawing on one page, shrunk to fit (never enlarged)."""
    x0, y0, x1, y1 = bounds
    avail_w, avail_h = _printable(page)
    scale = min(1.0, avail_w / max(x1 - x0, 1e-9), avail_h / max(y1 - y0, 1e-9))
    return Plan(page, scale, [Tile(bounds, 1, 1)])


def _printable(page: tuple[float, float]) -> tuple[float, float]:
    return page[0] - 2 * PAGE_MARGIN, page[1] - 2 * PAGE_MARGIN - FOOTER


def _cuts(
    start: float, end: float, size: float, spans: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Split [start, end] into pieces of at most ``size``, cutting in the gaps between
    ``spans`` (the boxes), of about equal length; or, when that takes more pieces, as long as
    a page allows. Where no gap is near, the cut goes through boxes and the next piece starts
    before them, so each box is whole on one page.

    >>> _cuts(0, 100, 60, [])
    [(0, 50.0), (50.0, 100)]
    >>> _cuts(0, 100, 60, [(40, 52)])  # the box at 40-52 stays whole on the first page
    [(0, 56.0), (56.0, 100)]
    >>> _cuts(0, 118, 100, [(20, 80), (78, 118)])  # equal shares would take three pieces
    [(0, 100), (74.0, 118)]
    """
    balanced = _pieces(start, end, size, spans, longest=False)
    longest = _pieces(start, end, size, spans, longest=True)
    return longest if len(longest) < len(balanced) else balanced


def _pieces(
    start: float, end: float, size: float, spans: list[tuple[float, float]], *, longest: bool
) -> list[tuple[float, float]]:
    """Cut at the gap nearest an equal share; ``longest``: at the last gap in the final
    quarter of a page, else through the boxes at the page's end (the fewest pieces)."""
    pieces: list[tuple[float, float]] = []
    pos = start
    while end - pos > size:
        ideal = (end - pos) / math.ceil((end - pos) / size)
        lo, hi = pos + (0.75 * size if longest else 0.5 * ideal), pos + size
        candidates = [hi if longest else pos + ideal]
        candidates += [b + GAP for _a, b in spans] + [a - GAP for a, _b in spans]
        clear = [x for x in candidates if lo < x <= hi and not _inside(x, spans)]
        if clear:
            cut = max(clear) if longest else min(clear, key=lambda x: abs(x - (pos + ideal)))
            pieces.append((pos, cut))
            pos = cut
            continue
        cut = hi if longest else pos + ideal
        pieces.append((pos, cut))
        # Boxes cut here start the next piece, so they are whole there.
        restart = min([a - GAP for a, b in spans if a - GAP < cut < b + GAP], default=cut)
        pos = restart if restart > pos + 0.25 * ideal else cut
    pieces.append((pos, end))
    return pieces


def _inside(x: float, spans: list[tuple[float, float]]) -> bool:
    return any(a - GAP / 2 < x < b + GAP / 2 for a, b in spans)


# ---------------------------------------------------------------------------- pages as SVG


@dataclass(frozen=True)
class Sheet:
    """One printed page: its decoration (an SVG the page's size: the white background and the
    footer, or the whole overview page) and the part of the map drawn on it."""

    size: tuple[float, float]
    decoration: str
    tile: Rect | None = None  # in drawing coordinates
    at: tuple[float, float] = (0.0, 0.0)  # where the tile's top left corner goes on the page
    scale: float = 1.0
    body: str | None = None  # the map's SVG content for this tile (default: all of it)


@dataclass(frozen=True)
class Printout:
    """A map laid onto pages: the map's SVG once, and each page's sheet."""

    plan: Plan
    map_svg: str  # the whole drawing, without the embedded map
    bounds: Rect  # the map SVG's view box
    sheets: list[Sheet]

    def page_svgs(self) -> list[str]:
        """Each page as a self-contained SVG (the map clipped into it as a nested SVG)."""
        body = _svg_body(self.map_svg)
        pages = []
        for sheet in self.sheets:
            svg = sheet.decoration
            if sheet.tile is not None:
                placed = _placed(sheet.body or body, sheet.tile, sheet.at, sheet.scale)
                svg = svg[: svg.rindex("</svg>")] + placed + "</svg>\n"
            pages.append(svg)
        return pages

    def layers(self) -> list[PageLayers]:
        """Each page as its decoration and, where it prints part of the map, that part as
        its own SVG whose view box is the tile, with the rectangle it fills on the page."""
        body = _svg_body(self.map_svg)
        out = []
        for sheet in self.sheets:
            tile, place = None, None
            if sheet.tile is not None:
                x0, y0, x1, y1 = sheet.tile
                w, h = (x1 - x0) * sheet.scale, (y1 - y0) * sheet.scale
                tile = (
                    '<?xml version="1.0" encoding="UTF-8"?>\n'
                    f'<svg xmlns="{SVG_NS}" xmlns:argmap="urn:x-argmap:1" version="1.1" '
                    f'width="{num(w)}pt" height="{num(h)}pt" '
                    f'viewBox="{num(x0)} {num(y0)} {num(x1 - x0)} {num(y1 - y0)}">'
                    f"{flat_text(sheet.body or body)}</svg>\n"
                )
                place = (sheet.at[0], sheet.at[1], sheet.at[0] + w, sheet.at[1] + h)
            out.append(PageLayers(sheet.size, sheet.decoration, tile, place))
        return out


_TEXT_WITH_LINES = re.compile(r"<text([^>]*)>((?:<tspan [^>]*>[^<]*</tspan>)+)</text>")
_LINE = re.compile(r"<tspan ([^>]*)>([^<]*)</tspan>")


def flat_text(svg: str) -> str:
    """Our SVG with each ``<tspan>`` line as a ``<text>`` of its own, for renderers that do
    not place tspans by their ``x`` and ``y`` (Qt's SVG Tiny renderer draws them as one run).

    >>> flat_text('<text fill="r"><tspan x="1" y="2">a</tspan><tspan x="1" y="4">c</tspan></text>')
    '<text fill="r" x="1" y="2">a</text><text fill="r" x="1" y="4">c</text>'
    """

    def split(found: re.Match[str]) -> str:
        attrs = found.group(1)
        return "".join(
            f"<text{attrs} {where}>{words}</text>" for where, words in _LINE.findall(found[2])
        )

    return _TEXT_WITH_LINES.sub(split, svg)


@dataclass(frozen=True)
class PageLayers:
    """One page as flat SVGs: ``page`` fills the sheet (``size`` in points); ``tile``, if any,
    is drawn into ``place`` (points on the page) and clipped to it."""

    size: tuple[float, float]
    page: str
    tile: str | None = None
    place: Rect | None = None


def printout(
    m: MapView,
    *,
    page: tuple[float, float] | None,
    wrap_width: float = style.WRAP_WIDTH,
    fit: bool = False,
) -> Printout:
    """``m`` on pages of ``page`` size (points).

    ``page=None`` is the default PDF: one page the drawing's size if it fits an A4 sheet (either
    way round, shrunk while text stays readable), else A4 pages turned to suit the map.
    ``fit``: the whole map on one ``page``, however small its text gets (a loss report says
    how small when it falls below :data:`MIN_TEXT_PT`).
    """
    drawing = build_drawing(m, wrap_width=wrap_width)
    full = drawing_svg(m, drawing, embed=False)
    bounds = _svg_bounds(full)
    # Tiles hold claim boxes; the legend goes on the overview page (one page: in the drawing).
    box_of = {cid: (n.x, n.y, n.x + n.width, n.y + n.height) for cid, n in drawing.nodes.items()}
    boxes = list(box_of.values())
    if page is None:
        x0, y0, x1, y1 = bounds
        page = paper(DEFAULT_PAPER, landscape=x1 - x0 > y1 - y0)
        shrink = min(1.0, page[0] / (x1 - x0), page[1] / (y1 - y0))
        if shrink * smallest_text() >= MIN_TEXT_PT:
            size = ((x1 - x0) * shrink, (y1 - y0) * shrink)
            sheet = Sheet(size, _root(size, ""), bounds, (0.0, 0.0), shrink)
            return Printout(Plan(size, shrink, [Tile(bounds, 1, 1)]), full, bounds, [sheet])
    p = plan(bounds, boxes, page) if not fit else _one_page(bounds, page)
    if fit and p.scale * smallest_text() < MIN_TEXT_PT:
        report_loss(
            f"fitted on one page, the smallest text is {p.scale * smallest_text():.1f} pt "
            f"(readable tiles keep it at {MIN_TEXT_PT:g} pt or more: leave out --fit)"
        )
    sheets: list[Sheet] = []
    total = p.page_count
    if p.tiled:
        sheets.append(Sheet(p.page, _overview(m, drawing, p, bounds)))
    avail_w, avail_h = _printable(p.page)
    cut_off = _cut_off(box_of, p.tiles) if p.tiled else [set() for _ in p.tiles]
    for i, (tile, leave_out) in enumerate(zip(p.tiles, cut_off, strict=True), 2 if p.tiled else 1):
        where = f" · row {tile.row}, column {tile.column}" if p.tiled else ""
        footer = f"{m.title or 'Argument map'} · page {i} of {total}{where}" if total > 1 else ""
        x0, y0, x1, y1 = tile.rect
        w, h = (x1 - x0) * p.scale, (y1 - y0) * p.scale
        # One page: centred. Tiles: top left, so neighbouring pages line up side by side.
        at = (
            (PAGE_MARGIN, PAGE_MARGIN)
            if p.tiled
            else (PAGE_MARGIN + (avail_w - w) / 2, PAGE_MARGIN + (avail_h - h) / 2)
        )
        decoration = _root(p.page, _footer_text(footer, p.page) if footer else "")
        # Only what reaches into the tile: smaller pages, and no hidden text to search.
        # Tiled, the legend is on the overview page.
        body = _svg_body(
            drawing_svg(
                m, drawing, legend=not p.tiled, embed=False, within=tile.rect, leave_out=leave_out
            )
        )
        sheets.append(Sheet(p.page, decoration, tile.rect, at, p.scale, body))
    return Printout(p, full, bounds, sheets)


def _cut_off(boxes: dict[str, Rect], tiles: list[Tile]) -> list[set[str]]:
    """For each tile, the claims it would show only in part although another tile shows them
    whole: a half box with clipped text on one page and the whole box on the next confuses."""
    whole = {cid for cid, box in boxes.items() if any(_inside_rect(box, t.rect) for t in tiles)}
    return [{cid for cid in whole if not _inside_rect(boxes[cid], t.rect)} for t in tiles]


def page_svgs(
    m: MapView,
    *,
    page: tuple[float, float] | None,
    wrap_width: float = style.WRAP_WIDTH,
    fit: bool = False,
) -> tuple[Plan, list[str]]:
    """Every page of ``m`` as a self-contained SVG document in points (see :func:`printout`)."""
    out = printout(m, page=page, wrap_width=wrap_width, fit=fit)
    return out.plan, out.page_svgs()


def _svg_bounds(svg: str) -> Rect:
    found = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', svg[:2048])
    if not found:
        raise ArgmapError("internal: the SVG writer wrote no viewBox")
    x, y, w, h = (float(v) for v in found.groups())
    return (x, y, x + w, y + h)


def _svg_body(svg: str) -> str:
    """What is inside the root <svg> element our writer produced."""
    start = svg.index(">", svg.index("<svg ")) + 1
    return svg[start : svg.rindex("</svg>")]


def _root(size: tuple[float, float], inner: str) -> str:
    w, h = size
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="{SVG_NS}" xmlns:argmap="urn:x-argmap:1" version="1.1" '
        f'width="{num(w)}pt" height="{num(h)}pt" viewBox="0 0 {num(w)} {num(h)}">\n'
        f'<rect width="{num(w)}" height="{num(h)}" fill="#ffffff"/>\n{inner}</svg>\n'
    )


def _placed(body: str, rect: Rect, at: tuple[float, float], scale: float) -> str:
    """``rect`` of the drawing placed at ``at``, scaled, clipped to ``rect`` (a nested SVG)."""
    x0, y0, x1, y1 = rect
    w, h = x1 - x0, y1 - y0
    return (
        f'<svg x="{num(at[0])}" y="{num(at[1])}" width="{num(w * scale)}" '
        f'height="{num(h * scale)}" viewBox="{num(x0)} {num(y0)} {num(w)} {num(h)}" '
        f'overflow="hidden">{body}</svg>\n'
    )


def _footer_text(text: str, page: tuple[float, float]) -> str:
    return (
        f'<text x="{num(PAGE_MARGIN)}" y="{num(page[1] - PAGE_MARGIN)}" '
        f'font-family="{esc(FONT_STACK)}" font-size="{num(FOOTER_FONT)}" fill="#555555">'
        f"{esc(text)}</text>\n"
    )


def _overview(m: MapView, drawing: Drawing, p: Plan, bounds: Rect) -> str:
    """Page 1 of a tiled map: the map's shape without text, each tile outlined and numbered."""
    x0, y0, x1, y1 = bounds
    avail_w, avail_h = _printable(p.page)
    head = 40.0
    legend, legend_h = legend_markup(m, drawing, PAGE_MARGIN, PAGE_MARGIN + avail_h)
    legend_h = legend_h and legend_h - LEGEND_GAP  # its gap above it is in the drawing's
    legend = _moved(legend, -legend_h)
    y1 = min(y1, drawing.bounds[3])  # the tiles' legend is not drawn again in the shape
    scale = min(avail_w / (x1 - x0), (avail_h - head - legend_h) / (y1 - y0))
    ox, oy = PAGE_MARGIN, PAGE_MARGIN + head

    def tx(x: float) -> float:
        return ox + (x - x0) * scale

    def ty(y: float) -> float:
        return oy + (y - y0) * scale

    parts = [
        f'<g font-family="{esc(FONT_STACK)}" fill="#222222">'
        f'<text x="{num(ox)}" y="{num(PAGE_MARGIN + 14)}" font-size="14" font-weight="bold">'
        f"{esc(m.title or 'Argument map')}</text>"
        f'<text x="{num(ox)}" y="{num(PAGE_MARGIN + 30)}" font-size="9">'
        f"{esc(_overview_note(p))}</text></g>\n",
        '<g fill="none" stroke="#888888" stroke-width="0.6">',
    ]
    for rid in sorted(drawing.edges, key=natural_key):
        e = drawing.edges[rid]
        for chain in (*e.feeders, e.path):
            if len(chain) >= 2:
                pts = " ".join(f"{num(tx(x))},{num(ty(y))}" for x, y in chain[:: max(1, 3)])
                end = chain[-1]
                pts += f" {num(tx(end[0]))},{num(ty(end[1]))}"
                parts.append(f'<polyline points="{pts}"/>')
    parts.append('</g>\n<g stroke-width="0.6">')
    for cid in sorted(drawing.nodes, key=natural_key):
        n = drawing.nodes[cid]
        parts.append(
            f'<rect x="{num(tx(n.x))}" y="{num(ty(n.y))}" width="{num(n.width * scale)}" '
            f'height="{num(n.height * scale)}" rx="1.5" fill="{n.style.fill}" '
            f'stroke="{n.style.stroke}"/>'
        )
    parts.append("</g>\n")
    for i, tile in enumerate(p.tiles, 2):
        a, b, c, d = tile.rect
        w, h = (c - a) * scale, (d - b) * scale
        parts.append(
            f'<rect x="{num(tx(a))}" y="{num(ty(b))}" width="{num(w)}" height="{num(h)}" '
            'fill="none" stroke="#1f4e79" stroke-width="0.8" stroke-dasharray="4 2"/>'
            f'<text x="{num(tx(a) + w / 2)}" y="{num(ty(b) + h / 2 + 6)}" text-anchor="middle" '
            f'font-family="{esc(FONT_STACK)}" font-size="{num(max(9.0, min(18.0, h / 3)))}" '
            f'font-weight="bold" fill="#1f4e79" fill-opacity="0.8">{i}</text>\n'
        )
    parts.append(legend)
    footer = f"{m.title or 'Argument map'} · page 1 of {p.page_count} · overview"
    return _root(p.page, "".join(parts) + _footer_text(footer, p.page))


def _moved(markup: str, dy: float) -> str:
    return f'<g transform="translate(0,{num(dy)})">{markup}</g>' if markup else ""


def _overview_note(p: Plan) -> str:
    return (
        f"Overview. The map is printed at a readable size on pages 2–{p.page_count}, "
        "in reading order: rows top to bottom, each left to right."
    )
