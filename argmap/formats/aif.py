"""AIF JSON, as AIFdb and OVA write it: ``nodes`` (``nodeID``, ``text``, ``type``) and
``edges`` (``fromID`` → ``toID``), optionally inside OVA's ``{"AIF": {...}, "text": ...}``.

Mapping (one to one): a claim is an I-node; a support is an RA node (premise I-nodes → RA →
conclusion I-node; several premises make a linked argument); an attack is a CA node whose
target is an I-node; an undercut is a CA node whose target is an RA or CA node. Relation and
claim ids are the node ids.

AIF has no place for tags, notes, anchors, articles, the thesis or the layout (positions,
pins, collapse, assumptions, rehearsal marks, edge routes), so the writer adds one extension
object ``"argmap"`` that AIF tools ignore; the reader uses it when present. On
import, locutions (L) linked to I-nodes through YA nodes are kept as notes of the claim;
other dialogue nodes (TA, YA, unlinked L), MA and PA nodes are dropped and reported.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import defaultdict
from typing import Any

import orjson

from argmap.errors import ArgmapError
from argmap.formats import fields, native
from argmap.formats.common import (
    MAX_ITEMS,
    decode_text,
    finish_map,
    guess_thesis,
    report_loss,
    valid_id,
)
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.data import Data
from argmap.model.elements import (
    Anchor,
    Article,
    Assumption,
    Attribution,
    Claim,
    Provenance,
    Rehearsal,
    Relation,
    RelationKind,
    VocabularyEntry,
)

_SCHEME_TEXT = {
    RelationKind.SUPPORT: "Default Inference",
    RelationKind.ATTACK: "Default Conflict",
    RelationKind.UNDERCUT: "Default Conflict",
    # AIF has no concession or change of position: the nearest is a conflict node, annotated
    # with its argmap kind (node key and extension object) so argmap reads it back exactly.
    RelationKind.QUALIFY: "Concession",
    RelationKind.SUPERSEDE: "Change of position",
}
EXTENSION_KEY = "argmap"
_ANNOTATED = (RelationKind.QUALIFY, RelationKind.SUPERSEDE)


# ---------------------------------------------------------------------------- writing


def to_document(m: ArgumentMap) -> dict[str, Any]:
    """The map as AIF JSON data (with the ``argmap`` extension object)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    claims = sorted(m.claims(), key=lambda c: natural_key(c.id))
    relations = sorted(m.relations(), key=lambda r: natural_key(r.id))
    for c in claims:
        nodes.append({"nodeID": c.id, "text": c.text, "type": "I", "timestamp": ""})
    for r in relations:
        kind = "RA" if r.kind is RelationKind.SUPPORT else "CA"
        node = {"nodeID": r.id, "text": _SCHEME_TEXT[r.kind], "type": kind, "timestamp": ""}
        if r.kind in _ANNOTATED:
            node[EXTENSION_KEY + "_kind"] = r.kind.value
        nodes.append(node)
        for p in r.premises:
            edges.append({"fromID": p, "toID": r.id})
        edges.append({"fromID": r.id, "toID": r.target})
    for i, e in enumerate(edges, 1):
        e["edgeID"] = f"e{i}"
        e["formEdgeID"] = None
    extension = {
        "title": m.title,
        "description": m.description,
        "thesis": m.thesis,
        "articles": [
            native.article_data(a) for a in sorted(m.articles(), key=lambda a: natural_key(a.id))
        ],
        "claims": {c.id: extra for c in claims if (extra := _claim_extra(c))},
        "relations": {r.id: extra for r in relations if (extra := _relation_extra(r))},
    }
    if m.vocabulary:
        extension["vocabulary"] = [native.vocabulary_data(e) for e in m.vocabulary]
    return {
        "nodes": nodes,
        "edges": [{k: e[k] for k in ("edgeID", "fromID", "toID", "formEdgeID")} for e in edges],
        "locutions": [],
        EXTENSION_KEY: extension,
    }


def _claim_extra(c: Claim) -> dict[str, Any]:
    """What AIF has no place for, kept in argmap's extension object (empty: nothing to keep)."""
    extra: dict[str, Any] = {}
    if c.tags:
        extra["tags"] = list(c.tags)
    if c.notes:
        extra["notes"] = c.notes
    if c.anchors:
        extra["anchors"] = [[a.article, a.start, a.end] for a in c.anchors]
    if c.position is not None:
        extra["position"] = list(c.position)
    for name in ("pinned", "collapsed"):
        if getattr(c, name):
            extra[name] = True
    for name in ("assumption", "rehearsal"):
        if getattr(c, name) is not None:
            extra[name] = getattr(c, name).value
    if c.attribution is not None:
        extra["attribution"] = native.attribution_data(c.attribution)
    if c.provenance is not Provenance.ARTICLE:
        extra["provenance"] = c.provenance.value
    if c.data:
        extra["data"] = c.data.to_json()
    return extra


def _relation_extra(r: Relation) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if r.kind in _ANNOTATED:
        extra["kind"] = r.kind.value
    if r.route:
        extra["route"] = [list(p) for p in r.route]
    if r.data:
        extra["data"] = r.data.to_json()
    return extra


def write(m: ArgumentMap) -> bytes:
    """AIF JSON bytes, deterministic for a given map."""
    return orjson.dumps(to_document(m), option=orjson.OPT_INDENT_2) + b"\n"


# ---------------------------------------------------------------------------- reading


def sniff(data: bytes) -> bool:
    """Whether the bytes look like AIF JSON (bare or in OVA's wrapper)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return (
        head.startswith(b"{")
        and (b'"nodeID"' in head or b'"AIF"' in head)
        and (b'"argmap"' not in head[:64])
    )


def read(data: bytes, file: str) -> ArgumentMap:
    """Read AIF JSON; what the model cannot hold is reported through ``report_loss``."""
    text = decode_text(data, file, "AIF")
    try:
        # json, not orjson: as fast here, and a fifth of orjson's peak memory.
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ArgmapError(
            f"not valid JSON: {e.msg}", file=file, place=f"line {e.lineno}:{e.colno}"
        ) from None
    except RecursionError:  # json's C scanner stops at the recursion limit: bounded
        raise ArgmapError("JSON nested too deeply", file=file) from None
    if not isinstance(doc, dict):
        raise ArgmapError("not AIF: the top level is not a JSON object", file=file)
    extension = doc.get(EXTENSION_KEY)
    ova_text = doc.get("text") if isinstance(doc.get("text"), str) else None
    aif = doc["AIF"] if isinstance(doc.get("AIF"), dict) else doc
    nodes_raw, edges_raw = aif.get("nodes"), aif.get("edges")
    if not isinstance(nodes_raw, list) or not isinstance(edges_raw, list):
        raise ArgmapError('not AIF: expected "nodes" and "edges" arrays', file=file)
    if len(nodes_raw) + len(edges_raw) > MAX_ITEMS:
        raise ArgmapError(
            f"too many nodes and edges ({len(nodes_raw) + len(edges_raw)})", file=file
        )

    nodes: dict[str, dict[str, Any]] = {}
    for i, n in enumerate(nodes_raw):
        place = f"$.nodes[{i}]"
        if not isinstance(n, dict) or "nodeID" not in n:
            raise ArgmapError("node without nodeID", file=file, place=place)
        nid = valid_id(_as_id(n["nodeID"], file, place), file, place + ".nodeID")
        if nid in nodes:
            raise ArgmapError(f"node id {nid!r} is used twice", file=file, place=place)
        ntype = n.get("type")
        if not isinstance(ntype, str):
            raise ArgmapError("node without a type", file=file, place=place)
        ntext = n.get("text", "")
        if not isinstance(ntext, str):
            ntext = str(ntext)
        nodes[nid] = {"type": ntype, "text": ntext, "kind": n.get(EXTENSION_KEY + "_kind")}
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for i, edge in enumerate(edges_raw):
        place = f"$.edges[{i}]"
        if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
            raise ArgmapError("edge without fromID and toID", file=file, place=place)
        a, b = _as_id(edge["fromID"], file, place), _as_id(edge["toID"], file, place)
        if a not in nodes or b not in nodes:
            report_loss("edges to unknown nodes were dropped")
            continue
        if b not in outgoing[a]:
            outgoing[a].append(b)
            incoming[b].append(a)

    claims: dict[str, Claim] = {}
    for nid, n in nodes.items():
        if n["type"] == "I":
            claims[nid] = Claim(nid, n["text"])
    relations: dict[str, Relation] = {}
    dropped: dict[str, int] = defaultdict(int)
    schemes = {nid for nid, n in nodes.items() if n["type"] in ("RA", "CA")}
    for nid in schemes:
        n = nodes[nid]
        premises = tuple(p for p in incoming[nid] if p in claims)
        targets = [t for t in outgoing[nid] if t in claims or t in schemes]
        if not premises or not targets:
            dropped[f"{n['type']} nodes without premise or conclusion"] += 1
            continue
        if len(targets) > 1:
            dropped[f"extra conclusions of {n['type']} nodes"] += len(targets) - 1
        target = targets[0]
        if n["type"] == "RA":
            if target not in claims:
                dropped["RA nodes that conclude a scheme node"] += 1
                continue
            kind = RelationKind.SUPPORT
        elif target in claims:
            kind = _annotated_kind(n) or RelationKind.ATTACK
        else:
            kind = RelationKind.UNDERCUT
        relations[nid] = Relation(nid, kind, premises, target)
    # Undercuts of dropped schemes go too (repeat: an undercut of an undercut).
    changed = True
    while changed:
        changed = False
        for rid, r in list(relations.items()):
            if r.kind is RelationKind.UNDERCUT and r.target not in relations:
                del relations[rid]
                dropped["undercuts of dropped scheme nodes"] += 1
                changed = True

    _locutions_as_notes(nodes, incoming, outgoing, claims, dropped)
    for what, count in sorted(dropped.items()):
        report_loss(f"dropped {count} {what}")

    title, description, thesis = "", "", None
    articles: list[Article] = []
    vocabulary: tuple[VocabularyEntry, ...] = ()
    if isinstance(extension, dict):
        title, description, thesis, articles, vocabulary = _apply_extension(extension, claims, file)
        _apply_routes(extension, relations, file)
    elif ova_text:
        articles = [Article("text", ova_text, title="OVA text")]
    if thesis is None:
        thesis = guess_thesis(claims.values(), relations.values())
    return finish_map(
        file,
        title=title,
        description=description,
        thesis=thesis,
        articles=articles,
        claims=claims.values(),
        relations=relations.values(),
        vocabulary=vocabulary,
    )


def _annotated_kind(node: dict[str, Any]) -> RelationKind | None:
    """The argmap kind of a CA node written for a qualify or supersede, if it says one."""
    for kind in _ANNOTATED:
        if node.get("kind") == kind.value:
            return kind
    return None


def _apply_routes(ext: dict[str, Any], relations: dict[str, Relation], file: str) -> None:
    """Edge routes from the last layout and annotated kinds, kept in argmap's extension."""
    try:
        for rid, extra in dict(ext.get("relations", {})).items():
            if rid not in relations:
                continue
            rel = relations[rid]
            kind = _annotated_kind(extra)
            if kind is not None and rel.kind is RelationKind.ATTACK:
                relations[rid] = rel = dataclasses.replace(rel, kind=kind)
            if "route" in extra:
                route = tuple((round(float(x), 2), round(float(y), 2)) for x, y in extra["route"])
                relations[rid] = rel = dataclasses.replace(rel, route=route)
            if "data" in extra:
                relations[rid] = dataclasses.replace(rel, data=Data(extra["data"]))
    except (TypeError, ValueError, KeyError, AttributeError):
        raise ArgmapError(
            'invalid "argmap" extension object', file=file, place=f"$.{EXTENSION_KEY}.relations"
        ) from None


def _attribution(raw: Any) -> Attribution | None:
    if raw is None:
        return None
    value: Attribution | None = fields.read_one(Attribution, raw, "attribution")
    return value


def _as_id(value: object, file: str, place: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ArgmapError("ids must be strings or numbers", file=file, place=place)
    return str(value)


def _locutions_as_notes(
    nodes: dict[str, dict[str, Any]],
    incoming: dict[str, list[str]],
    outgoing: dict[str, list[str]],
    claims: dict[str, Claim],
    dropped: dict[str, int],
) -> None:
    """L → YA → I: the locution's text becomes a note of the claim it asserts."""
    kept: set[str] = set()
    for ya, n in nodes.items():
        if n["type"] != "YA":
            continue
        sources = [s for s in incoming[ya] if nodes[s]["type"] == "L"]
        for t in outgoing[ya]:
            if t in claims:
                for s in sources:
                    c = claims[t]
                    note = f"Locution ({n['text'] or 'YA'}): {nodes[s]['text']}"
                    claims[t] = Claim(c.id, c.text, notes=(c.notes + "\n" + note).strip())
                    kept.add(s)
    for nid, n in nodes.items():
        if n["type"] in ("RA", "CA", "I"):
            continue
        if n["type"] == "L" and nid in kept:
            continue
        dropped[f"{n['type'] or 'untyped'} nodes (no place in the map)"] += 1


def _apply_extension(
    ext: dict[str, Any], claims: dict[str, Claim], file: str
) -> tuple[str, str, str | None, list[Article], tuple[VocabularyEntry, ...]]:
    """Tags, notes, anchors, articles and thesis from argmap's extension object."""
    bad = ArgmapError('invalid "argmap" extension object', file=file, place=f"$.{EXTENSION_KEY}")
    try:
        articles = [
            fields.read_one(Article, a, f"$.{EXTENSION_KEY}.articles")
            for a in ext.get("articles", [])
        ]
        texts = {a.id: a.text for a in articles}
        for cid, extra in dict(ext.get("claims", {})).items():
            if cid not in claims:
                continue
            anchors = []
            for art, start, end in extra.get("anchors", []):
                if art not in texts or not isinstance(start, int) or not isinstance(end, int):
                    raise bad
                anchors.append(Anchor(art, start, end, texts[art][start:end]))
            c = claims[cid]
            notes = "\n".join(x for x in (str(extra.get("notes") or ""), c.notes) if x)
            tags = tuple(dict.fromkeys(str(t) for t in extra.get("tags", []) if str(t).strip()))
            position = extra.get("position")
            if position is not None:
                x, y = (float(v) for v in position)
                if not (math.isfinite(x) and math.isfinite(y)):
                    raise bad
                position = (round(x, 2), round(y, 2))
            assumption, rehearsal = extra.get("assumption"), extra.get("rehearsal")
            claims[cid] = Claim(
                c.id,
                c.text,
                tags,
                notes,
                tuple(anchors),
                position,
                extra.get("pinned") is True,
                extra.get("collapsed") is True,
                None if assumption is None else Assumption(assumption),
                None if rehearsal is None else Rehearsal(rehearsal),
                _attribution(extra.get("attribution")),
                Provenance(extra.get("provenance", "article")),
                Data(extra.get("data", {})),
            )
        thesis = ext.get("thesis")
        if thesis is not None and thesis not in claims:
            thesis = None
        vocabulary = tuple(
            fields.read_one(VocabularyEntry, e, f"$.{EXTENSION_KEY}.vocabulary")
            for e in ext.get("vocabulary", [])
        )
        return (
            str(ext.get("title") or ""),
            str(ext.get("description") or ""),
            thesis,
            articles,
            vocabulary,
        )
    except ArgmapError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError):
        raise bad from None
