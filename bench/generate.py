"""Synthetic argument maps for benchmarks and tests: deterministic by seed.

``generate_map(n_claims, seed)`` builds, through the model's own methods, a map shaped like the
curated ones but of any size: a thesis, reasons and objections nested below it (a random
recursive tree, so depth grows like log n and ranks get wide), rebuttals (attacks on
objections), some cross-links between branches, linked premises, undercuts, tags, and claim
texts of article-like lengths, each anchored to its sentence in one generated article.

>>> m = generate_map(50, seed=1)
>>> m.claim_count
50
>>> generate_map(50, seed=1) == m
True
"""

from __future__ import annotations

import random

from argmap.model import ArgumentMap, Article, RelationKind

ARTICLE_ID = "synthetic"

_WORDS_TEXT = (
    "policy government economy sanctions market growth voters election reform energy price "
    "inflation trade war peace treaty border security budget deficit tax rate labour union "
    "wage health care school teacher student research evidence study report expert court law "
    "rights press freedom climate emission carbon coal gas oil nuclear wind solar grid city "
    "housing rent mortgage bank credit debt crisis recovery export import tariff farmer food "
    "water drought flood migration refugee army alliance minister president parliament vote "
    "public opinion poll survey data cost benefit risk safety standard regulation industry "
    "company profit investor innovation technology internet platform privacy surveillance"
)
_LINKS_TEXT = (
    "the the the of of to in a and and that is will would because since but therefore "
    "more less most many few not never already still also only even however"
)
_WORDS = tuple(_WORDS_TEXT.split())
_LINKS = tuple(_LINKS_TEXT.split())
_TAGS = ("economy", "security", "law", "evidence", "history", "ethics", "climate", "health")

# Shares of the kinds of new claims; the rest are plain supports.
P_ATTACK = 0.30
P_LINKED = 0.08
P_UNDERCUT = 0.05
P_CROSS_LINK = 0.05
P_TAG = 0.25


def _sentence(rng: random.Random) -> str:
    """A sentence of 6–45 words, most 12–25, like the claims curators write."""
    n = max(6, min(45, int(rng.gauss(18, 8))))
    words = [rng.choice(_WORDS if rng.random() < 0.6 else _LINKS) for _ in range(n)]
    if rng.random() < 0.15:  # some numbers and punctuation, as in news text
        words.insert(rng.randrange(1, n), f"{rng.randint(2, 98)}%")
    if rng.random() < 0.2:
        words[rng.randrange(1, n)] += ","
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def generate_map(n_claims: int, seed: int = 0) -> ArgumentMap:
    """A valid synthetic map with exactly ``n_claims`` claims (ids ``c1``…, ``c1`` the thesis).

    The same ``(n_claims, seed)`` always gives an equal map.
    """
    if n_claims < 1:
        raise ValueError("a map needs at least one claim")
    rng = random.Random(seed)
    sentences = [_sentence(rng) for _ in range(n_claims)]
    # The article: every claim's sentence once, in order, with filler sentences between.
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    title = "On " + " ".join(rng.choice(_WORDS) for _ in range(3))
    head = title + "\n\n"
    parts.append(head)
    pos += len(head)
    for s in sentences:
        if rng.random() < 0.5:
            filler = _sentence(rng) + " "
            parts.append(filler)
            pos += len(filler)
        spans.append((pos, pos + len(s)))
        parts.append(s)
        pos += len(s)
        sep = "\n\n" if rng.random() < 0.2 else " "
        parts.append(sep)
        pos += len(sep)
    text = "".join(parts)

    m = ArgumentMap(title=f"Synthetic map of {n_claims} claims (seed {seed})")
    m.add_article(Article(ARTICLE_ID, text, title, "Synthetic Times", "A. Writer", "2024-01-01"))

    def new_claim(i: int) -> str:
        cid = f"c{i + 1}"
        start, end = spans[i]
        tags = rng.sample(_TAGS, rng.randint(1, 2)) if rng.random() < P_TAG else ()
        m.add_claim(
            sentences[i], id=cid, tags=tags, anchors=[m.article(ARTICLE_ID).anchor(start, end)]
        )
        return cid

    thesis = new_claim(0)
    m.update_map(thesis=thesis)
    claims = [thesis]
    relations: list[str] = []
    i = 1
    while i < n_claims:
        roll = rng.random()
        if roll < P_UNDERCUT and relations:
            cid = new_claim(i)
            i += 1
            m.connect([cid], rng.choice(relations), RelationKind.UNDERCUT)
            claims.append(cid)
            continue
        parent = rng.choice(claims)
        kind = RelationKind.ATTACK if rng.random() < P_ATTACK else RelationKind.SUPPORT
        premises = [new_claim(i)]
        i += 1
        if roll < P_UNDERCUT + P_LINKED and i < n_claims:
            premises.append(new_claim(i))
            i += 1
        rel = m.connect(premises, parent, kind)
        relations.append(rel.id)
        claims.extend(premises)
        if rng.random() < P_CROSS_LINK and len(claims) > 3:
            # A cross-link from a later claim to an earlier one; supports always point to
            # earlier claims, so they can never close a support cycle.
            src, dst = sorted(rng.sample(range(len(claims)), 2), reverse=True)
            premise, target = claims[src], claims[dst]
            if not any(r.target == target for r in m.relations_from(premise)):
                cross = RelationKind.ATTACK if rng.random() < 0.5 else RelationKind.SUPPORT
                relations.append(m.connect([premise], target, cross).id)
    return m
