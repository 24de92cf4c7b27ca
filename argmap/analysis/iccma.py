"""Readers for abstract frameworks in the ICCMA competition formats.

* ASPARTIX ``.apx``: ``arg(a).`` and ``att(a,b).`` facts, ``%`` comments;
* trivial graph format ``.tgf``: one argument per line, a ``#`` line, then ``a b`` attacks;
* ICCMA 2023 (``.af``, ``.i23``, or any file starting with ``p af``): ``p af N`` then
  ``i j`` attack lines over arguments ``1..N``, ``#`` comment lines; names are the numbers.

Malformed input raises :class:`~argmap.errors.ArgmapError` naming the file and the line.

>>> read_framework(b"arg(a). arg(b).\\natt(a,b).\\n", "x.apx").attacks()
[('a', 'b')]
>>> read_framework(b"p af 2\\n# c\\n2 1\\n", "x.af").attacks()
[('2', '1')]
"""

from __future__ import annotations

import os
import re

from argmap.analysis.dung import Framework
from argmap.errors import ArgmapError
from argmap.fileio import decode_utf8, read_bytes

EXTENSIONS = (".apx", ".tgf", ".af", ".i23")

_NAME = r"[A-Za-z0-9_][A-Za-z0-9_.\-]*"
_APX_FACT = re.compile(rf"\s*(arg\(\s*({_NAME})\s*\)|att\(\s*({_NAME})\s*,\s*({_NAME})\s*\))\s*\.")


def is_framework_file(path: str, data: bytes | None = None) -> bool:
    """Whether ``path`` (or its content) is an abstract framework rather than a map."""
    if path.lower().endswith(EXTENSIONS):
        return True
    if data is None:
        return False
    head = data.lstrip()[:64]
    return head.startswith(b"p af")


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a framework file (format by extension, else by content)."""
    name = os.fspath(path)
    return read_framework(read_bytes(name), name)


def read_framework(data: bytes, file: str) -> Framework:
    text = decode_utf8(data, file)
    lower = file.lower()
    if lower.endswith(".apx"):
        return _read_apx(text, file)
    if lower.endswith(".tgf"):
        return _read_tgf(text, file)
    return _read_p_af(text, file)


def _err(file: str, line: int, message: str) -> ArgmapError:
    return ArgmapError(message, file=file, place=f"line {line}")


def _read_apx(text: str, file: str) -> Framework:
    names: dict[str, None] = {}
    attacks: list[tuple[str, str, int]] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0]
        pos = 0
        while pos < len(line):
            if not line[pos:].strip():
                break
            match = _APX_FACT.match(line, pos)
            if match is None:
                snippet = line[pos:].strip()[:40]
                raise _err(file, lineno, f"expected arg(NAME). or att(NAME,NAME). at {snippet!r}")
            if match.group(2) is not None:
                if match.group(2) in names:
                    raise _err(file, lineno, f"argument {match.group(2)!r} declared twice")
                names[match.group(2)] = None
            else:
                attacks.append((match.group(3), match.group(4), lineno))
            pos = match.end()
    for a, b, lineno in attacks:
        for x in (a, b):
            if x not in names:
                raise _err(file, lineno, f"attack names undeclared argument {x!r}")
    return Framework.from_attacks(names, ((a, b) for a, b, _ in attacks))


def _read_tgf(text: str, file: str) -> Framework:
    names: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    in_attacks = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line == "#":
            if in_attacks:
                raise _err(file, lineno, "a second '#' separator")
            in_attacks = True
            continue
        parts = line.split()
        if not in_attacks:
            if len(parts) != 1:
                raise _err(file, lineno, f"expected one argument name, got {line[:40]!r}")
            if parts[0] in names:
                raise _err(file, lineno, f"argument {parts[0]!r} declared twice")
            names[parts[0]] = None
        else:
            if len(parts) != 2:
                raise _err(file, lineno, f"expected 'ATTACKER ATTACKED', got {line[:40]!r}")
            for x in parts:
                if x not in names:
                    raise _err(file, lineno, f"attack names undeclared argument {x!r}")
            attacks.append((parts[0], parts[1]))
    return Framework.from_attacks(names, attacks)


MAX_ARGUMENTS = 1_000_000


def _read_p_af(text: str, file: str) -> Framework:
    n: int | None = None
    attacks: list[tuple[str, str]] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if n is None:
            if len(parts) != 3 or parts[:2] != ["p", "af"] or not parts[2].isdigit():
                raise _err(file, lineno, f"expected 'p af N' header, got {line[:40]!r}")
            n = int(parts[2])
            if n > MAX_ARGUMENTS:
                # Every argument of 1..N exists even without attacks, so N is allocated:
                # refuse absurd headers instead of exhausting memory.
                raise _err(
                    file, lineno, f"'p af {n}' declares more than {MAX_ARGUMENTS:,} arguments"
                )
            continue
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise _err(file, lineno, f"expected 'I J' (two argument numbers), got {line[:40]!r}")
        i, j = int(parts[0]), int(parts[1])
        for x in (i, j):
            if not 1 <= x <= n:
                raise _err(file, lineno, f"argument {x} is not in 1..{n}")
        attacks.append((str(i), str(j)))
    if n is None:
        raise ArgmapError("no 'p af N' header", file=file, place="line 1")
    return Framework.from_attacks((str(i) for i in range(1, n + 1)), attacks)
