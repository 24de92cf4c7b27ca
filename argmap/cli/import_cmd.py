"""``argmap import IN -o OUT.argmap``: read a map made elsewhere (Argdown, AIF, GraphML,
microtext XML…) and save it as an ``.argmap`` file.

The input format comes from the extension and the content (``--from`` forces one); the output
format from ``-o``'s extension. What the input held that the map cannot (and what the output
format cannot hold) is printed as ``argmap: FILE: warning: …`` lines on stderr. The output is
written atomically, so a failed import never leaves a partial file.
"""

from __future__ import annotations

import argparse
import os
import sys

from argmap import formats
from argmap.errors import ArgmapError
from argmap.fileio import atomic_write, read_bytes
from argmap.formats.common import collecting_losses


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="convert a map from Argdown, AIF, GraphML or microtext XML to .argmap",
        description="Read a map in another format and write it as an .argmap file. "
        "Whatever could not be kept is listed on stderr as warnings.",
    )
    p.add_argument("input", metavar="IN", help="the file to import")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the .argmap file to write")
    p.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="the input format, when the extension and content do not tell "
        "(argdown, aif, graphml, microtext, argmap…)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    name = os.fspath(args.input)
    out = os.fspath(args.output)
    target = formats.for_path(out, want="write")
    if target is None:
        writable = ", ".join(e for f in formats.formats() if f.writer for e in f.extensions)
        raise ArgmapError(
            f"cannot tell the output format from the name (use one of {writable})", file=out
        )
    data = read_bytes(name)
    source = formats.get(args.source_format) if args.source_format else formats.detect(name, data)
    if source.reader is None:
        raise ArgmapError(f"argmap cannot read {source.name} files", file=name)
    with collecting_losses() as read_losses:
        m = source.reader(data, name)
    with collecting_losses() as write_losses:
        payload = formats.write_map(m, target)
    if not args.quiet:
        if m.claim_count == 0:
            # A reader that finds nothing it understands gives an empty map, which is valid:
            # say so, whatever the format, rather than write it without a word.
            print(
                f"argmap: {name}: warning: no claims found; is it really in the "
                f"{source.name} format? (--from picks the format)",
                file=sys.stderr,
            )
        for msg in read_losses:
            print(f"argmap: {name}: warning: {msg}", file=sys.stderr)
        for msg in write_losses:
            print(f"argmap: {out}: warning: {msg}", file=sys.stderr)
    try:
        atomic_write(out, payload)
    except OSError as e:
        raise ArgmapError(f"cannot write: {e.strerror or e}", file=out) from None
    if not args.quiet:
        print(f"{out}: {m.claim_count} claims, {m.relation_count} relations (from {source.name})")
    return 0
