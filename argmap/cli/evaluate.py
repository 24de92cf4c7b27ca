"""``argmap evaluate FILE… [--semantics S] [--json]``: which claims stand, and why.

Each FILE is an argument map, or an abstract framework in an ICCMA format (``.apx``,
``.tgf``, ``p af``), in which case the ids are the framework's argument names. With several
files, each one's lines follow a ``==> FILE <==`` header (``--json``: one object keyed by
file); a file that fails is reported in one line and the others are still evaluated (exit 1).
What the labels mean under the chosen semantics is printed once on stderr, after the labels.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from argmap.analysis import iccma
from argmap.analysis.acceptability import (
    EXTENSION_LIMIT,
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
from argmap.cli.reading import load
from argmap.cli.semantics import add_semantics_option, description
from argmap.errors import ArgmapError
from argmap.export.words import SEMANTICS_IN_WORDS
from argmap.fileio import read_bytes
from argmap.model import provenance
from argmap.model.argument_map import natural_key
from argmap.text import shorten


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="say which claims stand (in), fall (out) or stay undecided",
        description=description(
            "Label every claim of each map (or argument of an ICCMA framework: .apx, .tgf, "
            "'p af') in (stands), out (defeated) or undecided, and say why."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    add_semantics_option(p)
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"semantics", "labels", "extensions"} as JSON (several files: an object '
        "keyed by file name)",
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
    several = len(args.files) > 1
    results: dict[str, Any] = {}
    failed = 0
    for i, name in enumerate(args.files):
        if several and not args.json:
            print(("\n" if i else "") + f"==> {name} <==", flush=True)
        try:
            try:
                results[name] = evaluate_file(
                    name, args.semantics, args.json, without_editor=args.without_editor
                )
            except TooManyExtensions as e:
                raise ArgmapError(
                    f"{e} under {args.semantics} semantics; try --semantics grounded", file=name
                ) from None
        except ArgmapError as e:
            if not several:
                raise
            print(f"argmap: {e.line()}", file=sys.stderr, flush=True)
            failed += 1
    if args.json:
        if results:
            _dump(results if several else next(iter(results.values())))
    elif results:
        sys.stdout.flush()
        print(f"argmap: {legend(args.semantics)}", file=sys.stderr)
    if failed:
        print(f"argmap: {failed} of {len(args.files)} files failed", file=sys.stderr)
        return 1
    return 0


def legend(semantics: str) -> str:
    """What the labels mean, in words (printed on stderr after the labels).

    >>> legend("grounded")[:60]
    'in = stands, out = defeated, undecided = cannot be settled; '
    """
    return (
        "in = stands, out = defeated, undecided = cannot be settled; "
        f"{semantics} semantics is {SEMANTICS_IN_WORDS[semantics]}"
    )


def evaluate_file(
    name: str, semantics: Semantics, as_json: bool, *, without_editor: bool = False
) -> dict[str, Any] | None:
    """Evaluate one file; print its labels, or with ``as_json`` return the JSON result.
    ``without_editor``: leave out the claims the map's editor added first."""
    data = read_bytes(name)
    if iccma.is_framework_file(name, data):
        result = evaluate_framework(iccma.read_framework(data, name), semantics)
        if as_json:
            return result
        for arg, label in result["labels"].items():
            print(f"{label:<9}  {arg}")
        _print_extensions(result["extensions"], semantics)
        return None
    m = load(name)
    if without_editor:
        m = provenance.without_editor(m)
    ev = evaluate(m, semantics)
    if as_json:
        return ev.to_json()
    why_all = explain_all(m, ev)
    for cid, label in ev.labels.items():
        why = why_all[cid].reason
        if semantics != "grounded" and label == "undecided" and ev.credulous[cid]:
            n_in = sum(cid in e for e in ev.extensions)
            why += f"; in {n_in} of {len(ev.extensions)} extensions"
        print(f"{label:<9}  {cid}: {shorten(m.claim(cid).text, 70)}  ({why})")
    _print_extensions(ev.extensions, semantics)
    return None


def _print_extensions(exts: list[list[str]], semantics: str) -> None:
    if semantics == "grounded":
        return
    print(f"{len(exts)} {semantics} extension{'s' if len(exts) != 1 else ''}")
    for e in exts:
        print("  {" + ", ".join(e) + "}")


def _dump(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
