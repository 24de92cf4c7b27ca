"""``argmap gaps FILE [--semantics S] [--json]``: what is still unanswered or unsourced."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from argmap.analysis.gaps import GapReport, gap_report
from argmap.cli.reading import load
from argmap.cli.semantics import WIDTH, add_semantics_option, description
from argmap.export.words import semantics_legend
from argmap.model.argument_map import ArgumentMap


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gaps",
        help="list unanswered objections, unsourced reasons and the thesis's status",
        description=description(
            "The gap report of a map: objections with no rebuttal, reasons with no "
            "support and no source, claims with no anchor, the thesis's status and the "
            "what-ifs that would change it."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    add_semantics_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    m = load(args.file)
    report = gap_report(m, args.semantics)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(m, report))
    return 0


def render_text(m: ArgumentMap, r: GapReport) -> str:
    """The gap report as plain text."""

    def line(cid: str) -> str:
        return f"  - {cid}: {m.claim(cid).text}"

    out = [f"Gaps in {m.title or 'the map'} ({r.semantics} semantics)"]
    out += [textwrap.fill(semantics_legend(r.semantics), WIDTH), ""]
    if r.thesis is None:
        out.append("Thesis: none marked")
    else:
        out.append(f"Thesis {r.thesis!r} is {r.thesis_label.upper() if r.thesis_label else '?'}")
        out.append(f"  why: {r.thesis_reason}")
        if r.flips:
            out.append("  what would change it:")
            for f in r.flips:
                out.append(f"    - assume {f.claim!r} {f.assume} -> thesis {f.thesis_becomes}")
        else:
            out.append("  no single what-if (one claim accepted or rejected) changes it")
        if not r.flips_complete:
            out.append("  (what-ifs checked only for the nearest claims: the map is large)")
    sections = [
        ("Objections with no rebuttal", r.unanswered_objections),
        ("Reasons with no support and no source", r.unsupported_reasons),
        ("Claims with no source anchor", r.unanchored_claims),
    ]
    for title, ids in sections:
        out += ["", f"{title}: {len(ids)}"]
        out += [line(c) for c in ids]
    return "\n".join(out) + "\n"
