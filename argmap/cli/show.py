"""``argmap show FILE [--json]``: the map as an outline, or as documented JSON for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from argmap.cli.reading import load
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Relation, RelationKind


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "show",
        help="print a map as an outline or as JSON",
        description="Print a map: a readable indented outline, or with --json "
        "the JSON described in docs/CLI.md.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    m = load(args.file)
    if args.json:
        json.dump(map_json(m), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(outline(m))
    return 0


def map_json(m: ArgumentMap) -> dict[str, Any]:
    """The documented JSON form used by ``argmap show --json``."""
    roles = m.roles()
    return {
        "title": m.title,
        "thesis": m.thesis,
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "author": a.author, "date": a.date}
            for a in sorted(m.articles(), key=lambda a: a.id)
        ],
        "claims": [
            {
                "id": c.id,
                "role": roles[c.id].value,
                "text": c.text,
                "tags": list(c.tags),
                "anchors": [
                    {"article": a.article, "start": a.start, "end": a.end, "quote": a.quote}
                    for a in c.anchors
                ],
            }
            for c in sorted(m.claims(), key=lambda c: natural_key(c.id))
        ],
        "relations": [
            {"id": r.id, "kind": r.kind.value, "premises": list(r.premises), "target": r.target}
            for r in sorted(m.relations(), key=lambda r: natural_key(r.id))
        ],
    }


_VERB = {
    RelationKind.SUPPORT: "+",
    RelationKind.ATTACK: "-",
    RelationKind.UNDERCUT: "~",
    RelationKind.QUALIFY: "±",  # concedes: yes, but
    RelationKind.SUPERSEDE: "»",  # replaces: a later position
}


def outline(m: ArgumentMap) -> str:
    """An indented outline from the thesis down: ``+`` supports, ``-`` attacks, ``~`` undercuts."""
    roles = m.roles()
    lines: list[str] = [m.title or "(untitled map)", ""]
    shown: set[str] = set()

    def claim_line(cid: str, depth: int, marker: str, linked: str = "") -> None:
        c = m.claim(cid)
        tags = f"  #{' #'.join(c.tags)}" if c.tags else ""
        again = "  (see above)" if cid in shown else ""
        lines.append(
            f"{'  ' * depth}{marker}[{roles[cid].value}] {c.text}{tags}{linked}{again}  <{cid}>"
        )
        if cid in shown:
            return
        shown.add(cid)
        for rel in sorted(m.relations_into(cid), key=lambda r: natural_key(r.id)):
            relation_lines(rel, depth + 1)

    def relation_lines(rel: Relation, depth: int) -> None:
        linked = (
            "  (linked with " + ", ".join(rel.premises[1:]) + ")" if len(rel.premises) > 1 else ""
        )
        for i, p in enumerate(rel.premises):
            claim_line(p, depth, _VERB[rel.kind] + " ", linked if i == 0 else "  (co-premise)")
        for u in sorted(m.relations_into(rel.id), key=lambda r: natural_key(r.id)):
            relation_lines(u, depth + 1)

    if m.thesis is not None:
        claim_line(m.thesis, 0, "")
    rest = [
        c.id
        for c in sorted(m.claims(), key=lambda c: natural_key(c.id))
        if c.id not in shown and not m.relations_from(c.id)
    ]
    for cid in rest:
        claim_line(cid, 0, "")
    leftover = [c.id for c in m.claims() if c.id not in shown]
    for cid in sorted(leftover, key=natural_key):
        claim_line(cid, 0, "")
    return "\n".join(lines) + "\n"
