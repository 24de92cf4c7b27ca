"""The look shared by the canvas and every export: sizes, colours by role, line styles by kind.

Relation kinds differ in line style and arrowhead, not in colour alone, so they read in
grayscale and for colour-blind readers: support is a solid line with a filled arrow, attack a
dashed line with a bar-and-arrow head, undercut a dotted line ending on the inference it attacks.
A qualify (a concession) and a supersede (a position that changed over time) attack nothing, so
they are drawn apart from attacks: dash-dot lines ending in a small diamond, grey and blue.
Role colours come from the Okabe–Ito colour-blind-safe palette, as light fills with dark outlines.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model.elements import RelationKind, Role

FONT_SIZE = 11.0  # claim text, in points (1 SVG user unit = 1 pt = 1 canvas unit)
ROLE_FONT_SIZE = 7.5  # the small role label above the text
TAG_FONT_SIZE = 7.5
LINE_HEIGHT = 1.3  # times the font size
ROLE_LINE_HEIGHT = 1.25
PADDING = 9.0
CORNER_RADIUS = 8.0
WRAP_WIDTH = 190.0  # default text width before wrapping
MIN_TEXT_WIDTH = 90.0
CHIP_PADDING = 4.0
CHIP_HEIGHT = 12.0
CHIP_GAP = 4.0
BORDER_WIDTH = 1.4
EDGE_WIDTH = 1.6
EDITOR_BORDER_DASH = (5.0, 3.0)  # the box of a claim the map's editor added (not in the article)


@dataclass(frozen=True, slots=True)
class RoleStyle:
    fill: str
    stroke: str
    label: str  # shown above the text, so roles read without colour


ROLE_STYLES: dict[Role, RoleStyle] = {
    Role.THESIS: RoleStyle("#d9e8f5", "#0072b2", "THESIS"),
    Role.REASON: RoleStyle("#dcf1e7", "#009e73", "REASON"),
    Role.OBJECTION: RoleStyle("#fbe3d4", "#d55e00", "OBJECTION"),
    Role.REBUTTAL: RoleStyle("#f6e9f1", "#cc79a7", "REBUTTAL"),
    Role.CONCESSION: RoleStyle("#fdf6d8", "#b8a000", "CONCESSION"),
    Role.CLAIM: RoleStyle("#f2f2f2", "#666666", "CLAIM"),
}


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    color: str
    dash: tuple[float, ...]  # empty: solid
    # "arrow" (filled triangle), "bar" (triangle with a crossbar), "open" (open triangle),
    # "diamond" (a small filled diamond)
    head: str
    label: str


EDGE_STYLES: dict[RelationKind, EdgeStyle] = {
    RelationKind.SUPPORT: EdgeStyle("#009e73", (), "arrow", "supports"),
    RelationKind.ATTACK: EdgeStyle("#d55e00", (7.0, 4.0), "bar", "attacks"),
    RelationKind.UNDERCUT: EdgeStyle("#7b3294", (2.0, 3.0), "open", "undercuts"),
    RelationKind.QUALIFY: EdgeStyle("#7a7a7a", (6.0, 3.0, 1.5, 3.0), "diamond", "qualifies"),
    RelationKind.SUPERSEDE: EdgeStyle("#56b4e9", (6.0, 3.0, 1.5, 3.0), "diamond", "supersedes"),
}

TAG_FILL = "#ffffff"
TAG_STROKE = "#8a8a8a"
TAG_TEXT = "#333333"
TEXT_COLOR = "#1a1a1a"
