"""``argmap brief FILE -o OUT.md|.html|.pdf``: the debate brief to take into the room."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap import formats
from argmap.analysis.acceptability import SEMANTICS
from argmap.analysis.brief import build_brief, render_html, render_markdown
from argmap.errors import ArgmapError
from argmap.fileio import atomic_write

KINDS = (".md", ".html", ".htm", ".pdf")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "brief",
        help="write a debate brief (Markdown, HTML or PDF)",
        description="Write the debate brief of a map: the thesis, each reason with its "
        "evidence and quotes, each objection with its prepared answer or marked unanswered, "
        "the status of every claim and the open gaps. The output's extension picks the format.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="OUT.md, OUT.html or OUT.pdf"
    )
    p.add_argument("--semantics", choices=SEMANTICS, default="grounded")
    p.add_argument(
        "--no-editor-objections",
        action="store_true",
        help="leave out the claims the map's editor added (not in the article)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    kind = out.suffix.lower()
    if kind not in KINDS:
        err = ArgmapError(
            f"unknown brief format {kind or '(none)'!r}: use .md, .html or .pdf", file=args.output
        )
        err.usage = True  # type: ignore[attr-defined]
        raise err
    m = formats.load_map(args.file)
    brief = build_brief(m, args.semantics, editor_objections=not args.no_editor_objections)
    if kind == ".pdf":
        from argmap.analysis.brief_pdf import render_pdf

        data = render_pdf(brief)
    elif kind == ".md":
        data = render_markdown(brief).encode("utf-8")
    else:
        data = render_html(brief).encode("utf-8")
    try:
        atomic_write(out, data)
    except OSError as e:
        raise ArgmapError(f"cannot write: {e.strerror or e}", file=args.output) from None
    return 0
