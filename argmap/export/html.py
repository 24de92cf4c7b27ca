"""Every HTML page argmap writes: the debate brief and the theme matrix.

Each page is self-contained (inline CSS with print styles, no external files) and escapes all
map text. Every quote names its source.
"""

from __future__ import annotations

import html

from argmap.analysis.brief import Brief, Item, Quote
from argmap.analysis.themes import ThemeMatrix
from argmap.export.words import (
    STATUS_WORD,
    cell_quotes,
    concedes,
    gap_sections,
    semantics_legend,
    who_says,
)
from argmap.text import quoted


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _quote(text: str, source: str) -> str:
    return f"<blockquote>{_e(quoted(text))}<cite>— {_e(source)}</cite></blockquote>"


# ---------------------------------------------------------------------- the debate brief

_BRIEF_CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; max-width: 46em;
  margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { border-bottom: 1px solid #999;
  margin-top: 1.6em; } h3 { font-size: 1.05em; margin-bottom: .2em; }
.sources { color: #444; font-size: .9em; }
.status { font-size: .8em; padding: .05em .45em; border-radius: .3em; border: 1px solid;
  white-space: nowrap; }
.in { color: #145a32; background: #e9f7ef; } .out { color: #7b241c; background: #fdedec; }
.undecided { color: #7d6608; background: #fef9e7; }
.why { color: #555; font-size: .85em; }
blockquote { margin: .3em 0 .5em 1em; padding-left: .8em; border-left: 3px solid #bbb;
  color: #333; } blockquote cite { display: block; font-size: .85em; color: #555; }
.unanswered { color: #7b241c; font-weight: bold; }
.objection { border-left: 4px solid #c0392b; padding-left: .8em; margin: 1em 0; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
td, th { border: 1px solid #ccc; padding: .25em .4em; text-align: left; vertical-align: top; }
ul.items { padding-left: 1.2em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { page-break-after: avoid; } .objection, blockquote, tr { page-break-inside: avoid; }
  .status { border-width: 1px; }
}
"""


def _status(status: str) -> str:
    return f'<span class="status {status}">{STATUS_WORD[status]}</span>'


def _quotes(quotes: list[Quote]) -> str:
    return "".join(_quote(q.text, q.source) for q in quotes)


def _who(it: Item) -> str:
    return f' <span class="why">({_e(who_says(it))})</span>' if who_says(it) else ""


def _item(it: Item) -> str:
    linked = (
        f'<div class="why">only together with: {_e("; ".join(it.linked_with))}</div>'
        if it.linked_with
        else ""
    )
    evidence = (
        '<ul class="items">' + "".join(_item(e) for e in it.evidence) + "</ul>"
        if it.evidence
        else ""
    )
    return (
        f"<li><strong>{_e(it.text)}</strong>{_who(it)} {_status(it.status)} "
        f'<span class="why">({_e(it.why)})</span>{linked}{_quotes(it.quotes)}{evidence}</li>'
    )


def brief_html(b: Brief) -> str:
    """The brief as one self-contained HTML page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Debate brief: {_e(b.title)}</title><style>{_BRIEF_CSS}</style></head><body>",
        f"<h1>Debate brief: {_e(b.title or 'untitled map')}</h1>",
    ]
    if b.sources:
        parts.append(f'<p class="sources">Sources: {_e("; ".join(b.sources))}</p>')
    parts.append(f'<p class="why">{_e(semantics_legend(b.semantics))}</p>')
    parts.append("<h2>Thesis</h2>")
    if b.thesis is None:
        parts.append("<p>No thesis is marked.</p>")
    else:
        parts.append(
            f"<p><strong>{_e(b.thesis.text)}</strong> {_status(b.thesis.status)} "
            f'<span class="why">({_e(b.thesis.why)})</span></p>{_quotes(b.thesis.quotes)}'
        )
    parts.append("<h2>Reasons</h2>")
    if b.reasons:
        parts.append('<ul class="items">' + "".join(_item(r) for r in b.reasons) + "</ul>")
    else:
        parts.append("<p>No reasons are mapped.</p>")
    parts.append("<h2>Objections and answers</h2>")
    for o in b.objections:
        answer = (
            '<p>Prepared answer:</p><ul class="items">'
            + "".join(_item(a) for a in o.answers)
            + "</ul>"
            if o.answers
            else '<p class="unanswered">unanswered</p>'
        )
        if o.item.evidence:
            backing = "".join(_item(ev) for ev in o.item.evidence)
            answer = f'<p>Backed by:</p><ul class="items">{backing}</ul>{answer}'
        parts.append(
            f'<div class="objection"><h3>{_e(o.item.text)}{_who(o.item)} '
            f"{_status(o.item.status)}</h3>"
            f'<div class="why">Against: {_e(o.against)}</div>{_quotes(o.item.quotes)}'
            f"{answer}</div>"
        )
    if not b.objections:
        parts.append("<p>No objections are mapped.</p>")
    if b.concessions:
        parts.append('<h2>Concessions</h2><ul class="items">')
        for c in b.concessions:
            evidence = (
                '<ul class="items">' + "".join(_item(e) for e in c.item.evidence) + "</ul>"
                if c.item.evidence
                else ""
            )
            parts.append(
                f"<li>{concedes(c.item)} <strong>{_e(c.item.text)}</strong>{_who(c.item)} — which "
                f"limits: {_e(c.limits)}{_quotes(c.item.quotes)}{evidence}</li>"
            )
        parts.append("</ul>")
    parts.append(
        "<h2>Status of every claim</h2><table><tr><th>Claim</th><th>Role</th><th>Status</th></tr>"
    )
    for s in b.statuses:
        parts.append(
            f"<tr><td>{_e(s.text)}</td><td>{_e(s.role)}</td><td>{_status(s.status)}</td></tr>"
        )
    parts.append("</table><h2>Open gaps</h2>")
    for title, entries in gap_sections(b):
        if entries:
            parts.append(
                f"<h3>{_e(title)}</h3><ul>"
                + "".join(f"<li>{_e(e)}</li>" for e in entries)
                + "</ul>"
            )
        else:
            parts.append(f"<h3>{_e(title)}</h3><p>none</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------------- the theme matrix

_THEMES_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; color: #111; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; }
th, td { border: 1px solid #bbb; padding: .4em; vertical-align: top; font-size: .82em; }
th { background: #f0f0f0; } th.article { width: 13em; text-align: left; }
.claim { margin-bottom: .6em; } .supports { border-left: 4px solid #1e8449; padding-left: .4em; }
.attacks { border-left: 4px solid #c0392b; padding-left: .4em; }
.thesis { border-left: 4px solid #2c3e50; padding-left: .4em; }
.unrelated { border-left: 4px solid #999; padding-left: .4em; }
.meta { color: #555; font-size: .9em; } blockquote { margin: .2em 0 0 .6em; color: #333;
  font-style: italic; } blockquote cite { display: block; font-style: normal; color: #555; }
.src { color: #555; font-weight: normal; font-size: .9em; }
@media print { body { margin: 0; } td, tr { page-break-inside: avoid; } }
"""


def themes_html(tm: ThemeMatrix) -> str:
    """The theme matrix as a self-contained HTML table."""
    e = _e
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Articles by theme</title><style>{_THEMES_CSS}</style></head><body>",
        "<h1>The articles compared by theme</h1>",
        '<p class="meta">Green: supports the article\'s thesis; red: attacks it.</p>',
        '<table><tr><th class="article">Article</th>',
    ]
    parts += [f"<th>{e(t)}</th>" for t in tm.themes]
    parts.append("</tr>")
    for r in tm.rows:
        src = f'<br><span class="src">{e(r.source)}</span>' if r.source else ""
        parts.append(f'<tr><th class="article">{e(r.title)}{src}</th>')
        for t in tm.themes:
            cell = "".join(
                f'<div class="claim {c.stance}"><b>{e(c.text)}</b>'
                f'<div class="meta">{e(c.role)}, {e(c.stance)} the thesis</div>'
                + "".join(_quote(q, source) for q, source in cell_quotes(c))
                + "</div>"
                for c in r.cells[t]
            )
            parts.append(f"<td>{cell}</td>")
        parts.append("</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
