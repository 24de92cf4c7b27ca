"""The box of each claim, element by element, computed once in the core.

The SVG export and the Qt canvas both draw a :class:`ClaimBox` as it is: the same wrapped
lines at the same baselines, the same tag chips; Graphviz gets the box's size as a fixed node
size. Coordinates are relative to the box's top-left corner, in points.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from argmap.layout import style
from argmap.layout.textmetrics import metrics, wrap_measured
from argmap.model.elements import Claim, Provenance, Role

BYLINE_MAX = 40  # characters of "who says it" shown after the role label


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    x: float
    baseline: float


@dataclass(frozen=True, slots=True)
class Chip:
    tag: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    baseline: float


@dataclass(frozen=True, slots=True)
class ClaimBox:
    width: float
    height: float
    role_label: TextLine  # the role, then who asserts the claim when not the author
    lines: tuple[TextLine, ...]
    chips: tuple[Chip, ...]
    border_dash: tuple[float, ...] = ()  # dashed: a claim the map's editor added


def claim_box(claim: Claim, role: Role, wrap_width: float = style.WRAP_WIDTH) -> ClaimBox:
    """Lay out one claim's box.

    >>> from argmap.model import Claim, Role
    >>> box = claim_box(Claim("c", "Sanctions over Ukraine hurt Russia", ("ukraine",)), Role.REASON)
    >>> [line.text for line in box.lines]
    ['Sanctions over Ukraine hurt', 'Russia']
    >>> len(box.chips), box.width > 0, box.height > 0
    (1, True, True)
    """
    # The layout and every drawing ask for the same boxes: measure each text once.
    byline = claim.attribution.byline() if claim.attribution is not None else ""
    if len(byline) > BYLINE_MAX:
        byline = byline[: BYLINE_MAX - 1] + "…"
    editor = claim.provenance is Provenance.EDITOR
    return _box(claim.text, claim.tags, role, wrap_width, byline, editor)


@lru_cache(maxsize=1 << 16)
def _box(
    text: str,
    tags: tuple[str, ...],
    role: Role,
    wrap_width: float,
    byline: str = "",
    editor: bool = False,
) -> ClaimBox:
    m = metrics()
    pad = style.PADDING
    size = style.FONT_SIZE
    line_h = size * style.LINE_HEIGHT
    measured = wrap_measured(text or " ", wrap_width, size)
    texts = [t for t, _ in measured]
    text_w = max(style.MIN_TEXT_WIDTH, *(w for _, w in measured))

    # Tag chips flow left to right and wrap within the text width.
    chip_font = style.TAG_FONT_SIZE
    chip_specs = []
    for tag in tags:
        label = "#" + tag
        w = min(m.width(label, chip_font) + 2 * style.CHIP_PADDING, text_w)
        chip_specs.append((tag, label, w))
    text_w = max(text_w, *(w for _, _, w in chip_specs), 0.0)
    role_text = " · ".join(
        p for p in (style.ROLE_STYLES[role].label, "EDITOR'S" if editor else "", byline) if p
    )
    text_w = max(text_w, metrics(bold=True).width(role_text, style.ROLE_FONT_SIZE))

    y = pad
    role_baseline = y + style.ROLE_FONT_SIZE * m.ascent
    role_line = TextLine(role_text, pad, round(role_baseline, 2))
    y += style.ROLE_FONT_SIZE * style.ROLE_LINE_HEIGHT + 2.0

    # Each line's glyphs (ascent + descent) are centred in its line height.
    lead = (line_h - size * (m.ascent + m.descent)) / 2 + size * m.ascent
    lines = []
    for t in texts:
        lines.append(TextLine(t, pad, round(y + lead, 2)))
        y += line_h

    chips: list[Chip] = []
    if chip_specs:
        y += 4.0
        x = pad
        for tag, _label, w in chip_specs:
            if x > pad and x + w > pad + text_w:
                x = pad
                y += style.CHIP_HEIGHT + style.CHIP_GAP
            baseline = y + style.CHIP_HEIGHT / 2 + chip_font * 0.36
            chips.append(
                Chip(
                    tag,
                    round(x, 2),
                    round(y, 2),
                    round(w, 2),
                    style.CHIP_HEIGHT,
                    round(x + style.CHIP_PADDING, 2),
                    round(baseline, 2),
                )
            )
            x += w + style.CHIP_GAP
        y += style.CHIP_HEIGHT
    height = y + pad
    return ClaimBox(
        round(text_w + 2 * pad, 2),
        round(height, 2),
        role_line,
        tuple(lines),
        tuple(chips),
        style.EDITOR_BORDER_DASH if editor else (),
    )
