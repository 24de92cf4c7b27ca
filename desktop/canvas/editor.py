"""Inline text editing on the canvas: Enter commits, Shift+Enter breaks the line, Escape
cancels; losing focus commits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QStyleOptionGraphicsItem, QWidget

from argmap.layout import style
from desktop.fonts import SCALE, canvas_font


class InlineEditor(QGraphicsTextItem):
    """An editable text over a claim's box. Calls ``on_done(text or None)`` exactly once."""

    def __init__(
        self, parent: QGraphicsItem, text: str, on_done: Callable[[str | None], None]
    ) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._done = False
        self.setFont(canvas_font(style.FONT_SIZE))
        self.setDefaultTextColor(QColor(style.TEXT_COLOR))
        self.setPlainText(text)
        self.setScale(1 / SCALE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(50)

    def set_width(self, width: float) -> None:
        self.setTextWidth(width * SCALE)

    def start(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.fillRect(self.boundingRect(), QColor("#ffffff"))
        painter.setPen(QColor("#1f6feb"))
        painter.drawRect(self.boundingRect())
        super().paint(painter, option, widget)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
            else:
                self.finish(commit=True)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.finish(commit=False)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish(commit=True)

    def finish(self, commit: bool) -> None:
        if self._done:
            return
        self._done = True
        text = self.toPlainText() if commit else None
        scene = self.scene()
        if scene is not None:
            scene.removeItem(self)
        self._on_done(text)
