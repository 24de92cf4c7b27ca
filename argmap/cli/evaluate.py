"""``argmap evaluate FILE [--semantics S] [--json]``: which claims stand, and why.

FILE is an argument map, or an abstract framework in an ICCMA format (``.apx``, ``.tgf``,
``p af``), in which case the ids are the framework's argument names.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from argmap import formats
from argmap.analysis import iccma
from argmap.analysis.acceptability import (
    EXTENSION_LIMIT,
    SEMANTICS,
    Semantics,
    evaluate,
    explain_all,
)
from argmap.analysis.dung import (
    Framework,
    TooManyExtensions,
    grounded_labels,
    preferred_extensions,
    sceptical_labels,
    stable_extensions,
)
from argmap.errors import ArgmapError
from argmap.fileio import read_bytes
from argmap.model.argument_map import natural_key
from argmap.model.provenance import without_editor


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="label every claim in/out/undecided (Dung semantics)",
        description="Label every claim of a map (or argument of an ICCMA framework: .apx, "
        ".tgf, 'p af') in, out or undecided under grounded, preferred or stable semantics. "
        "See docs/ANALYSIS.md.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--semantics", choices=SEMANTICS, default="grounded")
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"semantics", "labels", "extensions"} as JSON',
    )
    p.add_argument(
        "--without-editor",
        action="store_true",
        help="leave out the claims the map's editor added (not in the article)",
    )
    p.set_defaults(func=run)


def evaluate_framework(af: Framework, semantics: Semantics) -> dict[str, Any]:
    """The ``--json`` result for an abstract framework."""
    if semantics == "grounded":
        labels = grounded_labels(af)
        exts = [sorted((n for n, lab in labels.items() if lab == "in"), key=natural_key)]
    else:
        solve = preferred_extensions if semantics == "preferred" else stable_extensions
        found = solve(af, EXTENSION_LIMIT)
        labels = sceptical_labels(af, found)
        exts = sorted(
            (sorted(e, key=natural_key) for e in found), key=lambda e: [natural_key(x) for x in e]
        )
    return {"semantics": semantics, "labels": labels, "extensions": exts}


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except TooManyExtensions as e:
        raise ArgmapError(
            f"{e} under {args.semantics} semantics; try --semantics grounded", file=args.file
        ) from None


def _run(args: argparse.Namespace) -> int:
    name = args.file
    data = read_bytes(name)
    if iccma.is_framework_file(name, data):
        result = evaluate_framework(iccma.read_framework(data, name), args.semantics)
        if args.json:
            _dump(result)
        else:
            for arg, label in result["labels"].items():
                print(f"{label:<9}  {arg}")
            _print_extensions(result["extensions"], args.semantics)
        return 0
    m = formats.load_map(name)
    if args.without_editor:
        m = without_editor(m)
    ev = evaluate(m, args.semantics)
    if args.json:
        _dump(ev.to_json())
        return 0
    why_all = explain_all(m, ev)
    for cid, label in ev.labels.items():
        why = why_all[cid].reason
        if args.semantics != "grounded" and label == "undecided" and ev.credulous[cid]:
            n_in = sum(cid in e for e in ev.extensions)
            why += f"; in {n_in} of {len(ev.extensions)} extensions"
        print(f"{label:<9}  {cid}: {_short(m.claim(cid).text)}  ({why})")
    _print_extensions(ev.extensions, args.semantics)
    return 0


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _print_extensions(exts: list[list[str]], semantics: str) -> None:
    if semantics == "grounded":
        return
    print(f"{len(exts)} {semantics} extension{'s' if len(exts) != 1 else ''}")
    for e in exts:
        print("  {" + ", ".join(e) + "}")


def _dump(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
