"""Copy and paste a part of a map, also between maps: the selected claims with the relations
among them, as ``.argmap`` JSON under a custom MIME type (and the claim texts as plain text)."""

from __future__ import annotations

import json

from argmap.formats import native
from argmap.model import Anchor, ArgumentMap, Claim, Relation, RelationKind

MIME_TYPE = "application/x-argmap+json"


def subgraph(m: ArgumentMap, claim_ids: list[str]) -> ArgumentMap:
    """The claims with every relation whose premises and target are all inside the selection
    (undercuts included when the relation they aim at is), and the articles they quote."""
    ids = set(claim_ids)
    rels: dict[str, Relation] = {}
    changed = True
    while changed:
        changed = False
        for r in m.relations():
            if r.id in rels or not all(p in ids for p in r.premises):
                continue
            if (r.kind is RelationKind.UNDERCUT and r.target in rels) or r.target in ids:
                rels[r.id] = dataclass_replace_route(r)
                changed = True
    claims = [m.claim(c) for c in claim_ids if m.has_claim(c)]
    article_ids = {a.article for c in claims for a in c.anchors}
    return ArgumentMap.from_values(
        title=m.title,
        thesis=m.thesis if m.thesis in ids else None,
        articles=[a for a in m.articles() if a.id in article_ids],
        claims=claims,
        relations=rels.values(),
    )


def dataclass_replace_route(r: Relation) -> Relation:
    return Relation(r.id, r.kind, r.premises, r.target, ())


def to_bytes(m: ArgumentMap) -> bytes:
    return native.dumps(m).encode("utf-8")


def plain_text(m: ArgumentMap) -> str:
    return "\n".join(c.text for c in m.claims())


def paste(target: ArgumentMap, data: bytes, offset: tuple[float, float]) -> list[str]:
    """Insert a copied part into ``target`` with fresh ids; returns the new claim ids.

    Articles the target lacks come along; anchors into an article the target has under the
    same id but with other text are dropped (they would not match). Run inside one gesture.
    """
    part = native.loads(data)
    art_ok: set[str] = set()
    for a in part.articles():
        if not target.has_article(a.id):
            target.add_article(a)
            art_ok.add(a.id)
        elif target.article(a.id).text == a.text:
            art_ok.add(a.id)
    new_id: dict[str, str] = {}
    created: list[str] = []
    for c in part.claims():
        cid = target.fresh_id("c")
        new_id[c.id] = cid
        pos = (
            None
            if c.position is None
            else (round(c.position[0] + offset[0], 2), round(c.position[1] + offset[1], 2))
        )
        anchors: tuple[Anchor, ...] = tuple(a for a in c.anchors if a.article in art_ok)
        target.insert_claim(
            Claim(
                cid,
                c.text,
                c.tags,
                c.notes,
                anchors,
                pos,
                c.pinned,
                c.collapsed,
                c.assumption,
                c.rehearsal,
            )
        )
        created.append(cid)
    pending = list(part.relations())
    for _ in range(len(pending) + 1):
        later = []
        for r in pending:
            if r.kind is RelationKind.UNDERCUT and r.target not in new_id:
                later.append(r)
                continue
            rid = target.fresh_id("r")
            target.connect([new_id[p] for p in r.premises], new_id[r.target], r.kind, id=rid)
            new_id[r.id] = rid
        pending = later
        if not pending:
            break
    return created


def parse_payload(data: bytes) -> bool:
    """Whether ``data`` looks like a copied part (cheap check before pasting)."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(doc, dict) and doc.get("format") == native.FORMAT_NAME
