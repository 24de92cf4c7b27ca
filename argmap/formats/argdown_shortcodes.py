"""Argdown's shortcodes: ``.~.`` or ``:~:`` for ¬, ``:+1:`` for 👍 … (Argdown syntax docs).

The reference parser replaces a shortcode by its character wherever it stands in a statement,
even inside a word (``p.^.q`` is ``p∧q``); unknown ones stay text.
"""

from __future__ import annotations

import re

_NAMES = {
    # logic
    "A": "∀",
    "E": "∃",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "<>": "◇",
    "[]": "◻",
    # emoji
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eyes": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "bomb": "💣",
}
SHORTCODES = {f"{d}{name}{d}": char for name, char in _NAMES.items() for d in ".:"}
SHORTCODES[":smile:"] = "☺️"
SHORTCODES[".smile."] = "☺"
# Longest first, so that ".<->." wins over ".<>." style prefixes.
# A space after it belongs to it (as after other inline tokens), so it is kept.
PATTERN = re.compile(
    "(?:" + "|".join(re.escape(k) for k in sorted(SHORTCODES, key=len, reverse=True)) + ")[ \t]?"
)


def character(image: str) -> str:
    """The character of a shortcode token, with its trailing space if it had one."""
    code = image.rstrip(" \t")
    return SHORTCODES[code] + (" " if len(code) < len(image) else "")
