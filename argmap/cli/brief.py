"""``argmap brief FILE -o OUT.md|.html|.pdf``: the debate brief to take into the room."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.analysis.brief import build_brief
from argmap.cli.reading import load
from argmap.cli.semantics import add_semantics_option, description
from argmap.cli.written import say_written
from argmap.errors import ArgmapError
from argmap.export.html import brief_html
from argmap.export.markdown import brief_markdown
from argmap.fileio import atomic_write

KINDS = (".md", ".html", ".htm", ".pdf")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "brief",
        help="write a debate brief (Markdown, HTML or PDF)",
        description=description(
            "Write the debate brief of a map: the thesis, each reason with its evidence and "
            "quotes, each objection with its prepared answer or marked unanswered, the status "
            "of every claim and the open gaps. The output's extension picks the format."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="OUT.md, OUT.html or OUT.pdf"
    )
    add_semantics_option(p)
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
    m = load(args.file)
    brief = build_brief(m, args.semantics, editor_objections=not args.no_editor_objections)
    if kind == ".pdf":
        from argmap.export.brief_pdf import brief_pdf  # reportlab loads only when needed

        data = brief_pdf(brief)
    elif kind == ".md":
        data = brief_markdown(brief).encode("utf-8")
    else:
        data = brief_html(brief).encode("utf-8")
    try:
        atomic_write(out, data)
    except OSError as e:
        raise ArgmapError(f"cannot write: {e.strerror or e}", file=args.output) from None
    say_written(f"brief ({kind.lstrip('.').upper()})", [out])
    return 0
