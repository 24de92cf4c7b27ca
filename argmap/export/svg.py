"""SVG export: exactly the :class:`~argmap.layout.drawing.Drawing` the canvas paints.

The file is standalone (no external references), sized in points (one user unit is one point,
as on the canvas), and readable by people and programs:

- claims are ``<g class="claim role-…">`` groups with a rounded box, the role label and the
  wrapped text as real ``<text>`` (one ``<tspan>`` per line at the computed baseline, the
  shipped font named first, kerning off, so lines break where the canvas breaks them);
- relations are ``<g class="relation …">`` groups: the path, the arrowhead as a polygon, the
  attack's crossbar, the linked premises' feeders and junction dot. Kinds differ by dash
  pattern and head shape, not by colour alone;
- the map itself, the exact ``.argmap`` document, is the text of a ``<metadata>`` element
  marked ``argmap:format="argmap"`` (namespace ``urn:x-argmap:1``), so a diagram opens again
  as an editable map (:func:`read_embedded_map`). It is the element's own text rather than a
  child element of our namespace because Inkscape warns about any element type it does not
  know (``unknown type: argmap:map``); files with that older child element still read.

Control characters (which XML mostly cannot hold, and nobody can see) are left out of the
visible text only; the embedded map keeps every label exactly (JSON escapes them).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable

from argmap.errors import ArgmapError
from argmap.formats import native
from argmap.layout import style
from argmap.layout.drawing import Drawing, EdgeShape, NodeShape, Point, build_drawing
from argmap.layout.textmetrics import FONT_STACK
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import RelationKind, Role
from argmap.model.map_view import MapView

SVG_NS = "http://www.w3.org/2000/svg"
ARGMAP_NS = "urn:x-argmap:1"

# XML 1.0 allows tab, newline, carriage return and these ranges; everything else is dropped.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Shown text: controls (C0, DEL, C1) are invisible at best; show a replacement mark instead.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Anything :func:`esc` would change: what the two patterns above match, and markup.
_NEEDS_ESCAPE = re.compile(
    '[&<>"\t\n\r\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]'
    "|[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")

LEGEND_GAP = 16.0
LEGEND_ROW = 16.0
LEGEND_FONT_SIZE = 8.0
# Kerning and ligatures off, so lines are as wide as measured. font-feature-settings rather
# than font-kerning: Inkscape does not know font-kerning and warns about it.
NO_KERNING = "font-feature-settings:'kern' 0,'liga' 0;font-variant-ligatures:none"


def to_svg(
    m: MapView,
    *,
    wrap_width: float = style.WRAP_WIDTH,
    legend: bool = True,
    embed: bool = True,
) -> str:
    """The SVG document of ``m`` as drawn at its stored positions (``embed``: with the map in
    its metadata; pages of a printout leave it out).

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap("A <map> & more")
    >>> _ = m.add_claim('Say "hi" <now>', id="c", position=(80, 40))
    >>> svg = to_svg(m)
    >>> "<title>A &lt;map&gt; &amp; more</title>" in svg, "Say &quot;hi&quot; &lt;now&gt;" in svg
    (True, True)
    >>> read_embedded_map(svg.encode()) == m
    True
    """
    drawing = build_drawing(m, wrap_width=wrap_width)
    return drawing_svg(m, drawing, legend=legend, embed=embed)


def drawing_svg(
    m: MapView,
    drawing: Drawing,
    *,
    legend: bool = True,
    embed: bool = True,
    within: tuple[float, float, float, float] | None = None,
    leave_out: Collection[str] = (),
) -> str:
    """The SVG document of an already built drawing of ``m``. ``within`` (x0, y0, x1, y1)
    keeps only the claims and relations that reach into that area (a printed page's tile),
    so a page holds only what it shows; the document's size stays the whole drawing's.
    Claims in ``leave_out`` are not drawn (a tile leaves out boxes another page prints
    whole); their relations still are."""
    return _Writer(m, drawing, legend, embed, within, frozenset(leave_out)).document()


def read_embedded_map(data: bytes, *, file: str | None = None) -> ArgumentMap:
    """The map embedded in an SVG written by :func:`to_svg` (parsed with defusedxml)."""
    from argmap.formats.common import parse_xml

    root = parse_xml(data, file or "<svg>", "SVG")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ArgmapError("not an SVG file", file=file)
    found = next(
        (
            el
            for el in root.findall(f"{{{SVG_NS}}}metadata")
            if el.get(f"{{{ARGMAP_NS}}}format") == "argmap"
        ),
        None,
    )
    if found is None:  # written before 2026-12: the map in an <argmap:map> child
        found = root.find(f"{{{SVG_NS}}}metadata/{{{ARGMAP_NS}}}map")
    if found is None or not (found.text or "").strip():
        raise ArgmapError(
            "this SVG holds no argmap map (only diagrams exported by argmap can be opened)",
            file=file,
        )
    return native.loads(found.text or "", file=file)


# ------------------------------------------------------------------------------ helpers


def num(v: float) -> str:
    """A coordinate with at most two decimals, no trailing zeros, never ``-0``.

    >>> num(1.0), num(-0.001), num(2.345), num(10.5)
    ('1', '0', '2.35', '10.5')
    """
    text = f"{v:.2f}"
    if text[-1] != "0":  # most coordinates: two significant decimals, nothing to strip
        return text
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def visible(text: str) -> str:
    """``text`` without control characters (invisible at best, and XML cannot hold most of
    them), tabs as spaces; anything else XML cannot hold (lone surrogates) becomes U+FFFD.
    Dropping rather than replacing keeps a line within the width measured for it."""
    return _XML_INVALID.sub("\ufffd", _UNSHOWABLE.sub("", text.replace("\t", " ")))


def esc(text: str) -> str:
    """Escaped for XML text and attribute values (after :func:`visible`)."""
    if not _NEEDS_ESCAPE.search(text):  # most text is plain: one scan instead of eight
        return text
    return (
        visible(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _embedded(document: str) -> str:
    """The .argmap JSON as XML text: JSON escapes for what XML cannot hold, then XML escapes."""
    safe = _XML_INVALID.sub(lambda mt: f"\\u{ord(mt.group()):04x}", document)
    safe = safe.replace("\r", "\\r")  # only inside strings; XML would turn it into \n
    return safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _points(pts: Iterable[Point]) -> str:
    return " ".join([f"{num(x)},{num(y)}" for x, y in pts])


def _path_d(path: tuple[Point, ...]) -> str:
    """``M p0 C c1 c2 p1 c1 c2 p2 …`` for a cubic Bézier chain."""
    if not path:
        return ""
    head = f"M{num(path[0][0])},{num(path[0][1])}"
    rest = path[1:]
    usable = len(rest) - len(rest) % 3
    if not usable:
        return head
    return f"{head} C{_points(rest[:usable])}"


def _edge_box(e: EdgeShape) -> tuple[float, float, float, float]:
    points = [*e.path, *e.head, *(p for f in e.feeders for p in f), *(e.bar or ())]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) - 2, min(ys) - 2, max(xs) + 2, max(ys) + 2)


class _Ids:
    """XML ids made from our ids: letters, digits, ``_.-`` only, unique in the document."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, prefix: str, raw: str) -> str:
        base = f"{prefix}-{_ID_UNSAFE.sub('_', raw)}"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


# ------------------------------------------------------------------------------ the writer


def legend_markup(m: MapView, drawing: Drawing, x: float, y: float) -> tuple[str, float]:
    """The legend alone, its top left corner at (x, y), and its height ("" and 0 when the map
    has nothing to explain). A tiled printout puts it on the overview page."""
    writer = _Writer(m, drawing, legend=True, embed=False)
    height = writer._legend_height()
    writer._legend(x - 24.0, y - 4.0)  # the legend's own inset from the drawing's corner
    return "".join(writer.out), height if writer.out else 0.0


class _Writer:
    def __init__(
        self,
        m: MapView,
        drawing: Drawing,
        legend: bool,
        embed: bool,
        within: tuple[float, float, float, float] | None = None,
        leave_out: frozenset[str] = frozenset(),
    ) -> None:
        self.m = m
        self.d = drawing
        self.legend = legend
        self.embed = embed
        self.within = within
        self.leave_out = leave_out
        self.ids = _Ids()
        self.out: list[str] = []
        # Attributes every claim and relation repeats, formatted once per document.
        self.box_attrs = f'rx="{num(style.CORNER_RADIUS)}"'
        self.role_attrs = f'font-size="{num(style.ROLE_FONT_SIZE)}" font-weight="bold"'
        self.label_open = (
            f'<text class="label" xml:space="preserve" font-size="{num(style.FONT_SIZE)}" '
            f'fill="{style.TEXT_COLOR}">'
        )
        self.tags_open = f'<g class="tags" font-size="{num(style.TAG_FONT_SIZE)}">\n'
        self.edge_width = num(style.EDGE_WIDTH)
        # Coordinates inside a box (baselines, paddings, chip sizes) repeat from box to box:
        # formatted once each for this document.
        self.inner = functools.cache(num)

    def document(self) -> str:
        x0, y0, x1, y1 = self.d.bounds
        legend_h = self._legend_height() if self.legend else 0.0
        width, height = x1 - x0, y1 - y0 + legend_h
        title = self.m.title or "Argument map"
        desc = "Argument map exported by argmap: claims as boxes, relations as arrows. "
        if self.m.description:
            desc = self.m.description + "\n\n" + desc
        if self.embed:
            desc += "The editable map is embedded in <metadata> (open this file with argmap)."
        o = self.out
        o.append('<?xml version="1.0" encoding="UTF-8"?>\n')
        o.append(
            f'<svg xmlns="{SVG_NS}" xmlns:argmap="{ARGMAP_NS}" version="1.1" '
            f'width="{num(width)}pt" height="{num(height)}pt" '
            f'viewBox="{num(x0)} {num(y0)} {num(width)} {num(height)}">\n'
        )
        o.append(f"<title>{esc(title)}</title>\n<desc>{esc(desc)}</desc>\n")
        if self.embed:
            o.append(
                f'<metadata id="argmap-map" argmap:format="argmap" '
                f'argmap:version="{native.VERSION}">'
                f"{_embedded(native.dumps(self.m))}</metadata>\n"
            )
        o.append(
            f'<rect id="background" x="{num(x0)}" y="{num(y0)}" width="{num(width)}" '
            f'height="{num(height)}" fill="#ffffff"/>\n'
        )
        o.append('<g id="relations" fill="none" stroke-linejoin="round">\n')
        for rid in sorted(self.d.edges, key=natural_key):
            if self._shown(_edge_box(self.d.edges[rid])):
                self._edge(self.d.edges[rid])
        o.append("</g>\n")
        o.append(f'<g id="claims" font-family="{esc(FONT_STACK)}" style="{NO_KERNING}">\n')
        for cid in sorted(self.d.nodes, key=natural_key):
            n = self.d.nodes[cid]
            if cid not in self.leave_out and self._shown((n.x, n.y, n.x + n.width, n.y + n.height)):
                self._node(n)
        o.append("</g>\n")
        if self.legend and (self.within is None or self.within[3] > y1):
            self._legend(x0, y1)
        o.append("</svg>\n")
        return "".join(o)

    def _shown(self, box: tuple[float, float, float, float]) -> bool:
        w = self.within
        return w is None or (box[0] < w[2] and box[2] > w[0] and box[1] < w[3] and box[3] > w[1])

    # -- claims

    def _node(self, n: NodeShape) -> None:
        o = self.out
        inner = self.inner
        box = n.box
        claim = self.m.claim(n.id)
        o.append(
            f'<g id="{self.ids.make("claim", n.id)}" class="claim role-{n.role.value}" '
            f'argmap:id="{esc(n.id)}" transform="translate({num(n.x)},{num(n.y)})">\n'
        )
        o.append(f"<title>{esc(n.style.label.capitalize())}: {esc(claim.text)}</title>\n")
        stroke_w = style.BORDER_WIDTH * (1.6 if n.role is Role.THESIS else 1.0)
        o.append(
            f'<rect class="box" width="{inner(box.width)}" height="{inner(box.height)}" '
            f'{self.box_attrs} fill="{n.style.fill}" stroke="{n.style.stroke}" '
            f'stroke-width="{inner(stroke_w)}"{_dasharray(box.border_dash)}/>\n'
        )
        rl = box.role_label
        o.append(
            f'<text class="role" x="{inner(rl.x)}" y="{inner(rl.baseline)}" '
            f'{self.role_attrs} fill="{n.style.stroke}">{esc(rl.text)}</text>\n'
        )
        o.append(self.label_open)
        o.extend(
            [
                f'<tspan x="{inner(line.x)}" y="{inner(line.baseline)}">{esc(line.text)}</tspan>'
                for line in box.lines
            ]
        )
        o.append("</text>\n")
        if box.chips:
            o.append(self.tags_open)
            for chip in box.chips:
                o.append(
                    f'<rect x="{inner(chip.x)}" y="{inner(chip.y)}" width="{inner(chip.width)}" '
                    f'height="{inner(chip.height)}" rx="{inner(chip.height / 2)}" '
                    f'fill="{style.TAG_FILL}" stroke="{style.TAG_STROKE}" stroke-width="0.8"/>'
                    f'<text x="{inner(chip.text_x)}" y="{inner(chip.baseline)}" '
                    f'fill="{style.TAG_TEXT}">#{esc(chip.tag)}</text>\n'
                )
            o.append("</g>\n")
        if n.hidden_below:
            o.append(
                f'<text class="collapsed" x="{num(box.width - style.PADDING)}" '
                f'y="{num(box.height - 3)}" text-anchor="end" '
                f'font-size="{num(style.TAG_FONT_SIZE)}" fill="{n.style.stroke}">'
                f"+{n.hidden_below} hidden</text>\n"
            )
        o.append("</g>\n")

    # -- relations

    def _edge(self, e: EdgeShape) -> None:
        o = self.out
        st = e.style
        dash = f' stroke-dasharray="{" ".join(num(v) for v in st.dash)}"' if st.dash else ""
        o.append(
            f'<g id="{self.ids.make("relation", e.relation_id)}" '
            f'class="relation {e.kind.value}" argmap:id="{esc(e.relation_id)}" '
            f'stroke="{st.color}" stroke-width="{self.edge_width}">\n'
        )
        for feeder in e.feeders:
            o.append(f'<path class="feeder" d="{_path_d(feeder)}"{dash}/>\n')
        o.append(f'<path class="line" d="{_path_d(e.path)}"{dash}/>\n')
        if e.junction is not None:
            o.append(
                f'<circle class="junction" cx="{num(e.junction[0])}" cy="{num(e.junction[1])}" '
                f'r="4" fill="{st.color}" stroke="none"/>\n'
            )
        head_fill = "#ffffff" if st.head == "open" else st.color
        o.append(
            f'<polygon class="head" points="{_points(e.head)}" fill="{head_fill}" '
            'stroke-width="1.2"/>\n'
        )
        if e.bar is not None:
            (ax, ay), (bx, by) = e.bar
            o.append(
                f'<line class="bar" x1="{num(ax)}" y1="{num(ay)}" x2="{num(bx)}" y2="{num(by)}" '
                'stroke-width="2.2"/>\n'
            )
        o.append("</g>\n")

    # -- legend

    def _legend_kinds(self) -> list[RelationKind]:
        return [k for k in RelationKind if any(e.kind is k for e in self.d.edges.values())]

    def _legend_roles(self) -> list[Role]:
        return [r for r in Role if any(n.role is r for n in self.d.nodes.values())]

    def _legend_height(self) -> float:
        rows = max(len(self._legend_kinds()), len(self._legend_roles()))
        return LEGEND_GAP + rows * LEGEND_ROW + 8.0 if rows else 0.0

    def _legend(self, x0: float, y1: float) -> None:
        kinds, roles = self._legend_kinds(), self._legend_roles()
        if not kinds and not roles:
            return
        o = self.out
        left = x0 + 24.0
        top = y1 + 4.0
        o.append(
            f'<g id="legend" font-family="{esc(FONT_STACK)}" '
            f'font-size="{num(LEGEND_FONT_SIZE)}" fill="#444444" '
            f'style="{NO_KERNING}">\n'
        )
        for i, kind in enumerate(kinds):
            st = style.EDGE_STYLES[kind]
            y = top + i * LEGEND_ROW + 8
            dash = f' stroke-dasharray="{" ".join(num(v) for v in st.dash)}"' if st.dash else ""
            o.append(
                f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(left + 30)}" y2="{num(y)}" '
                f'stroke="{st.color}" stroke-width="{num(style.EDGE_WIDTH)}"{dash}/>'
            )
            tip = (left + 40, y)
            fill = "#ffffff" if st.head == "open" else st.color
            corners = (
                [tip, (tip[0] - 5, y - 3), (tip[0] - 10, y), (tip[0] - 5, y + 3)]
                if st.head == "diamond"
                else [tip, (tip[0] - 10, y - 4), (tip[0] - 10, y + 4)]
            )
            o.append(
                f'<polygon points="{_points(corners)}" '
                f'fill="{fill}" stroke="{st.color}" stroke-width="1.2"/>'
            )
            if st.head == "bar":
                o.append(
                    f'<line x1="{num(tip[0] - 14)}" y1="{num(y - 6)}" x2="{num(tip[0] - 14)}" '
                    f'y2="{num(y + 6)}" stroke="{st.color}" stroke-width="2"/>'
                )
            o.append(f'<text x="{num(left + 48)}" y="{num(y + 3)}">{esc(st.label)}</text>\n')
        left2 = left + 120
        for i, role in enumerate(roles):
            rs = style.ROLE_STYLES[role]
            y = top + i * LEGEND_ROW + 2
            o.append(
                f'<rect x="{num(left2)}" y="{num(y)}" width="20" height="12" rx="3" '
                f'fill="{rs.fill}" stroke="{rs.stroke}" stroke-width="1"/>'
                f'<text x="{num(left2 + 28)}" y="{num(y + 9)}">{esc(rs.label.lower())}</text>\n'
            )
        o.append("</g>\n")


def _dasharray(dash: tuple[float, ...]) -> str:
    return f' stroke-dasharray="{" ".join(num(v) for v in dash)}"' if dash else ""
