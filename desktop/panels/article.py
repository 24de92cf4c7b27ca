"""The article panel: the map's source text with every anchored passage highlighted.

Selecting a claim scrolls to its passage and emphasises it; clicking a highlighted passage
selects its claim; a text selection can become a new claim or re-anchor the selected claim.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from argmap.furniture import Span, furniture_spans
from argmap.model import ArgumentMap, MapEvent
from desktop.panels.textmap import OffsetMap

HIGHLIGHT = QColor("#fff1a8")
FURNITURE = QColor("#b4b4b4")  # page furniture (image names, widgets…): dimmed, never cut
EMPHASIS = QColor("#ffb347")


class ArticleText(QPlainTextEdit):
    clicked_at = Signal(int)  # UTF-16 position of a click without selection

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked_at.emit(self.textCursor().position())


class ArticlePanel(QWidget):
    claim_clicked = Signal(str)
    new_claim_requested = Signal(str, int, int)  # article id, start, end (code points)
    anchor_requested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map: ArgumentMap | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.article_id: str | None = None
        self.offsets = OffsetMap("")
        self.emphasised: str | None = None
        self.spans: list[tuple[int, int, str]] = []  # code-point start, end, claim id
        self.furniture: list[Span] = []  # of the shown article
        self._dirty = False
        self._pending_article: str | None = None
        self._scroll_to_first = False

        self.choice = QComboBox()
        self.choice.currentIndexChanged.connect(self._article_chosen)
        # Outlet, author, date and language of the article shown; the date's evidence on hover.
        self.meta = QLabel("")
        self.meta.setWordWrap(True)
        self.text = ArticleText()
        self.text.document().setUndoRedoEnabled(False)  # formats only, never edits
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.clicked_at.connect(self._clicked)
        self.text.selectionChanged.connect(self._selection_changed)
        self.new_button = QPushButton("New claim from selection")
        self.anchor_button = QPushButton("Anchor to selection")
        self.new_button.clicked.connect(lambda: self._request(self.new_claim_requested))
        self.anchor_button.clicked.connect(lambda: self._request(self.anchor_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.anchor_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.choice)
        layout.addWidget(self.meta)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.claim_selected = False
        self._selection_changed()

    # ------------------------------------------------------------------ the map

    def set_map(self, m: ArgumentMap | None, *, defer: bool = False) -> None:
        """Show the map's (first) article. With ``defer`` the text is only loaded by the next
        :meth:`flush` (the window calls it once the canvas has painted: a big map's article
        waits for its picture, not the other way round)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.map = m
        self.emphasised = None
        self.choice.blockSignals(True)
        self.choice.clear()
        if m is not None:
            for a in m.articles():
                self.choice.addItem(a.title or a.id, a.id)
            self._unsubscribe = m.subscribe(self._on_event)
        self.choice.blockSignals(False)
        self.choice.setVisible(self.choice.count() > 1)
        first = self.choice.itemData(0) if self.choice.count() else None
        if defer:
            self._pending_article = first
            self.article_id = None
            self.spans = []
            self.text.setPlainText("Loading the article…")
            self.text.setExtraSelections([])
            return
        self._pending_article = None
        self.show_article(first)

    def show_article(self, article_id: str | None) -> None:
        self._pending_article = None
        self.article_id = article_id
        if article_id is None or self.map is None or not self.map.has_article(article_id):
            self.meta.setText("")
            self.meta.setVisible(False)
            self.text.setPlainText("(This map has no article.)" if self.map else "")
            self.offsets = OffsetMap("")
            self.furniture = []
            self.spans = []
            self.text.setExtraSelections([])
            return
        i = self.choice.findData(article_id)
        if i >= 0 and i != self.choice.currentIndex():
            self.choice.blockSignals(True)
            self.choice.setCurrentIndex(i)
            self.choice.blockSignals(False)
        self._scroll_to_first = True
        article = self.map.article(article_id)
        self.meta.setText(article.byline())
        self.meta.setToolTip(article.date_range.evidence if article.date_range else "")
        self.meta.setVisible(bool(article.byline()))
        text = article.text
        # Qt turns CR into a paragraph break of its own; a space keeps every position.
        self.text.setPlainText(text.replace("\r", " "))
        self.offsets = OffsetMap(text)
        self.furniture = furniture_spans(text)
        # Highlights follow right after the first paint (thousands of them take a while).
        self.spans = []
        self.text.setExtraSelections([])
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.flush)

    def _article_chosen(self, index: int) -> None:
        self.show_article(self.choice.itemData(index))

    def _on_event(self, event: MapEvent) -> None:
        # Claims, anchors or articles changed: recompute once when the gesture is over (a
        # delete emits many events; one pass over the claims afterwards is enough).
        field = getattr(event, "field", None)
        if (field is None or field == "anchors") and not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.flush)

    def flush(self) -> None:
        """Apply pending changes (a deferred article, highlights) now."""
        # The flush is queued with a zero timer; the panel may be gone by the time it runs.
        if not shiboken6.isValid(self.text):
            return
        if self._pending_article is not None:
            article, self._pending_article = self._pending_article, None
            emphasised = self.emphasised
            self.show_article(article)
            self.emphasised = emphasised
        if not self._dirty:
            return
        self._dirty = False
        m, aid = self.map, self.article_id
        if m is not None and aid is not None and not m.has_article(aid):
            self.set_map(m)
            return
        self.highlight()

    # ------------------------------------------------------------------ highlights

    def highlight(self) -> None:
        """Give every anchored passage of the shown article a highlight background.

        The backgrounds are character formats of the (read-only) document: applying ten
        thousand of them takes a tenth of a second, where as many extra selections take
        seconds. Only the emphasised passage is an extra selection on top.
        """
        self._dirty = False
        self.spans = []
        doc = self.text.document()
        if self.map is None or self.article_id is None:
            self._set_emphasis_selection()
            return
        for c in self.map.claims():
            for a in c.anchors:
                if a.article == self.article_id:
                    self.spans.append((a.start, a.end, c.id))
        self.spans.sort()
        to_utf16 = self.offsets.to_utf16
        plain = QTextCharFormat()
        marked = QTextCharFormat()
        marked.setBackground(HIGHLIGHT)
        # One edit block: the layout is updated once at the end, not per passage.
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(plain)
        dim = QTextCharFormat()
        dim.setForeground(FURNITURE)
        for span in self.furniture:
            cursor.setPosition(to_utf16(span.start))
            cursor.setPosition(to_utf16(span.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(dim)
        for start, end, _cid in self.spans:
            cursor.setPosition(to_utf16(start))
            cursor.setPosition(to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(marked)
        cursor.endEditBlock()
        self._set_emphasis_selection()
        mine = [s for s in self.spans if s[2] == self.emphasised]
        if self._scroll_to_first and mine:
            # The selected claim's passage, now that the text is laid out.
            self._scroll_to_first = False
            self._scroll_to(mine[0][0])
        elif self._scroll_to_first and self.spans:
            # A fresh article opens at its first mapped passage (often after a preamble).
            self._scroll_to_first = False
            first = QTextCursor(doc)
            first.movePosition(QTextCursor.MoveOperation.End)
            self.text.setTextCursor(first)  # from the end, so the passage lands at the top
            self.text.ensureCursorVisible()
            first.setPosition(max(0, to_utf16(self.spans[0][0]) - 1))
            first.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            self.text.setTextCursor(first)
            self.text.ensureCursorVisible()

    def _set_emphasis_selection(self) -> None:
        selections = []
        for start, end, cid in self.spans:
            if cid != self.emphasised:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self.offsets.to_utf16(start))
            cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(EMPHASIS)
            fmt.setFontUnderline(True)
            sel.format = fmt
            selections.append(sel)
        self.text.setExtraSelections(selections)

    def _emphasise(self, cid: str | None) -> None:
        """Change which passage is emphasised (the other highlights stay as they are)."""
        self.emphasised = cid
        if not self._dirty:
            self._set_emphasis_selection()

    def highlighted_ranges(self) -> list[tuple[int, int]]:
        """The highlighted text as merged code-point ranges, read back from the document."""
        return self._ranges_where(lambda f: f.background().color() == HIGHLIGHT)

    def dimmed_ranges(self) -> list[tuple[int, int]]:
        """The text shown dimmed as page furniture, as code-point ranges read back from the
        document (adjacent fragments merged)."""
        return self._ranges_where(lambda f: f.foreground().color() == FURNITURE)

    def _ranges_where(self, test: Callable[[QTextCharFormat], bool]) -> list[tuple[int, int]]:
        """Code-point ranges of the document's fragments whose format passes ``test``;
        fragments that touch are merged into one range."""
        self.flush()
        ranges: list[tuple[int, int]] = []
        block = self.text.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if test(frag.charFormat()):
                    s = self.offsets.to_codepoint(frag.position())
                    e = self.offsets.to_codepoint(frag.position() + frag.length())
                    if ranges and ranges[-1][1] >= s:
                        ranges[-1] = (ranges[-1][0], max(e, ranges[-1][1]))
                    else:
                        ranges.append((s, e))
                it += 1
            block = block.next()
        return ranges

    def emphasised_spans(self) -> list[tuple[int, int]]:
        """The emphasised passage(s) as code-point spans."""
        return [
            (
                self.offsets.to_codepoint(sel.cursor.selectionStart()),
                self.offsets.to_codepoint(sel.cursor.selectionEnd()),
            )
            for sel in self.text.extraSelections()
        ]

    def show_claim(self, cid: str | None) -> None:
        """Emphasise the claim's passage and scroll to it (switching article if needed)."""
        anchor = None
        if cid is not None and self.map is not None and self.map.has_claim(cid):
            anchors = self.map.claim(cid).anchors
            anchor = next((a for a in anchors if a.article == self.article_id), None)
            if anchor is None and anchors:
                anchor = anchors[0]
                self.show_article(anchor.article)
        self._emphasise(cid)
        if anchor is not None:
            self._scroll_to(anchor.start)

    def _scroll_to(self, index: int) -> None:
        """Put the cursor at code point ``index`` and centre it."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_utf16(index))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    # ------------------------------------------------------------------ input

    def _clicked(self, position: int) -> None:
        self.flush()
        index = self.offsets.to_codepoint(position)
        hits = [(end - start, cid) for start, end, cid in self.spans if start <= index < end]
        if hits:
            self.claim_clicked.emit(min(hits)[1])

    def selection(self) -> tuple[int, int] | None:
        """The selected text as a code-point span, or ``None``."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_codepoint(cursor.selectionStart())
        end = self.offsets.to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select a code-point span (for tests and for 'show passage')."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def set_claim_selected(self, selected: bool) -> None:
        self.claim_selected = selected
        self._selection_changed()

    def _selection_changed(self) -> None:
        has = self.text.textCursor().hasSelection() and self.article_id is not None
        self.new_button.setEnabled(has)
        self.anchor_button.setEnabled(has and self.claim_selected)

    def _request(self, signal: SignalInstance) -> None:
        span = self.selection()
        if span is not None and self.article_id is not None:
            signal.emit(self.article_id, span[0], span[1])
