"""``argmap validate FILE…``: every problem on its own line.

Exit 0 when valid, 1 when a file has problems, 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from argmap import formats
from argmap.errors import ArgmapError, MapFileError
from argmap.model.validation import validate_map


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check maps and list every problem",
        description="Check argument-map files. Prints every problem as "
        "FILE: place: message. Exit 0 when all are valid, 1 when a "
        "file has problems, 2 when a file cannot be read.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            m, lost = formats.load_map_with_losses(name)
        except MapFileError as e:
            for problem in e.problems:
                print(f"{name}: {problem}", file=sys.stdout)
            status = max(status, 1)
            continue
        except ArgmapError as e:
            print(e.line(), file=sys.stdout)
            status = 2
            continue
        warnings = [p for p in validate_map(m) if p.severity != "error"]
        for message in lost:  # what the reader could not keep (a cut Argdown file, say)
            print(f"{name}: warning: {message}")
        for w in warnings:
            print(f"{name}: {w.place}: warning: {w.message}")
        if not args.quiet and not warnings and not lost:
            print(f"{name}: valid ({m.claim_count} claims, {m.relation_count} relations)")
    return status
