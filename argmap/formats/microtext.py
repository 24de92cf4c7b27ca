"""Reader for the argumentative microtext corpus XML (``arggraph``, Peldszus & Stede 2015).

Mapping: each ADU becomes a claim (its id, the text of its EDUs, tag ``proponent`` or
``opponent``) anchored to its EDUs' spans in the embedded text; ``sup`` and ``exa`` edges
become supports, ``reb`` attacks, ``und`` undercuts of the relation built from the edge they
point at; an ``add`` edge puts its source ADU into the premises of the relation it points at
(a linked argument). The thesis is the ADU with no outgoing argumentative edge.

The text is the ``.txt`` file beside the XML when there is one and every EDU can be found in
it in order; otherwise the EDUs joined by spaces (reported as a loss).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.formats.common import (
    MAX_ITEMS,
    MiB,
    finish_map,
    parse_xml,
    report_loss,
    valid_id,
)
from argmap.model.argument_map import ArgumentMap
from argmap.model.elements import Anchor, Article, Claim, Relation, RelationKind

EDGE_KINDS = {"seg", "sup", "exa", "add", "reb", "und"}
_RELATION_KIND = {
    "sup": RelationKind.SUPPORT,
    "exa": RelationKind.SUPPORT,
    "reb": RelationKind.ATTACK,
    "und": RelationKind.UNDERCUT,
}


@dataclass
class _Edge:
    id: str
    src: str
    trg: str
    type: str


def sniff(data: bytes) -> bool:
    """Whether the bytes look like an ``arggraph`` document."""
    return b"<arggraph" in data[:2048]


def read(data: bytes, file: str, text: str | None = None) -> ArgumentMap:
    """Read one microtext; ``text`` is the plain text (default: the ``.txt`` beside ``file``)."""
    root = parse_xml(data, file, "microtext")
    if root.tag != "arggraph":
        raise ArgmapError(
            f"not a microtext: the root element is <{root.tag}>, not <arggraph>", file=file
        )
    if len(root) > MAX_ITEMS:
        raise ArgmapError(f"too many elements ({len(root)})", file=file)
    graph_id = valid_id(root.get("id") or Path(file).stem or "microtext", file, "arggraph id")

    edus: dict[str, str] = {}
    joints: set[str] = set()
    adus: dict[str, str] = {}
    edges: dict[str, _Edge] = {}
    seen: set[str] = set()
    for el in root:
        eid = el.get("id")
        if el.tag not in ("edu", "joint", "adu", "edge"):
            report_loss(f"element <{el.tag}> is not part of the microtext scheme and was skipped")
            continue
        if not eid:
            raise ArgmapError(f"<{el.tag}> without an id", file=file)
        if eid in seen:
            raise ArgmapError(f"id {eid!r} is used twice", file=file)
        seen.add(eid)
        if el.tag == "edu":
            edus[eid] = " ".join((el.text or "").split())
        elif el.tag == "joint":
            joints.add(eid)
        elif el.tag == "adu":
            kind = el.get("type")
            if kind not in ("pro", "opp"):
                raise ArgmapError(f"ADU {eid!r} has type {kind!r}, not pro or opp", file=file)
            adus[valid_id(eid, file, f"adu {eid}")] = kind
        else:
            etype, src, trg = el.get("type"), el.get("src"), el.get("trg")
            if etype not in EDGE_KINDS or not src or not trg:
                raise ArgmapError(
                    f"edge {eid!r} needs src, trg and a type of {sorted(EDGE_KINDS)}", file=file
                )
            edges[eid] = _Edge(eid, src, trg, etype)
    if not adus:
        raise ArgmapError("the microtext has no ADU", file=file)

    # Segmentation: EDU -> (joint ->) ADU. An ADU's text is its EDUs' texts in document order.
    edu_order = {e: i for i, e in enumerate(edus)}
    parts: dict[str, list[str]] = {}
    for e in edges.values():
        if e.type != "seg":
            continue
        if e.src not in edus and e.src not in joints:
            raise ArgmapError(
                f"seg edge {e.id!r} starts at {e.src!r}, not an EDU or joint", file=file
            )
        if e.trg not in adus and e.trg not in joints:
            raise ArgmapError(
                f"seg edge {e.id!r} ends at {e.trg!r}, not an ADU or joint", file=file
            )
        parts.setdefault(e.trg, []).append(e.src)

    def edus_of(node: str, depth: int = 0) -> list[str]:
        if node in edus:
            return [node]
        if depth > 10:
            raise ArgmapError(f"segmentation of {node!r} loops through joints", file=file)
        return [x for p in parts.get(node, []) for x in edus_of(p, depth + 1)]

    adu_edus = {a: sorted(set(edus_of(a)), key=edu_order.__getitem__) for a in adus}
    for a, es in adu_edus.items():
        if not es:
            raise ArgmapError(f"ADU {a!r} is not grounded in any EDU (no seg edge)", file=file)

    article_text, spans = _locate(edus, file, text)
    article = Article(graph_id, article_text, title=root.get("topic_id") or graph_id)

    # Argumentative edges: sup/exa/reb/und make relations; add joins premises.
    arg_edges = {i: e for i, e in edges.items() if e.type != "seg"}
    for e in arg_edges.values():
        if e.src not in adus:
            raise ArgmapError(
                f"{e.type} edge {e.id!r} starts at {e.src!r}, which is not an ADU", file=file
            )
        if e.type in ("sup", "exa", "reb") and e.trg not in adus:
            raise ArgmapError(
                f"{e.type} edge {e.id!r} must point at an ADU, not {e.trg!r}", file=file
            )
        if e.type in ("und", "add") and e.trg not in arg_edges:
            raise ArgmapError(
                f"{e.type} edge {e.id!r} must point at an argumentative edge, not {e.trg!r}",
                file=file,
            )

    def owner(edge_id: str) -> str:
        """The sup/exa/reb/und edge an edge belongs to (following add chains)."""
        seen_chain: set[str] = set()
        while arg_edges[edge_id].type == "add":
            if edge_id in seen_chain:
                raise ArgmapError(f"add edges loop at {edge_id!r}", file=file)
            seen_chain.add(edge_id)
            edge_id = arg_edges[edge_id].trg
        return edge_id

    premises: dict[str, list[str]] = {i: [e.src] for i, e in arg_edges.items() if e.type != "add"}
    for e in arg_edges.values():
        if e.type == "add":
            group = premises[owner(e.trg)]
            if e.src not in group:
                group.append(e.src)
    relations = []
    for i, e in arg_edges.items():
        if e.type == "add":
            continue
        target = owner(e.trg) if e.type == "und" else e.trg
        relations.append(
            Relation(
                valid_id(i, file, f"edge {i}"), _RELATION_KIND[e.type], tuple(premises[i]), target
            )
        )

    by_example = {e.src for e in arg_edges.values() if e.type == "exa"}
    claims = []
    for a, kind in adus.items():
        anchors = tuple(
            Anchor(graph_id, s, t, article_text[s:t]) for s, t in (spans[x] for x in adu_edus[a])
        )
        notes = "Support by example." if a in by_example else ""
        claims.append(
            Claim(
                a,
                " ".join(edus[x] for x in adu_edus[a]),
                tags=("proponent" if kind == "pro" else "opponent",),
                notes=notes,
                anchors=anchors,
            )
        )
    sources = {e.src for e in arg_edges.values()}
    sinks = [a for a in adus if a not in sources]
    thesis = sinks[0] if len(sinks) == 1 else None
    if thesis is None:
        report_loss(f"no single ADU without outgoing edge ({len(sinks)} found): no thesis is set")
    stance = root.get("stance")
    return finish_map(
        file,
        title=f"{graph_id}" + (f" ({root.get('topic_id')})" if root.get("topic_id") else ""),
        description=f"Argumentative microtext, stance {stance}." if stance else "",
        thesis=thesis,
        articles=[article],
        claims=claims,
        relations=relations,
    )


def _locate(
    edus: dict[str, str], file: str, text: str | None
) -> tuple[str, dict[str, tuple[int, int]]]:
    """The article text and each EDU's span in it."""
    if text is None:
        txt = Path(file).with_suffix(".txt")
        try:
            if txt.is_file() and txt.stat().st_size < 16 * MiB:
                text = txt.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
    if text is not None:
        spans = _find_in_order(text, edus)
        if spans is not None:
            return text, spans
        report_loss(
            "the EDUs were not all found in the text beside the XML; the EDUs are used as the text"
        )
    joined, spans, pos = [], {}, 0
    for eid, t in edus.items():
        if not t:
            t = "…"
        spans[eid] = (pos, pos + len(t))
        joined.append(t)
        pos += len(t) + 1
    return " ".join(joined), spans


def _find_in_order(text: str, edus: dict[str, str]) -> dict[str, tuple[int, int]] | None:
    """Spans of the EDUs found one after another in ``text`` (white space may differ)."""
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for eid, t in edus.items():
        words = t.split()
        if not words:
            return None
        pattern = r"\s+".join(re.escape(w) for w in words)
        found = re.compile(pattern).search(text, pos)
        if found is None:
            return None
        spans[eid] = (found.start(), found.end())
        pos = found.end()
    return spans
