"""``argmap export FILE… -o OUT``: diagrams (SVG, PNG, PDF, DOT), outlines and other formats.

The format comes from ``--format`` or OUT's extension. Several inputs go into the folder OUT
(created if missing), one progress line per file on stderr. Maps whose claims all have stored
positions are drawn as saved; others are laid out first (``--layout``, ``--engine``).
Each output is written atomically, so a failure never leaves a partial file; the first
problem of each input is reported with its file name and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from argmap import formats
from argmap.cli.reading import load
from argmap.cli.written import say_written
from argmap.errors import ArgmapError
from argmap.export.api import PAGED, ExportOptions, page_paths, render
from argmap.fileio import atomic_write
from argmap.formats import Format
from argmap.layout import style
from argmap.layout.engine import DEFAULT_ENGINE, ENGINES
from argmap.layout.tree import RANKDIRS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export maps as SVG, PNG, PDF, DOT, Markdown and other formats",
        description="Export maps. The format comes from --format or the output's extension; "
        "several input files go into the folder given with -o. Maps without stored "
        "positions are laid out first (keeping every stored position).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="maps to export (any readable format)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file or folder")
    p.add_argument("-f", "--format", metavar="F", help="output format (default: from OUT)")
    p.add_argument(
        "--layout",
        choices=("auto", "keep", "fresh"),
        default="auto",
        help="auto: place unplaced claims, keeping stored positions (default); keep: never lay "
        "out; fresh: lay out again (pinned claims stay)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="layout engine: tree (default; fast, compact, no external program) or dot (Graphviz)",
    )
    p.add_argument(
        "--rankdir",
        choices=RANKDIRS,
        help="direction of a fresh layout: BT puts the thesis on top (default); implies "
        "--layout fresh",
    )
    p.add_argument(
        "--wrap-width",
        type=float,
        default=style.WRAP_WIDTH,
        metavar="PT",
        help=f"text width of a claim box in points before it wraps (default {style.WRAP_WIDTH:g})",
    )
    p.add_argument("--dpi", type=float, default=96.0, help="PNG pixels per inch (default 96)")
    p.add_argument("--scale", type=float, default=1.0, help="PNG scale factor (default 1)")
    p.add_argument(
        "--timeout", type=float, default=120.0, help="Graphviz time limit in seconds (default 120)"
    )
    p.add_argument(
        "--page",
        type=_paper_name,
        metavar="SIZE",
        help="PDF and PNG: print on A4, Letter or A3 paper; one page when the text stays at "
        "7 pt or more, else several pages in reading order after an overview page (PNG: one "
        "file per page, OUT-2.png, OUT-3.png…)",
    )
    p.add_argument("--landscape", action="store_true", help="turn the --page paper sideways")
    p.add_argument(
        "--fit",
        action="store_true",
        help="the whole map on one --page page, however small its text gets (warns below 7 pt)",
    )
    p.set_defaults(func=run)


def _paper_name(text: str) -> str:
    from argmap.export.pages import PAPER

    for name in PAPER:
        if name.lower() == text.lower():
            return name
    raise argparse.ArgumentTypeError(f"use one of {', '.join(PAPER)}")


def _usage(message: str) -> ArgmapError:
    e = ArgmapError(message)
    e.usage = True  # type: ignore[attr-defined]  # read by argmap.cli.main
    return e


def options_from(args: argparse.Namespace) -> ExportOptions:
    """The export options the command line asks for (checked)."""
    options = ExportOptions(
        layout=args.layout,
        engine=getattr(args, "engine", DEFAULT_ENGINE),
        rankdir=args.rankdir,
        wrap_width=args.wrap_width,
        dpi=args.dpi,
        scale=args.scale,
        timeout=args.timeout,
        page=args.page,
        landscape=args.landscape,
        fit=args.fit,
    )
    options.check()
    return options


def _stem(path: str) -> str:
    """The input's name without its format extension (``a.argmap.json`` → ``a``)."""
    name = Path(path).name
    fmt = formats.for_path(path, want="read")
    if fmt is not None:
        for ext in sorted(fmt.extensions, key=len, reverse=True):
            if name.lower().endswith(ext):
                return name[: -len(ext)] or name
    return Path(name).stem or name


def plan(args: argparse.Namespace) -> tuple[Format, list[tuple[str, Path]]]:
    """The output format and the (input, output path) pairs; checks arguments first."""
    options_from(args)
    out = Path(args.output)
    to_folder = len(args.files) > 1 or out.is_dir() or args.output.endswith(("/", os.sep))
    if args.format:
        fmt = formats.get(args.format)
    elif to_folder:
        fmt = formats.get("svg")
    else:
        found = formats.for_path(out, want="write")
        if found is None:
            known = ", ".join(e for f in formats.formats() if f.writer for e in f.extensions)
            raise _usage(f"cannot tell the format of {args.output!r}; use --format (or {known})")
        fmt = found
    if fmt.writer is None:
        raise _usage(f"argmap cannot write {fmt.name} files")
    if args.page and fmt.name not in PAGED:
        raise _usage(f"--page applies to PDF and PNG, not {fmt.name}")
    if not to_folder:
        return fmt, [(args.files[0], out)]
    pairs = [(f, out / (_stem(f) + fmt.extensions[0])) for f in args.files]
    seen: dict[Path, str] = {}
    for f, target in pairs:
        if target in seen:
            raise _usage(f"{seen[target]} and {f} would both be written to {target}")
        seen[target] = f
    return fmt, pairs


def export_one(src: str, target: Path, fmt: Format, options: ExportOptions) -> list[Path]:
    """Export ``src`` to ``target``; the files written (several for a paged PNG)."""
    m = load(src)
    try:
        rendered = render(m, fmt, options)
    except ArgmapError as e:
        if e.file is None:
            raise ArgmapError(e.message, file=src, place=e.place) from None
        raise
    # Formats that cannot hold everything say what they dropped; tell the user.
    for message in rendered.losses:
        print(f"argmap: {src}: warning: {message}", file=sys.stderr)
    blobs = [rendered.data, *rendered.more_pages]
    paths = page_paths(target, len(blobs))
    for path, blob in zip(paths, blobs, strict=True):
        try:
            atomic_write(path, blob)
        except OSError as e:
            raise ArgmapError(f"cannot write: {e.strerror or e}", file=str(path)) from None
    return paths


def _pdf_pages(path: Path, fmt: Format) -> int | None:
    """The page count of a PDF we wrote (cairo writes one ``/Type /Page`` object per page)."""
    if fmt.name != "pdf":
        return None
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes())) or None


def run(args: argparse.Namespace) -> int:
    fmt, pairs = plan(args)
    options = options_from(args)
    if len(pairs) > 1 or Path(args.output).is_dir():
        try:
            Path(args.output).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ArgmapError(
                f"cannot create the folder: {e.strerror or e}", file=args.output
            ) from None
    failed = 0
    for i, (src, target) in enumerate(pairs, 1):
        if len(pairs) > 1:
            print(f"[{i}/{len(pairs)}] {src} -> {target}", file=sys.stderr, flush=True)
        try:
            paths = export_one(src, target, fmt, options)
            say_written(fmt.name.upper(), paths, _pdf_pages(paths[0], fmt) or len(paths))
        except ArgmapError as e:
            if len(pairs) == 1:
                raise
            print(f"argmap: {e.line()}", file=sys.stderr, flush=True)
            failed += 1
    if failed:
        print(f"argmap: {failed} of {len(pairs)} files failed", file=sys.stderr)
        return 1
    return 0
