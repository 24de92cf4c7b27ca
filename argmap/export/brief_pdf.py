"""The debate brief as a vector PDF with real, selectable text (reportlab).

The DejaVu fonts shipped in ``resources/fonts`` are embedded, so any character of the
articles renders on any machine.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from argmap.analysis.brief import Brief, Item, Quote
from argmap.errors import ArgmapError
from argmap.export.words import STATUS_WORD, concedes, gap_sections, semantics_legend
from argmap.resources import font_path
from argmap.text import quoted

_COLOURS = {"in": "#145a32", "out": "#7b241c", "undecided": "#7d6608"}
_registered = False


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, bold in (("DejaVuSans", False), ("DejaVuSans-Bold", True)):
        path = font_path(bold)
        if not path.is_file():
            raise ArgmapError(f"font file missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> inside paragraphs picks the bold face; there is no italic face, so italic maps to
    # the regular one rather than a Type 1 font without the articles' characters.
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-Bold")
    _registered = True


def brief_pdf(b: Brief) -> bytes:
    """The brief as PDF bytes (A4, vector text)."""
    _register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Table,
        TableStyle,
    )

    base = ParagraphStyle(
        "base", fontName="DejaVuSans", fontSize=9.5, leading=12.5, alignment=TA_LEFT
    )
    title = ParagraphStyle(
        "title", parent=base, fontName="DejaVuSans-Bold", fontSize=16, leading=20, spaceAfter=4
    )
    h2 = ParagraphStyle(
        "h2",
        parent=base,
        fontName="DejaVuSans-Bold",
        fontSize=12.5,
        leading=16,
        spaceBefore=10,
        spaceAfter=4,
        textColor=colors.HexColor("#222222"),
    )
    h3 = ParagraphStyle(
        "h3",
        parent=base,
        fontName="DejaVuSans-Bold",
        fontSize=10,
        leading=13,
        spaceBefore=6,
        spaceAfter=2,
    )
    small = ParagraphStyle(
        "small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#555555")
    )
    quote = ParagraphStyle(
        "quote",
        parent=base,
        fontSize=9,
        leading=11.5,
        leftIndent=12,
        textColor=colors.HexColor("#333333"),
        spaceAfter=1,
    )

    def e(text: str) -> str:
        return escape(text)

    def status(s: str) -> str:
        return f'<font color="{_COLOURS[s]}"><b>[{STATUS_WORD[s]}]</b></font>'

    def quotes(qs: list[Quote], indent: float) -> list[object]:
        # One paragraph per quote, its source on the last line: never split from each other.
        style = ParagraphStyle("q", parent=quote, leftIndent=indent + 12, spaceAfter=3)
        return [
            Paragraph(
                f'{e(quoted(q.text))}<br/><font size="8.5" color="#555555">— {e(q.source)}</font>',
                style,
            )
            for q in qs
        ]

    def item(it: Item, indent: float = 0) -> list[object]:
        st = ParagraphStyle(
            "i", parent=base, leftIndent=indent + 10, firstLineIndent=-10, spaceBefore=3
        )
        flow: list[object] = [
            Paragraph(f"• <b>{e(it.text)}</b> {status(it.status)}", st),
            Paragraph(e(it.why), ParagraphStyle("w", parent=small, leftIndent=indent + 10)),
        ]
        if it.linked_with:
            flow.append(
                Paragraph(
                    "only together with: " + e("; ".join(it.linked_with)),
                    ParagraphStyle("l", parent=small, leftIndent=indent + 10),
                )
            )
        flow += quotes(it.quotes, indent)
        for ev in it.evidence:
            flow += item(ev, indent + 14)
        return flow

    story: list[object] = [Paragraph(f"Debate brief: {e(b.title or 'untitled map')}", title)]
    if b.sources:
        story.append(Paragraph("Sources: " + e("; ".join(b.sources)), small))
    story.append(Paragraph(e(semantics_legend(b.semantics)), small))
    story.append(Paragraph("Thesis", h2))
    if b.thesis is None:
        story.append(Paragraph("No thesis is marked.", base))
    else:
        story.append(Paragraph(f"<b>{e(b.thesis.text)}</b> {status(b.thesis.status)}", base))
        story.append(Paragraph(e(b.thesis.why), small))
        story += quotes(b.thesis.quotes, 0)
    story.append(Paragraph("Reasons", h2))
    for r in b.reasons:
        story += item(r)
    if not b.reasons:
        story.append(Paragraph("No reasons are mapped.", base))
    story.append(Paragraph("Objections and answers", h2))
    for o in b.objections:
        block: list[object] = [
            Paragraph(f"{e(o.item.text)} {status(o.item.status)}", h3),
            Paragraph("Against: " + e(o.against), small),
        ]
        block += quotes(o.item.quotes, 0)
        if o.item.evidence:
            block.append(Paragraph("Backed by:", base))
            for ev in o.item.evidence:
                block += item(ev, 8)
        if o.answers:
            block.append(Paragraph("Prepared answer:", base))
            for a in o.answers:
                block += item(a, 8)
        else:
            block.append(Paragraph('<font color="#7b241c"><b>UNANSWERED</b></font>', base))
        story.append(KeepTogether(block))
    if not b.objections:
        story.append(Paragraph("No objections are mapped.", base))
    if b.concessions:
        story.append(Paragraph("Concessions", h2))
        for c in b.concessions:
            block = [
                Paragraph(f"{e(concedes(c.item))} <b>{e(c.item.text)}</b>", base),
                Paragraph("which limits: " + e(c.limits), small),
            ]
            block += quotes(c.item.quotes, 0)
            for ev in c.item.evidence:
                block += item(ev, 8)
            story.append(KeepTogether(block))
    story.append(Paragraph("Status of every claim", h2))
    rows = [
        [
            Paragraph("<b>Claim</b>", base),
            Paragraph("<b>Role</b>", base),
            Paragraph("<b>Status</b>", base),
        ]
    ]
    for s in b.statuses:
        rows.append(
            [
                Paragraph(e(s.text), base),
                Paragraph(e(s.role), base),
                Paragraph(status(s.status), base),
            ]
        )
    table = Table(rows, colWidths=[118 * mm, 26 * mm, 26 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#bbbbbb")),
                ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),  # cells default to Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    story.append(table)
    story.append(Paragraph("Open gaps", h2))
    for heading, entries in gap_sections(b):
        story.append(Paragraph(e(heading) + (": none" if not entries else ""), h3))
        for entry in entries:
            story.append(
                Paragraph(
                    "• " + e(entry),
                    ParagraphStyle("g", parent=base, leftIndent=10, firstLineIndent=-10),
                )
            )
    buf = io.BytesIO()

    def footer(c: Any, doc: Any) -> None:
        c.saveState()
        c.setFont("DejaVuSans", 7.5)
        c.setFillColor(colors.HexColor("#777777"))
        page = c.getPageNumber()
        c.drawString(18 * mm, 10 * mm, f"{b.title} · page {page}")
        c.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"Debate brief: {b.title}",
        author="argmap",
        invariant=1,
        initialFontName="DejaVuSans",  # pages start in DejaVu, not an unembedded Helvetica
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
