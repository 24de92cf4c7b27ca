"""Page furniture in a saved article: what the web page had around the article (image file
names, logo marks, share and subscribe widgets, market tickers, calendars, photo credits).

The article text is kept byte for byte (anchors point into it), so furniture is never cut:
:func:`furniture_spans` only says where it is, and a viewer dims those ranges. The rules are
deliberately narrow; a line of the article proper must never be taken for furniture, so in
doubt a line is left alone.

>>> text = "Title\\n\\n8096559668_063cfb39a3_b\\n\\nThe article. Thought Catalog Logo Mark\\n"
>>> [(text[s.start:s.end], s.reason) for s in furniture_spans(text)]
[('8096559668_063cfb39a3_b', 'image file name'), ('Thought Catalog Logo Mark', 'logo mark')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # code points into the text, as anchors count them
    end: int
    reason: str


# Whole lines that are furniture, each with the reason shown to the user.
_LINE_RULES: list[tuple[re.Pattern[str], str]] = [
    # A camera or CMS file name left where the image was: one token of digits, letters,
    # underscores and dashes with digits in it (8096559668_063cfb39a3_b, IMG_1234.jpg).
    (
        re.compile(r"(?=[\w.-]*\d{3})[\w-]*_[\w-]*(\.(jpe?g|png|gif|webp|svg))?", re.I),
        "image file name",
    ),
    (re.compile(r"[\w.-]+\.(jpe?g|png|gif|webp|svg)", re.I), "image file name"),
    # Photo credits: "featured image – name", "(Name/Agency/Reuters)", "Photo: …".
    (
        re.compile(r"(featured image|image|photo|photograph|picture)\s*[:–—-].{0,80}", re.I),
        "photo credit",
    ),
    (
        re.compile(
            r"\((?=[^()]*\b(Reuters|AP|AFP|Getty|Pool|RIA Novosti|EPA|Shutterstock)\b)"
            r"[^()]{0,100}\)",
            re.I,
        ),
        "photo credit",
    ),
    # Share, follow and subscribe widgets, site navigation and page chrome.
    (
        re.compile(
            r"(share( this( article| story)?)?|tweet|email|print|subscribe|sign up|log ?in|"
            r"follow us.{0,40}|advertisement|sponsored content|related( articles| stories)?|"
            r"read more|more from [\w .'-]{1,40}|top content trending|trending|"
            r"enable read mode|\d{2,3}% font size|published:? ?updated:?|by|"
            r"profile|style credit|expand cut tags|no cut tags|"
            r"powered by [\w .'-]{1,40}|page generated .{1,40}|"
            r"now watch:.{0,120}|[\w .'-]{1,30} markets? (closed|open)|"
            r"disclaimer: views expressed .{0,200})",
            re.I,
        ),
        "page widget",
    ),
    (re.compile(r"\[personal profile\].{0,60}|\w+: \([\w ]{1,30}\)\w*"), "page widget"),
    # Market tickers: "• S&P 500" above "+58.34 (+1.40%)".
    (re.compile(r"[+-][\d,]+(\.\d+)? \([+-][\d.]+%\)"), "market ticker"),
    (
        re.compile(
            r"• (S&P 500|Dow 30|Nasdaq|Russell 2000|Crude Oil|Gold|Silver|10-Yr Bond|Vix|"
            r"CMC Crypto 200|FTSE 100|Nikkei 225|[A-Z]{3}/[A-Z]{3}|Bitcoin [A-Z]{3})"
        ),
        "market ticker",
    ),
    # A month calendar: "June 2025", "S M T W T F S", rows of day numbers.
    (re.compile(r"(S M T W T F S|[\d ]{5,})"), "calendar"),
    (
        re.compile(
            r"(January|February|March|April|May|June|July|August|September|October|November|"
            r"December) \d{4}"
        ),
        "calendar",
    ),
]

# Inside a line: a site's logo alt text stuck to the end of a paragraph.
_LOGO = re.compile(r"(?:[A-Z][\w&.'-]*\s){0,4}Logo(?: Mark)?\s*$")

_MAX_CAPTION_WORDS = 6


def furniture_spans(text: str) -> list[Span]:
    """Ranges of ``text`` that are page furniture, in order, not overlapping."""
    spans: list[Span] = []
    lines = _lines(text)
    previous: tuple[int, int, str] | None = None
    for start, end in lines:
        line = text[start:end]
        content = line.strip()
        if not content:
            continue
        lead = start + len(line) - len(line.lstrip())
        tail = lead + len(content)
        reason = _line_reason(content)
        if reason is None and spans and spans[-1].reason == "calendar" and content.isdigit():
            reason = "calendar"  # the last row of a month: "2930"
        if reason is None and previous is not None and _is_caption_twin(content, previous[2]):
            # An image's alt text and caption: the same few words on two lines in a row.
            if not spans or spans[-1].end != previous[1]:
                spans.append(Span(previous[0], previous[1], "image caption"))
            reason = "image caption"
        if reason is not None:
            spans.append(Span(lead, tail, reason))
        else:
            logo = _LOGO.search(content)
            if logo is not None and logo.start() > 0:
                spans.append(Span(lead + logo.start(), lead + len(content.rstrip()), "logo mark"))
        previous = (lead, tail, content)
    return spans


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line breaks excluded."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _line_reason(content: str) -> str | None:
    if " " not in content and len(content) > 60:
        return None  # a long unbroken token is more likely a URL the author quoted
    for pattern, reason in _LINE_RULES:
        if pattern.fullmatch(content):
            return reason
    if _LOGO.fullmatch(content):
        return "logo mark"
    return None


def _is_caption_twin(content: str, previous: str) -> bool:
    words = content.split()
    return content == previous and 0 < len(words) <= _MAX_CAPTION_WORDS and content[-1] not in ".?!"
