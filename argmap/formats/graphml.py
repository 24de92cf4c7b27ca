"""GraphML, written by networkx and readable by yEd, Gephi and networkx itself.

Export: the map's own graph, AIF style: every claim and every relation is a node (``kind``
``claim`` or ``relation``), edges run premise → relation → target. Every node has a ``label``
(the claim text, or the relation kind) for viewers; claims also carry ``role``, ``tags`` and
``anchors`` (JSON strings), ``notes``; relations carry ``relation_kind`` and ``premises`` (JSON,
in order). The graph carries title, description, thesis and articles (JSON), so our own file
reads back to the same map.

Import of plain GraphML (any directed or undirected graph): each node is a claim (text from
``label``, ``name`` or ``text`` data, else the node id); each edge a one-premise relation from
source to target, kind from an edge attribute ``kind``/``label``/``type``/``relation``
(``support``/``pro``/``+``, ``attack``/``con``/``-``), support by default. XML is parsed with
defusedxml and only then given to networkx.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLReader

from argmap.errors import ArgmapError
from argmap.formats.common import (
    MAX_ITEMS,
    finish_map,
    guess_thesis,
    parse_xml,
    report_loss,
    valid_id,
)
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Anchor, Article, Claim, Relation, RelationKind

MARKER = "argmap_graphml"  # graph attribute naming our own layout of the graph
VERSION = 1

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


def to_graph(m: ArgumentMap) -> nx.DiGraph:
    """The map as a networkx graph with only GraphML-friendly (string) attributes."""
    g: nx.DiGraph = nx.DiGraph()
    g.graph.update(
        {
            MARKER: VERSION,
            "title": m.title,
            "description": m.description,
            "thesis": m.thesis or "",
            "articles": json.dumps(
                [
                    {
                        "id": a.id,
                        "title": a.title,
                        "outlet": a.outlet,
                        "author": a.author,
                        "date": a.date,
                        "url": a.url,
                        "text": a.text,
                    }
                    for a in sorted(m.articles(), key=lambda a: natural_key(a.id))
                ],
                ensure_ascii=False,
            ),
        }
    )
    roles = m.roles()
    for c in sorted(m.claims(), key=lambda c: natural_key(c.id)):
        attrs: dict[str, Any] = {
            "kind": "claim",
            "label": c.text,
            "role": roles[c.id].value,
            "tags": json.dumps(list(c.tags), ensure_ascii=False),
            "notes": c.notes,
            "anchors": json.dumps([[a.article, a.start, a.end] for a in c.anchors]),
        }
        if c.position is not None:
            attrs["x"], attrs["y"] = c.position
        g.add_node(c.id, **attrs)
    for r in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        g.add_node(
            r.id,
            kind="relation",
            label=r.kind.value,
            relation_kind=r.kind.value,
            premises=json.dumps(list(r.premises), ensure_ascii=False),
        )
        for p in r.premises:
            g.add_edge(p, r.id, kind="premise")
        g.add_edge(r.id, r.target, kind="target")
    lost = [
        n
        for n in ("pinned", "collapsed", "assumption", "rehearsal")
        if any(getattr(c, n) not in (None, False) for c in m.claims())
    ]
    if lost:
        report_loss("GraphML export keeps no " + ", ".join(lost) + " of claims")
    return g


def write(m: ArgumentMap) -> bytes:
    """GraphML bytes (UTF-8), deterministic for a given map."""
    buf = io.BytesIO()
    nx.write_graphml(to_graph(m), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


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
    reader = GraphMLReader(node_type=str)
    reader.xml = root  # already parsed safely; networkx only interprets the tree
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
    g = graphs[0]
    if g.graph.get(MARKER) is not None:
        return _read_own(g, file)
    return _read_plain(g, file)


def _read_own(g: nx.Graph, file: str) -> ArgumentMap:
    try:
        articles = [
            Article(
                valid_id(a["id"], file),
                str(a["text"]),
                str(a.get("title") or ""),
                a.get("outlet"),
                a.get("author"),
                a.get("date"),
                a.get("url"),
            )
            for a in json.loads(g.graph.get("articles") or "[]")
        ]
        texts = {a.id: a.text for a in articles}
        claims, relations = [], []
        for nid, d in g.nodes(data=True):
            nid = valid_id(nid, file, f"node {nid}")
            if d.get("kind") == "claim":
                anchors = tuple(
                    Anchor(art, int(s), int(e), texts[art][int(s) : int(e)])
                    for art, s, e in json.loads(d.get("anchors") or "[]")
                )
                tags = tuple(str(t) for t in json.loads(d.get("tags") or "[]"))
                position = (float(d["x"]), float(d["y"])) if "x" in d and "y" in d else None
                claims.append(
                    Claim(
                        nid,
                        str(d.get("label", "")),
                        tags,
                        str(d.get("notes") or ""),
                        anchors,
                        position,
                    )
                )
            elif d.get("kind") == "relation":
                targets = list(g.successors(nid)) if isinstance(g, nx.DiGraph) else []
                if len(targets) != 1:
                    raise ArgmapError(f"relation {nid!r} needs exactly one target edge", file=file)
                premises = tuple(str(p) for p in json.loads(d.get("premises") or "[]"))
                relations.append(
                    Relation(nid, RelationKind(str(d.get("relation_kind"))), premises, targets[0])
                )
            else:
                raise ArgmapError(
                    f"node {nid!r} has kind {d.get('kind')!r}, not claim or relation", file=file
                )
    except ArgmapError:
        raise
    except (ValueError, TypeError, KeyError, json.JSONDecodeError) as e:
        raise ArgmapError(f"invalid argmap GraphML data: {e}", file=file) from None
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
    )


def _read_plain(g: nx.Graph, file: str) -> ArgumentMap:
    if not g.is_directed():
        report_loss("the graph is undirected: each edge was read as source supports/attacks target")
    claims: dict[str, Claim] = {}
    for nid, d in g.nodes(data=True):
        cid = valid_id(str(nid), file, f"node {nid}")
        text = next((str(d[k]) for k in ("label", "name", "text", "Label") if k in d), cid)
        claims[cid] = Claim(cid, text)
        extra = sorted(k for k in d if k not in ("label", "name", "text", "Label"))
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
