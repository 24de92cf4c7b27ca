"""The Argdown pane: the open map as Argdown text, highlighted, with the parse error marked.

The pane only shows and edits text; :mod:`desktop.argdown_sync` turns its edits into map
changes and map changes into its text. Its editor keeps no undo history of its own: Ctrl+Z
and Ctrl+Shift+Z are handed on (``undo_requested``/``redo_requested``) so that text and canvas
share the map's one undo stack.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from argmap.formats.argdown_sync import ParseError


def _format(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(colour))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


STYLES = {
    "statement": _format("#1f5fa8"),
    "definition": _format("#1f5fa8", bold=True),
    "argument": _format("#2e7d32"),
    "argument_definition": _format("#2e7d32", bold=True),
    "support": _format("#2e7d32", bold=True),
    "attack": _format("#c62828", bold=True),
    "undercut": _format("#8e24aa", bold=True),
    "pcs": _format("#6d4c41", bold=True),
    "tag": _format("#00838f"),
    "data": _format("#7b1fa2"),
    "heading": _format("#37474f", bold=True),
    "comment": _format("#8a8a8a", italic=True),
    "front": _format("#8a6d3b"),
}

# One line's rules, in order; later rules paint over earlier ones.
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s*(?:[+]>|<[+]|[+])(?=\s)"), "support"),
    (re.compile(r"^\s*(?:->|<-|-|><)(?=\s)"), "attack"),
    (re.compile(r"^\s*(?:_>|<_|_)(?=\s)"), "undercut"),
    (re.compile(r"^\s*\(\d+\)|^\s*-{2,}.*$"), "pcs"),
    (re.compile(r"(?<![\\\w])\[[^\]\n]*\]"), "statement"),
    (re.compile(r"(?<![\\\w])\[[^\]\n]*\]:"), "definition"),
    (re.compile(r"(?<![\\\w<])<[^<>\n]+>(?![:>])"), "argument"),
    (re.compile(r"(?<![\\\w<])<[^<>\n]+>:"), "argument_definition"),
    (re.compile(r"(?<![\\\w])#\([^)\n]*\)|(?<![\\\w])#[\w-]+"), "tag"),
    (re.compile(r"\{[^{}\n]*\}"), "data"),
    (re.compile(r"^#{1,6}\s.*$"), "heading"),
    (re.compile(r"(?<![\\:])//.*$"), "comment"),
]
_FRONT = re.compile(r"^===+\s*$")
IN_COMMENT, IN_FRONT = 1, 2


class ArgdownHighlighter(QSyntaxHighlighter):
    """Statements [titles], arguments <titles>, relation signs, tags, {data}, headings,
    comments (also /* … */ over several lines) and the front matter."""

    def highlightBlock(self, text: str) -> None:
        previous = self.previousBlockState()
        if previous == IN_FRONT or (previous in (-1, 0) and self._starts_front(text)):
            self.setFormat(0, len(text), STYLES["front"])
            closing = previous == IN_FRONT and _FRONT.match(text)
            self.setCurrentBlockState(0 if closing else IN_FRONT)
            return
        self.setCurrentBlockState(0)
        for pattern, style in _RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), STYLES[style])
        self._block_comments(text, previous == IN_COMMENT)

    def _starts_front(self, text: str) -> bool:
        # Front matter opens on the document's first non-empty line only.
        block = self.currentBlock().previous()
        while block.isValid():
            if block.text().strip():
                return False
            block = block.previous()
        return bool(_FRONT.match(text))

    def _block_comments(self, text: str, inside: bool) -> None:
        start = 0 if inside else text.find("/*")
        while start >= 0:
            end = text.find("*/", start + (0 if inside else 2))
            if end < 0:
                self.setFormat(start, len(text) - start, STYLES["comment"])
                self.setCurrentBlockState(IN_COMMENT)
                return
            self.setFormat(start, end + 2 - start, STYLES["comment"])
            inside = False
            start = text.find("/*", end + 2)


class ArgdownEditor(QPlainTextEdit):
    """A plain-text editor whose undo and redo keys go to the map's undo stack."""

    undo_requested = Signal()
    redo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # claims are prose
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabChangesFocus(False)

    def event(self, e: QEvent) -> bool:
        # Take the undo keys from the window's shortcuts while the text has the focus.
        undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and any(e.matches(k) for k in undo_keys)
        ):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
        elif e.matches(QKeySequence.StandardKey.Redo):
            self.redo_requested.emit()
        else:
            super().keyPressEvent(e)


class ArgdownPane(QWidget):
    """The editor and one status line: applied, or why and where the text does not read."""

    edited = Signal()  # the user changed the text (not :meth:`set_text`)
    failing = Signal(bool)  # the text does not read (True) / reads again (False)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(None)
        self.editor = ArgdownEditor()
        self.highlighter = ArgdownHighlighter(self.editor.document())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)
        self._quiet = False
        self.error: ParseError | None = None
        self.editor.textChanged.connect(self._changed)
        self.set_error(None)

    def _changed(self) -> None:
        if not self._quiet:
            self.edited.emit()

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` (the map changed elsewhere), keeping the cursor where it was."""
        if text == self.text():
            return
        cursor = self.editor.textCursor()
        pos = cursor.position()
        bar = self.editor.verticalScrollBar()
        scroll = bar.value()
        self._quiet = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._quiet = False
        cursor = self.editor.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.editor.setTextCursor(cursor)
        bar.setValue(scroll)

    def set_error(self, error: ParseError | None, *, stale: bool = False) -> None:
        """Mark where the text fails to read (wavy red underline), or clear the mark."""
        if (error is None) != (self.error is None):
            self.failing.emit(error is not None)
        self.error = error
        if error is None:
            self.editor.setExtraSelections([])
            self.status.setText("The map follows the text." if not stale else "")
            self.status.setStyleSheet("color: #555;")
            return
        where = f"line {error.line}, column {error.column}: " if error.line else ""
        self.status.setText(
            f"Not applied — {where}{error.message}. The map stays as it was until the text "
            "reads again; your text is kept."
        )
        self.status.setStyleSheet("color: #b00020;")
        self.editor.setExtraSelections([self._underline(error)])

    def _underline(self, error: ParseError) -> QTextEdit.ExtraSelection:
        doc: QTextDocument = self.editor.document()
        line = max(error.line, 1)
        block = doc.findBlockByNumber(min(line, doc.blockCount()) - 1)
        text = block.text()
        column = min(max(error.column - 1, 0), len(text))
        # The word at the place, or the character before it at the end of a line.
        end = column
        while end < len(text) and not text[end].isspace():
            end += 1
        if end == column:
            column, end = (column - 1, column) if column > 0 else (0, min(1, len(text)))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + column)
        cursor.setPosition(block.position() + max(end, column), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#d50000"))
        sel.format = fmt
        sel.cursor = cursor
        return sel
