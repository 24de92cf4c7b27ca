"""Python string indices count code points; Qt's text positions count UTF-16 code units.
Characters outside the Basic Multilingual Plane (emoji, some CJK) are one of the first and two
of the second, so every position crossing the boundary goes through an :class:`OffsetMap`."""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between code-point and UTF-16 positions in one text.

    >>> om = OffsetMap("a😀b")
    >>> om.to_utf16(2), om.to_codepoint(3)
    (3, 2)
    """

    def __init__(self, text: str) -> None:
        if not text or max(text) <= "\uffff":  # the usual case, decided at C speed
            self.astral: list[int] = []
        else:
            self.astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position just after the high surrogate of each astral character.
        self._ends = [a + j + 1 for j, a in enumerate(self.astral)]

    def to_utf16(self, index: int) -> int:
        return index + bisect_left(self.astral, index)

    def to_codepoint(self, position: int) -> int:
        return position - bisect_left(self._ends, position)
