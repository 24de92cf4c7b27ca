"""The words every renderer of an analysis shares (Markdown, HTML, PDF, SVG, the CLI): status
names, what each semantics means in plain language, the brief's lists of open gaps.

The analysis returns labels (``in``/``out``/``undecided``) and ids; these turn them into what a
reader sees, in one place so every output says the same thing.
"""

from __future__ import annotations

from argmap.analysis.brief import Brief, Item
from argmap.analysis.themes import CellClaim
from argmap.text import shorten

STATUS_WORD = {"in": "stands", "out": "defeated", "undecided": "undecided"}
CONCEDES = "The author concedes:"  # how the brief lists a qualify's premise


def concedes(it: Item) -> str:
    """How the brief introduces a concession: the author's, or granted by someone quoted.

    >>> concedes(Item("q", "x", "concession", "in", "", said_by="Cliff Kupchan"))
    'Conceded:'
    """
    return "Conceded:" if it.said_by else CONCEDES


def who_says(it: Item) -> str:
    """Who asserts a brief item when not the author, and the editor's mark; empty for the
    author's own claims.

    >>> who_says(Item("o", "x", "objection", "in", "", said_by="critics (reported)"))
    'according to critics (reported)'
    """
    parts = [f"according to {it.said_by}"] if it.said_by else []
    if it.editor:
        parts.append("added by the map's editor")
    return "; ".join(parts)


# What each semantics means, for people who never read Dung (1995).
SEMANTICS_IN_WORDS = {
    "grounded": "the cautious reading: a claim stands when nothing attacks it, or when every "
    "attack on it comes from a claim that is itself defeated; a claim attacked by one that "
    "stands is defeated; whatever this cannot settle (claims caught in a circle of attacks) "
    "stays undecided",
    "preferred": "the bold reading: take every largest set of claims that do not attack one "
    "another and answer every attack on themselves; a claim stands if it is in all of these "
    "sets, is defeated if all of them attack it, and is undecided otherwise",
    "stable": "like preferred, but each set must attack every claim outside it; a map may "
    "have no such set, and then every claim is undecided",
}


def semantics_legend(semantics: str) -> str:
    """One sentence that says which semantics decided the statuses and what that means.

    >>> semantics_legend("grounded")[:64]
    'Status under grounded semantics (the cautious reading: a claim s'
    """
    return f"Status under {semantics} semantics ({SEMANTICS_IN_WORDS[semantics]})."


def gap_sections(b: Brief) -> list[tuple[str, list[str]]]:
    """The brief's open gaps as (heading, entries), the same in every output format."""
    text = {s.id: s.text for s in b.statuses}
    g = b.gaps
    flips = [
        f"If “{shorten(text[f.claim])}” were {f.assume}, the thesis would be "
        f"{STATUS_WORD[f.thesis_becomes]}."
        for f in g.flips
    ]
    return [
        ("Objections with no answer", [text[c] for c in g.unanswered_objections]),
        ("Reasons with no support and no source", [text[c] for c in g.unsupported_reasons]),
        ("Claims with no source anchor", [text[c] for c in g.unanchored_claims]),
        ("What would change the thesis's status", flips),
    ]


def cell_quotes(c: CellClaim) -> list[tuple[str, str]]:
    """A theme cell's (quote, source) pairs; a quote whose source was not given says so."""
    sources = [*c.sources, *["source not given"] * (len(c.quotes) - len(c.sources))]
    return list(zip(c.quotes, sources, strict=False))
