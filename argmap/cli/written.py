"""The success line of commands that write files: what was written and where, on stderr.

Not a subcommand (no ``register``). Paths are absolute, so the file is found whatever the
current folder; stdout stays free for the commands that print their result there.
"""

from __future__ import annotations

import sys
from pathlib import Path


def written_line(what: str, paths: list[Path], pages: int | None = None) -> str:
    """``argmap: wrote WHAT (SIZE[, N pages]) to PATH[, PATH…]``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "b.md"); _ = p.write_text("x" * 2048)
    ...     written_line("brief (MD)", [p]).replace(str(p.resolve()), "B")
    'argmap: wrote brief (MD) (2.0 KB) to B'
    """
    where = ", ".join(str(p.resolve()) for p in paths)
    size = sum(p.stat().st_size for p in paths)
    count = f", {pages} pages" if pages and pages > 1 else ""
    return f"argmap: wrote {what} ({_human(size)}{count}) to {where}"


def say_written(what: str, paths: list[Path], pages: int | None = None) -> None:
    print(written_line(what, paths, pages), file=sys.stderr, flush=True)


def _human(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024**2:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024**2:.1f} MB"
