"""GraphML, readable by yEd, Gephi and networkx (see docs/FORMATS.md).

Export (version 2): claims are nodes and relations are typed edges, as yEd and Gephi users
expect: an edge runs from each premise to the claim it bears on, with its ``kind``
(``support``/``attack``/``undercut``) and a ``label`` for viewers. Every node has a ``label``
(the claim text) and ``role``; claims also carry ``tags`` and ``anchors`` (JSON strings),
``notes``, ``x``/``y``, ``pinned``, ``collapsed``, ``assumption``, ``rehearsal``,
``attribution``, ``provenance`` and ``claim_data`` (the free data, JSON). The graph
carries title, description, thesis and articles (JSON). What a plain edge cannot say rides in
edge data, so our own file reads back to the same map: ``relation`` (the relation's id, shared
by the edges of linked premises), ``premise`` (the premise's place in a linked argument),
``undercuts`` (for an undercut, the id of the relation whose inference it attacks; its edge
ends on that relation's conclusion, so a viewer draws it there), ``route`` and
``relation_data`` (the relation's free data, JSON, on its first edge).

Version 1 files (every relation a node of its own, AIF style) still read.

Import of plain GraphML (any directed or undirected graph): each node is a claim (text from
``label``, ``name`` or ``text`` data, else the node id); each edge a one-premise relation from
source to target, kind from an edge attribute ``kind``/``relation``/``type``/``label``
(``support``/``pro``/``+``, ``attack``/``con``/``-``), support by default. XML is parsed with
defusedxml; networkx then interprets the tree (our own files are read from it directly).
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader

from argmap.errors import ArgmapError
from argmap.formats import fields, native
from argmap.formats.common import (
    MAX_ITEMS,
    finish_map,
    guess_thesis,
    parse_xml,
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

MARKER = "argmap_graphml"  # graph attribute naming our own layout of the graph
VERSION = 2  # 1: relations as nodes (AIF style); 2: relations as typed edges

_KIND_WORDS = {
    "support": RelationKind.SUPPORT,
    "supports": RelationKind.SUPPORT,
    "pro": RelationKind.SUPPORT,
    "+": RelationKind.SUPPORT,
    "ra": RelationKind.SUPPORT,
    "attack": RelationKind.ATTACK,
    "attacks": RelationKind.ATTACK,
    "con": RelationKind.ATTACK,
    "contra": RelationKind.ATTACK,
    "-": RelationKind.ATTACK,
    "ca": RelationKind.ATTACK,
    "rebut": RelationKind.ATTACK,
    "objection": RelationKind.ATTACK,
}


# ---------------------------------------------------------------------------- writing

_NS = (
    'xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"'
)
# (key id and attribute name, for, type): GraphML needs every data key declared up front.
_KEYS = (
    (MARKER, "graph", "int"),
    ("title", "graph", "string"),
    ("description", "graph", "string"),
    ("thesis", "graph", "string"),
    ("articles", "graph", "string"),
    ("vocabulary", "graph", "string"),
    ("label", "node", "string"),
    ("role", "node", "string"),
    ("tags", "node", "string"),
    ("notes", "node", "string"),
    ("anchors", "node", "string"),
    ("x", "node", "double"),
    ("y", "node", "double"),
    ("pinned", "node", "boolean"),
    ("collapsed", "node", "boolean"),
    ("assumption", "node", "string"),
    ("rehearsal", "node", "string"),
    ("attribution", "node", "string"),
    ("provenance", "node", "string"),
    ("claim_data", "node", "string"),
    ("kind", "edge", "string"),
    ("edge_label", "edge", "string"),
    ("relation", "edge", "string"),
    ("premise", "edge", "int"),
    ("undercuts", "edge", "string"),
    ("route", "edge", "string"),
    ("relation_data", "edge", "string"),
)
# GraphML key ids are unique in a file; the edge's label is named "label" like the node's.
_ATTR_NAME = {"edge_label": "label"}
_EDGE_WORD = {
    RelationKind.SUPPORT: "supports",
    RelationKind.ATTACK: "attacks",
    RelationKind.UNDERCUT: "undercuts",
    RelationKind.QUALIFY: "qualifies",
    RelationKind.SUPERSEDE: "supersedes",
}
# Characters XML 1.0 cannot hold at all; \r would be read back as \n, so it is a reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    if _NOT_XML.search(value):
        report_loss("control characters that XML cannot hold were replaced by U+FFFD")
        value = _NOT_XML.sub("\ufffd", value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def _data(key: str, value: str) -> str:
    return f'<data key="{key}">{_text(value)}</data>'


def write(m: ArgumentMap) -> bytes:
    """GraphML bytes (UTF-8), deterministic for a given map.

    Written directly rather than through networkx's writer (five times faster on large
    maps); networkx, yEd and Gephi read it (tested with networkx).
    """
    articles = json.dumps(
        [native.article_data(a) for a in sorted(m.articles(), key=lambda a: natural_key(a.id))],
        ensure_ascii=False,
    )
    out = [f"<?xml version='1.0' encoding='utf-8'?>\n<graphml {_NS}>"]
    out += [
        f'<key id="{k}" for="{f}" attr.name="{_ATTR_NAME.get(k, k)}" attr.type="{t}"/>'
        for k, f, t in _KEYS
    ]
    out.append('<graph id="argmap" edgedefault="directed">')
    out.append(_data(MARKER, str(VERSION)))
    out.append(_data("title", m.title))
    out.append(_data("description", m.description))
    out.append(_data("thesis", m.thesis or ""))
    out.append(_data("articles", articles))
    if m.vocabulary:
        vocabulary = [native.vocabulary_data(e) for e in m.vocabulary]
        out.append(_data("vocabulary", json.dumps(vocabulary, ensure_ascii=False)))
    roles = m.roles()
    for c in sorted(m.claims(), key=lambda c: natural_key(c.id)):
        parts = [
            f'<node id="{_attr(c.id)}">',
            _data("label", c.text),
            f'<data key="role">{roles[c.id].value}</data>',
        ]
        # Empty values are left out: fewer elements make the file faster to read.
        if c.tags:
            parts.append(_data("tags", json.dumps(list(c.tags), ensure_ascii=False)))
        if c.notes:
            parts.append(_data("notes", c.notes))
        if c.anchors:
            anchors = json.dumps([[a.article, a.start, a.end] for a in c.anchors])
            parts.append(_data("anchors", anchors))
        if c.position is not None:
            parts.append(f'<data key="x">{c.position[0]!r}</data>')
            parts.append(f'<data key="y">{c.position[1]!r}</data>')
        for name in ("pinned", "collapsed"):
            if getattr(c, name):
                parts.append(f'<data key="{name}">true</data>')
        for name in ("assumption", "rehearsal"):
            if getattr(c, name) is not None:
                parts.append(f'<data key="{name}">{getattr(c, name).value}</data>')
        if c.attribution is not None:
            attribution = native.attribution_data(c.attribution)
            parts.append(_data("attribution", json.dumps(attribution, ensure_ascii=False)))
        if c.provenance is not Provenance.ARTICLE:
            parts.append(f'<data key="provenance">{c.provenance.value}</data>')
        if c.data:
            parts.append(_data("claim_data", json.dumps(c.data.to_json(), ensure_ascii=False)))
        parts.append("</node>")
        out.append("".join(parts))
    for r in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        undercuts = _data("undercuts", r.target) if r.kind is RelationKind.UNDERCUT else ""
        target = _conclusion(m, r)
        for i, p in enumerate(r.premises):
            place = f'<data key="premise">{i}</data>' if len(r.premises) > 1 else ""
            route = (
                _data("route", json.dumps([list(q) for q in r.route])) if r.route and not i else ""
            )
            if r.data and not i:
                route += _data("relation_data", json.dumps(r.data.to_json(), ensure_ascii=False))
            out.append(
                f'<edge source="{_attr(p)}" target="{_attr(target)}">'
                f'<data key="kind">{r.kind.value}</data>'
                f'<data key="edge_label">{_EDGE_WORD[r.kind]}</data>'
                f"{_data('relation', r.id)}{place}{undercuts}{route}</edge>"
            )
    out.append("</graph>\n</graphml>\n")
    return "\n".join(out).encode("utf-8")


def _conclusion(m: ArgumentMap, r: Relation) -> str:
    """The claim a relation's edge ends on: its target, or for an undercut the conclusion of
    the inference it attacks (followed through undercuts of undercuts)."""
    seen = set()
    while r.kind is RelationKind.UNDERCUT and r.id not in seen:
        seen.add(r.id)
        r = m.relation(r.target)
    return r.target


# ---------------------------------------------------------------------------- reading


def sniff(data: bytes) -> bool:
    return b"<graphml" in data[:4096]


def read(data: bytes, file: str) -> ArgumentMap:
    """Read GraphML: our own export exactly, any other graph as claims and relations."""
    root = parse_xml(data, file, "GraphML")
    if root.tag.rsplit("}", 1)[-1] != "graphml":
        raise ArgmapError(f"not GraphML: the root element is <{root.tag}>", file=file)
    count = sum(1 for _ in root.iter())
    if count > 4 * MAX_ITEMS:
        raise ArgmapError(f"too many XML elements ({count})", file=file)
    own = _own_tree(root, file)
    if own is not None:
        return _read_own(own, file)
    # networkx's GraphMLReader parses with the unguarded ElementTree when called; its two
    # public steps below take the tree we already parsed safely, so it only interprets it.
    reader = GraphMLReader(node_type=str)
    try:
        keys, defaults = reader.find_graphml_keys(root)
        graphs = [
            reader.make_graph(g, keys, defaults)
            for g in root.findall(f"{{{reader.NS_GRAPHML}}}graph")
        ]
    except (nx.NetworkXError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ArgmapError(f"invalid GraphML: {e}", file=file) from None
    if not graphs:
        raise ArgmapError("GraphML file without a <graph>", file=file)
    if len(graphs) > 1:
        report_loss(f"only the first of {len(graphs)} graphs was read")
    return _read_plain(graphs[0], file)


@dataclass
class _Own:
    """Our own GraphML, read straight from the tree (networkx would take twice as long)."""

    graph: dict[str, str]
    nodes: dict[str, dict[str, str]]
    successors: dict[str, list[str]]
    edges: list[tuple[str, str, dict[str, str]]]


def _own_tree(root: ET.Element, file: str) -> _Own | None:
    """The data of a file written by :func:`write`, or ``None`` for any other GraphML."""
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    names = {k.get("id"): k.get("attr.name") for k in root.iter(ns + "key")}
    graph_el = root.find(ns + "graph")
    if graph_el is None or MARKER not in names.values():
        return None
    graph = {names.get(d.get("key")) or "": d.text or "" for d in graph_el.findall(ns + "data")}
    if MARKER not in graph:
        return None
    nodes: dict[str, dict[str, str]] = {}
    successors: dict[str, list[str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    for el in graph_el:
        if el.tag == ns + "node":
            nid = el.get("id") or ""
            if nid in nodes:
                raise ArgmapError(f"node id {nid!r} is used twice", file=file)
            nodes[nid] = {names.get(d.get("key")) or "": d.text or "" for d in el}
        elif el.tag == ns + "edge":
            source, target = el.get("source") or "", el.get("target") or ""
            successors.setdefault(source, []).append(target)
            edges.append(
                (source, target, {names.get(d.get("key")) or "": d.text or "" for d in el})
            )
    return _Own(graph, nodes, successors, edges)


def _read_own(g: _Own, file: str) -> ArgumentMap:
    version = g.graph.get(MARKER, "").strip()
    if version not in ("1", "2"):
        raise ArgmapError(
            f"argmap GraphML version {version!r} is not supported (this argmap reads 1 and 2)",
            file=file,
        )
    try:
        articles = [
            fields.read_one(Article, a, "articles")
            for a in json.loads(g.graph.get("articles") or "[]")
        ]
        vocabulary = [
            fields.read_one(VocabularyEntry, e, "vocabulary")
            for e in json.loads(g.graph.get("vocabulary") or "[]")
        ]
        texts = {a.id: a.text for a in articles}
        claims: list[Claim] = []
        relations: list[Relation] = []
        for nid, d in g.nodes.items():
            nid = valid_id(nid, file, f"node {nid}")
            if d.get("kind") == "claim" or (version == "2" and "kind" not in d):
                claims.append(_claim(nid, d, texts))
            elif d.get("kind") == "relation" and version == "1":
                targets = g.successors.get(nid, [])
                if len(targets) != 1:
                    raise ArgmapError(f"relation {nid!r} needs exactly one target edge", file=file)
                premises = tuple(str(p) for p in json.loads(d.get("premises") or "[]"))
                route = tuple(
                    (round(float(x), 2), round(float(y), 2))
                    for x, y in json.loads(d.get("route") or "[]")
                )
                kind = RelationKind(str(d.get("relation_kind") or d.get("label")))
                relations.append(Relation(nid, kind, premises, targets[0], route))
            else:
                raise ArgmapError(
                    f"node {nid!r} has kind {d.get('kind')!r}, not claim or relation", file=file
                )
        if version == "2":
            relations = _edge_relations(g, file)
    except ArgmapError:
        raise
    except (ValueError, TypeError, KeyError, RecursionError) as e:
        raise ArgmapError(f"invalid argmap GraphML data: {type(e).__name__}", file=file) from None
    if len({c.id for c in claims}) != len(claims):
        raise ArgmapError("a claim id is used twice", file=file)
    thesis = str(g.graph.get("thesis") or "") or None
    return finish_map(
        file,
        title=str(g.graph.get("title") or ""),
        description=str(g.graph.get("description") or ""),
        thesis=thesis,
        articles=articles,
        claims=claims,
        relations=relations,
        vocabulary=vocabulary,
    )


def _claim(nid: str, d: dict[str, str], texts: dict[str, str]) -> Claim:
    anchors = tuple(
        Anchor(art, int(s), int(e), texts[art][int(s) : int(e)])
        for art, s, e in json.loads(d.get("anchors") or "[]")
    )
    tags = tuple(str(t) for t in json.loads(d.get("tags") or "[]"))
    position = _point(d["x"], d["y"]) if "x" in d and "y" in d else None
    assumption, rehearsal = d.get("assumption"), d.get("rehearsal")
    return Claim(
        nid,
        str(d.get("label", "")),
        tags,
        str(d.get("notes") or ""),
        anchors,
        position,
        d.get("pinned", "").lower() in ("true", "1"),
        d.get("collapsed", "").lower() in ("true", "1"),
        None if assumption is None else Assumption(assumption),
        None if rehearsal is None else Rehearsal(rehearsal),
        fields.read_one(Attribution, json.loads(d["attribution"]), "attribution")
        if d.get("attribution")
        else None,
        Provenance(d.get("provenance") or "article"),
        Data(json.loads(d.get("claim_data") or "{}")),
    )


def _edge_relations(g: _Own, file: str) -> list[Relation]:
    """Version 2: the edges sharing a ``relation`` id are one relation (linked premises in
    ``premise`` order); an undercut's target is its ``undercuts`` relation, not the claim its
    edge ends on."""
    groups: dict[str, list[tuple[int, str, str, dict[str, str]]]] = {}
    for source, target, d in g.edges:
        rid = d.get("relation") or ""
        if not rid:
            raise ArgmapError(f"the edge {source!r} → {target!r} names no relation", file=file)
        groups.setdefault(rid, []).append((int(d.get("premise") or 0), source, target, d))
    relations: list[Relation] = []
    for rid, edges in groups.items():
        edges.sort(key=lambda e: e[0])
        first = edges[0][3]
        kind = RelationKind(first.get("kind", ""))
        target = first.get("undercuts", "") if kind is RelationKind.UNDERCUT else edges[0][2]
        for _i, _s, t, d in edges[1:]:
            same_target = d.get("undercuts", "") == target or t == target
            if RelationKind(d.get("kind", "")) is not kind or not same_target:
                raise ArgmapError(f"the edges of relation {rid!r} disagree", file=file)
        route = tuple(
            (round(float(x), 2), round(float(y), 2))
            for e in edges
            for x, y in json.loads(e[3].get("route") or "[]")
        )
        relations.append(
            Relation(
                valid_id(rid, file, f"relation {rid}"),
                kind,
                tuple(e[1] for e in edges),
                target,
                route,
                Data(json.loads(first.get("relation_data") or "{}")),
            )
        )
    return relations


def _point(x: object, y: object) -> tuple[float, float] | None:
    try:
        px, py = float(x), float(y)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(px) and math.isfinite(py)):
        return None
    return (round(px, 2), round(py, 2))


def _read_plain(g: nx.Graph, file: str) -> ArgumentMap:
    if not g.is_directed():
        report_loss("the graph is undirected: each edge was read as source supports/attacks target")
    claims: dict[str, Claim] = {}
    for nid, d in g.nodes(data=True):
        cid = valid_id(str(nid), file, f"node {nid}")
        text = next((str(d[k]) for k in ("label", "name", "text", "Label") if k in d), cid)
        position = _point(d.get("x"), d.get("y"))  # yEd's node geometry
        claims[cid] = Claim(cid, text, position=position)
        known = ("label", "name", "text", "Label", "x", "y")
        extra = sorted(k for k in d if k not in known and not k.startswith("shape"))
        if extra:
            report_loss(
                "node attributes other than the label were dropped: " + ", ".join(extra[:8])
            )
    relations: list[Relation] = []
    used: set[str] = set(claims)
    n = 0
    for u, v, d in g.edges(data=True):
        if u == v:
            report_loss("self-loops were dropped")
            continue
        kind = RelationKind.SUPPORT
        for key in ("kind", "relation", "type", "label", "polarity"):
            word = str(d.get(key, "")).strip().lower()
            if word in _KIND_WORDS:
                kind = _KIND_WORDS[word]
                break
            if word:
                report_loss(f"edge {key} {word!r} is not support or attack; read as support")
                break
        n += 1
        rid = f"r{n}"
        while rid in used:
            n += 1
            rid = f"r{n}"
        used.add(rid)
        relations.append(Relation(rid, kind, (str(u),), str(v)))
    return finish_map(
        file,
        title=str(g.graph.get("name") or g.graph.get("title") or ""),
        thesis=guess_thesis(claims.values(), relations),
        claims=claims.values(),
        relations=relations,
    )
