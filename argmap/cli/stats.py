"""``argmap stats FILE… [--json]``: claims per role, relations per kind, tags."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from argmap.cli.reading import load
from argmap.model.argument_map import ArgumentMap
from argmap.model.elements import RelationKind, Role


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="count claims by role, relations by kind, tags")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable JSON")
    p.set_defaults(func=run)


def map_stats(m: ArgumentMap) -> dict[str, Any]:
    roles = Counter(r.value for r in m.roles().values())
    kinds = Counter(r.kind.value for r in m.relations())
    tags = Counter(t for c in m.claims() for t in c.tags)
    return {
        "claims": m.claim_count,
        "relations": m.relation_count,
        "roles": {r.value: roles.get(r.value, 0) for r in Role},
        "kinds": {k.value: kinds.get(k.value, 0) for k in RelationKind},
        "linked": sum(1 for r in m.relations() if len(r.premises) > 1),
        "anchored": sum(1 for c in m.claims() if c.anchors),
        "tags": dict(sorted(tags.items())),
    }


def run(args: argparse.Namespace) -> int:
    result = {name: map_stats(load(name)) for name in args.files}
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for name, s in result.items():
        print(
            f"{name}: {s['claims']} claims, {s['relations']} relations "
            f"({s['linked']} linked), {s['anchored']} anchored"
        )
        print("  roles:  " + ", ".join(f"{k} {v}" for k, v in s["roles"].items()))
        print("  kinds:  " + ", ".join(f"{k} {v}" for k, v in s["kinds"].items()))
        print("  tags:   " + (", ".join(f"{k} {v}" for k, v in s["tags"].items()) or "none"))
    return 0
