"""Plain-text helpers shared by the analysis (its explanations in words) and every renderer
in :mod:`argmap.export`: one way to shorten a text, to quote a passage and to name its source.

They sit below both packages (they import only the model), so analysis never imports export.
"""

from __future__ import annotations

from argmap.model.map_view import MapView

ELLIPSIS = "…"
_OPENING_QUOTES = "“\"'‘«„"


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis.

    >>> shorten("Russia   will\\njoin the fight", 15)
    'Russia will jo…'
    >>> shorten("short", 15)
    'short'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


def quoted(q: str) -> str:
    """``q`` in curly quotes, unless it already starts with a quotation mark.

    >>> quoted("Syria is Russia’s friend"), quoted('"The Russians can say"')
    ('“Syria is Russia’s friend”', '"The Russians can say"')
    """
    q = q.strip()
    return q if q[:1] in _OPENING_QUOTES else f"“{q}”"


def source_name(m: MapView, article_id: str) -> str:
    """How a quote from ``article_id`` names its source: the article's title and outlet; with
    neither, its author and always its id, so no quote is left without a source.

    >>> from argmap.model import ArgumentMap
    >>> from argmap.model.elements import Article
    >>> m = ArgumentMap()
    >>> _ = m.add_article(Article("a1", "text", title="Allies", outlet="The Paper"))
    >>> _ = m.add_article(Article("a2", "text"))
    >>> _ = m.add_article(Article("a3", "text", author="Ann"))
    >>> [source_name(m, a) for a in ("a1", "a2", "a3", "gone")]
    ['Allies, The Paper', 'article a2', 'untitled post by Ann (article a3)', 'article gone']
    """
    if not m.has_article(article_id):
        return f"article {article_id}"
    a = m.article(article_id)
    parts = [p.strip() for p in (a.title, a.outlet or "") if p and p.strip()]
    if parts:
        return ", ".join(parts)
    if a.author and a.author.strip():
        return f"untitled post by {a.author.strip()} (article {a.id})"
    return f"article {a.id}"
