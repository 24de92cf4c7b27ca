"""Errors the user sees: one line naming the file and the place, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a map or a file.

    ``place`` is where in the file (``line 3:14`` for syntax, a JSON path such as
    ``$.claims[2].anchors[0].quote`` for content); ``id`` is the claim or relation involved.

    >>> str(Problem("dangling", "relation 'r1' targets unknown claim 'x'", "$.relations[0]", "r1"))
    "$.relations[0]: relation 'r1' targets unknown claim 'x'"
    """

    code: str
    message: str
    place: str = ""
    id: str | None = None
    severity: str = "error"  # "error" makes a file unloadable; "warning" is advice

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class ArgmapError(Exception):
    """An error with a one-line message for the user: ``FILE: place: message``."""

    def __init__(self, message: str, *, file: str | None = None, place: str = "") -> None:
        self.message = message
        self.file = file
        self.place = place
        super().__init__(self.line())

    def line(self) -> str:
        parts = [p for p in (self.file, self.place, self.message) if p]
        return one_line(": ".join(parts))


_CONTROL = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7F)} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
}
_CONTROL |= {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"}


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters escaped, so a message is one line.

    >>> one_line('unknown field "a\\nb"')
    'unknown field "a\\\\nb"'
    """
    return text.translate(_CONTROL)


class MapFileError(ArgmapError):
    """A file that cannot be loaded; carries every problem found, the first in the message."""

    def __init__(self, file: str | None, problems: list[Problem]) -> None:
        assert problems, "MapFileError needs at least one problem"
        self.problems = problems
        first = problems[0]
        extra = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first.message + extra, file=file, place=first.place)
