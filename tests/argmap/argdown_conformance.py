"""The comparison ../shared/argdown-conformance/README.md defines, as checks with a score.

Per file: the same statements (equivalence classes by title, the same texts once whitespace is
normalised), the same arguments with the same premise–conclusion structure (premises,
intermediary and main conclusions, inference rules), the same relations (type, from, to),
tags and sections; plus the ``{…}`` data of statements and arguments.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from argmap.formats.argdown_document import (
    Document,
    Section,
    endpoint_title,
    endpoint_type,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "argdown-conformance"
CONFORMANCE = Path(os.environ.get("ARGMAP_ARGDOWN_CONFORMANCE", SHARED))


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _json_data(value: Any) -> Any:
    """Data as the reference's JSON holds it (dates become strings)."""
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _ref_sections(sections: list[dict[str, Any]]) -> list[Any]:
    return [(s["title"], s["level"], _ref_sections(s.get("children", []))) for s in sections]


def _our_sections(sections: list[Section]) -> list[Any]:
    return [(s.title, s.level, _our_sections(s.children)) for s in sections]


def compare(doc: Document, ref: dict[str, Any]) -> dict[str, str | None]:
    """Each check's name mapped to None (equal) or what differs."""
    out: dict[str, str | None] = {}

    def check(name: str, ours: Any, theirs: Any) -> None:
        out[name] = None if ours == theirs else f"ours {ours!r} != reference {theirs!r}"[:600]

    ref_st = ref["statements"]
    check("statement titles", sorted(doc.statements), sorted(ref_st))
    texts_ours = {
        t: [norm(m.text) for m in ec.members if m.text] for t, ec in doc.statements.items()
    }
    texts_ref = {
        t: [norm(m.get("text")) for m in ec["members"] if norm(m.get("text"))]
        for t, ec in ref_st.items()
    }
    check("statement texts", texts_ours, texts_ref)
    check(
        "statement tags",
        {t: sorted(ec.tags) for t, ec in doc.statements.items() if ec.tags},
        {t: sorted(ec["tags"]) for t, ec in ref_st.items() if ec.get("tags")},
    )
    check(
        "statement data",
        {t: _json_data(ec.data) for t, ec in doc.statements.items() if ec.data},
        {t: ec["data"] for t, ec in ref_st.items() if ec.get("data")},
    )
    ref_args = ref["arguments"]
    check("argument titles", sorted(doc.arguments), sorted(ref_args))
    check(
        "argument descriptions",
        {t: [norm(m.text) for m in a.members if m.text] for t, a in doc.arguments.items()},
        {
            t: [norm(m.get("text")) for m in a["members"] if norm(m.get("text"))]
            for t, a in ref_args.items()
        },
    )
    check(
        "premise-conclusion structures",
        {
            t: [(p.title, p.role, p.inference.rules if p.inference else None) for p in a.pcs]
            for t, a in doc.arguments.items()
        },
        {
            t: [
                (
                    p["title"],
                    p["role"],
                    p["inference"]["inferenceRules"] if "inference" in p else None,
                )
                for p in a.get("pcs", [])
            ]
            for t, a in ref_args.items()
        },
    )
    check(
        "argument tags and data",
        {
            t: (sorted(a.tags), _json_data(a.data))
            for t, a in doc.arguments.items()
            if a.tags or a.data
        },
        {
            t: (sorted(a.get("tags", [])), a.get("data", {}))
            for t, a in ref_args.items()
            if a.get("tags") or a.get("data")
        },
    )
    check(
        "relations",
        Counter(
            (
                r.kind,
                endpoint_type(r.source),
                endpoint_title(r.source),
                endpoint_type(r.target),
                endpoint_title(r.target),
            )
            for r in doc.relations
        ),
        Counter(
            (r["relationType"], r["fromType"], r["from"], r["toType"], r["to"])
            for r in ref["relations"]
        ),
    )
    check("tags", sorted(doc.tags), sorted(ref.get("tags", {})))
    check("sections", _our_sections(doc.sections), _ref_sections(ref.get("sections", [])))
    return out


def conformance_files() -> list[Path]:
    return [
        *sorted((CONFORMANCE / "valid").glob("*.argdown")),
        CONFORMANCE / "include" / "include-test.argdown",
    ]
