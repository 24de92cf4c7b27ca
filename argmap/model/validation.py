"""Every problem of a map, each with the id involved and its place in the file.

The model's methods refuse to create these problems; a map read from a file is checked here
before anyone gets it. Places are JSON paths in the order the map holds its values, which is
the order of the file it was read from.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import networkx as nx

from argmap.errors import Problem
from argmap.model.elements import Provenance, RelationKind

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap


def validate_map(m: ArgumentMap) -> list[Problem]:
    """Return every problem found in ``m`` (empty when the map is valid).

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap(); _ = m.add_claim("A", id="a"); m.update_map(thesis="a")
    >>> validate_map(m)
    []
    """
    problems: list[Problem] = []
    claims = {c.id: c for c in m.claims()}
    relations = {r.id: r for r in m.relations()}
    articles = {a.id: a for a in m.articles()}
    claim_index = {cid: i for i, cid in enumerate(claims)}

    if m.thesis is None:
        if claims:
            problems.append(
                Problem(
                    "no-thesis", "no claim is marked as the thesis", "$.thesis", severity="warning"
                )
            )
    elif m.thesis not in claims:
        problems.append(
            Problem("dangling", f"thesis {m.thesis!r} is not a claim", "$.thesis", m.thesis)
        )

    for cid, claim in claims.items():
        base = f"$.claims[{claim_index[cid]}]"
        if cid in relations:
            problems.append(
                Problem(
                    "duplicate-id",
                    f"id {cid!r} is used by a claim and a relation",
                    base + ".id",
                    cid,
                )
            )
        for j, a in enumerate(claim.anchors):
            place = f"{base}.anchors[{j}]"
            article = articles.get(a.article)
            if article is None:
                problems.append(
                    Problem(
                        "unknown-article",
                        f"claim {cid!r} is anchored to unknown article {a.article!r}",
                        place + ".article",
                        cid,
                    )
                )
            elif not (0 <= a.start < a.end <= len(article.text)):
                problems.append(
                    Problem(
                        "anchor-range",
                        f"claim {cid!r}: span {a.start}:{a.end} is outside article "
                        f"{a.article!r} (length {len(article.text)})",
                        place,
                        cid,
                    )
                )
            elif article.text[a.start : a.end] != a.quote:
                problems.append(
                    Problem(
                        "anchor-quote",
                        f"claim {cid!r}: quote does not match article {a.article!r} "
                        f"at {a.start}:{a.end}",
                        place + ".quote",
                        cid,
                    )
                )

    for i, (rid, rel) in enumerate(relations.items()):
        base = f"$.relations[{i}]"
        if not rel.premises:
            problems.append(
                Problem("no-premise", f"relation {rid!r} has no premise", base + ".premises", rid)
            )
        if len(set(rel.premises)) != len(rel.premises):
            problems.append(
                Problem(
                    "duplicate-premise",
                    f"relation {rid!r} names a premise twice",
                    base + ".premises",
                    rid,
                )
            )
        for j, p in enumerate(rel.premises):
            if p not in claims:
                problems.append(
                    Problem(
                        "dangling",
                        f"relation {rid!r} has unknown premise {p!r}",
                        f"{base}.premises[{j}]",
                        rid,
                    )
                )
        if rel.kind is RelationKind.UNDERCUT:
            if rel.target not in relations:
                problems.append(
                    Problem(
                        "dangling",
                        f"undercut {rid!r} targets {rel.target!r}, which is not a relation",
                        base + ".target",
                        rid,
                    )
                )
        elif rel.target not in claims:
            problems.append(
                Problem(
                    "dangling",
                    f"relation {rid!r} targets unknown claim {rel.target!r}",
                    base + ".target",
                    rid,
                )
            )
        elif rel.target in rel.premises:
            problems.append(
                Problem(
                    "self-loop",
                    f"relation {rid!r}: claim {rel.target!r} {rel.kind}s itself",
                    base,
                    rid,
                )
            )

    problems.extend(_fidelity(claims, relations, claim_index, m.vocabulary, bool(articles)))
    problems.extend(_article_dates(articles))
    problems.extend(_support_cycles(claims, relations))
    problems.extend(_undercut_cycles(relations))
    return problems


def _fidelity(
    claims: dict,
    relations: dict,
    claim_index: dict[str, int],
    vocabulary: tuple,
    has_articles: bool,
) -> list[Problem]:
    """Warnings about what the map says of its articles: an objection the articles do not
    contain must be marked as the editor's; tags should come from the map's vocabulary."""
    out: list[Problem] = []
    objectors = (
        {p for r in relations.values() if r.kind.attacks for p in r.premises}
        if has_articles
        else set()
    )
    allowed = {e.tag for e in vocabulary}
    for cid, claim in claims.items():
        base = f"$.claims[{claim_index[cid]}]"
        if cid in objectors and not claim.anchors and claim.provenance is Provenance.ARTICLE:
            out.append(
                Problem(
                    "unanchored-objection",
                    f"objection {cid!r} has no anchor in the article; anchor it or mark it "
                    'as the editor\'s ("provenance": "editor")',
                    base + ".provenance",
                    cid,
                    severity="warning",
                )
            )
        if allowed:
            for j, tag in enumerate(claim.tags):
                if tag not in allowed:
                    out.append(
                        Problem(
                            "unknown-tag",
                            f"claim {cid!r}: tag {tag!r} is not in the map's vocabulary",
                            f"{base}.tags[{j}]",
                            cid,
                            severity="warning",
                        )
                    )
    return out


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# BCP 47 in its common shapes: "en", "en-GB", "zh-Hant-TW", "de-CH-1996".
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def _iso_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _article_dates(articles: dict) -> list[Problem]:
    """Warnings for article dates that are not ISO dates and languages that are not BCP 47."""
    out: list[Problem] = []

    def warn(code: str, message: str, place: str, aid: str) -> None:
        out.append(Problem(code, message, place, aid, severity="warning"))

    for i, (aid, a) in enumerate(articles.items()):
        base = f"$.articles[{i}]"
        if a.date is not None and not _iso_date(a.date):
            warn("date-format", f"article {aid!r}: date {a.date!r} is not YYYY-MM-DD", base, aid)
        r = a.date_range
        if r is not None:
            if not (_iso_date(r.earliest) and _iso_date(r.latest)):
                warn(
                    "date-format",
                    f"article {aid!r}: date range bounds must be YYYY-MM-DD",
                    base + ".date_range",
                    aid,
                )
            elif r.earliest > r.latest:
                warn(
                    "date-range",
                    f"article {aid!r}: date range ends before it starts",
                    base + ".date_range",
                    aid,
                )
        if a.language is not None and not _LANGUAGE.match(a.language):
            warn(
                "language",
                f"article {aid!r}: language {a.language!r} is not a BCP 47 tag",
                base + ".language",
                aid,
            )
    return out


def _support_cycles(claims: dict, relations: dict) -> list[Problem]:
    edges = [
        (p, r.target)
        for r in relations.values()
        if r.kind is RelationKind.SUPPORT and r.target in claims
        for p in r.premises
        if p in claims and p != r.target
    ]
    if _acyclic(edges):  # the common case, found without building a graph
        return []
    g: nx.DiGraph = nx.DiGraph()
    g.add_edges_from(edges)
    out = []
    for component in nx.strongly_connected_components(g):
        if len(component) > 1:
            ids = sorted(component)
            shown = ", ".join(repr(i) for i in ids[:5]) + (" …" if len(ids) > 5 else "")
            out.append(
                Problem(
                    "support-cycle",
                    f"claims support each other in a cycle: {shown}",
                    "$.relations",
                    ids[0],
                )
            )
    return out


def _acyclic(edges: list[tuple[str, str]]) -> bool:
    """Whether the directed edges make no cycle (Kahn's algorithm: take away nodes without
    incoming edges until none is left). A third of the time of networkx's strongly
    connected components on a 5,000-claim map, most of which is building its graph."""
    targets: dict[str, list[str]] = {}
    incoming: dict[str, int] = {}
    for a, b in edges:
        if a in targets:
            targets[a].append(b)
        else:
            targets[a] = [b]
        incoming[b] = incoming.get(b, 0) + 1
    ready = [a for a in targets if a not in incoming]
    left = len(incoming)  # nodes with incoming edges not yet taken away
    while ready:
        for b in targets.get(ready.pop(), ()):
            incoming[b] -= 1
            if not incoming[b]:
                left -= 1
                ready.append(b)
    return not left


def _undercut_cycles(relations: dict) -> list[Problem]:
    out = []
    reported: set[str] = set()
    for rid, rel in relations.items():
        seen = [rid]
        node = rel
        while node.kind is RelationKind.UNDERCUT and node.target in relations:
            if node.target in seen:
                if rid not in reported:
                    reported.update(seen)
                    out.append(
                        Problem(
                            "undercut-cycle",
                            f"undercuts aim at each other in a cycle from {rid!r}",
                            "$.relations",
                            rid,
                        )
                    )
                break
            seen.append(node.target)
            node = relations[node.target]
    return out
