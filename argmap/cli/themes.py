"""``argmap themes FILE… [--json] [-o OUT.md|.html|.svg]``: articles compared by theme."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from argmap.analysis.themes import theme_matrix
from argmap.cli.reading import load
from argmap.cli.written import say_written
from argmap.errors import ArgmapError
from argmap.export.html import themes_html
from argmap.export.markdown import themes_markdown
from argmap.export.themes_svg import themes_svg
from argmap.fileio import atomic_write

KINDS = (".md", ".html", ".htm", ".svg")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "themes",
        help="compare maps theme by theme (articles x themes matrix)",
        description="A matrix of articles x themes (ukraine, syria-alliance, anti-us, "
        "domestic-militants and any tag used in two or more maps): each cell lists the "
        "article's claims on the theme, their role, whether they support or attack the "
        "article's thesis, and their quotes. Prints Markdown unless --json or -o is given.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable JSON")
    p.add_argument("-o", "--output", metavar="OUT", help="OUT.md, OUT.html or OUT.svg")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kind = Path(args.output).suffix.lower() if args.output else ""
    if args.output and kind not in KINDS:
        err = ArgmapError(
            f"unknown output format {kind or '(none)'!r}: use .md, .html or .svg",
            file=args.output,
        )
        err.usage = True  # type: ignore[attr-defined]
        raise err
    tm = theme_matrix([(name, load(name)) for name in args.files])
    if args.json:
        text = json.dumps(tm.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif kind == ".svg":
        text = themes_svg(tm)
    elif kind in (".html", ".htm"):
        text = themes_html(tm)
    else:
        text = themes_markdown(tm)
    if args.output:
        try:
            atomic_write(args.output, text.encode("utf-8"))
        except OSError as e:
            raise ArgmapError(f"cannot write: {e.strerror or e}", file=args.output) from None
        what = "JSON" if args.json else kind.lstrip(".").upper()
        n = len(args.files)
        say_written(f"theme matrix of {n} map{'s' if n != 1 else ''} ({what})", [Path(args.output)])
    else:
        sys.stdout.write(text)
    return 0
