"""Inline text editing on the canvas: Enter commits, Shift+Enter breaks the line, Escape
cancels; losing focus commits.

The editor lies exactly over the box's text: same font, same wrap width, its first line on
the box's first baseline; while the user types, the box is redrawn around the typed text (a
preview, the model changes only on commit), so the editor never spills out of it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFontMetricsF, QKeyEvent, QPainter, QTextCursor
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsTextItem,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from argmap.layout import style
from desktop.fonts import SCALE, canvas_font

HINT_COLOR = QColor("#8a8a8a")


class InlineEditor(QGraphicsTextItem):
    """An editable text over a claim's box. Calls ``on_done(text or None)`` exactly once and
    ``on_change(text)`` after every edit. With a ``hint``, it starts empty and shows the hint
    greyed until the user types."""

    def __init__(
        self,
        parent: QGraphicsItem,
        text: str,
        on_done: Callable[[str | None], None],
        *,
        on_change: Callable[[str], None] | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self._on_change = on_change
        self._done = False
        self.hint = hint
        self.fill = QColor("#ffffff")
        font = canvas_font(style.FONT_SIZE)
        self.setFont(font)
        self.ascent = QFontMetricsF(font).ascent() / SCALE  # scene units
        self.setDefaultTextColor(QColor(style.TEXT_COLOR))
        self.document().setDocumentMargin(0)
        self.setPlainText("" if hint else text)
        self.setScale(1 / SCALE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(50)
        self.document().contentsChanged.connect(self._changed)

    def set_width(self, width: float) -> None:
        self.setTextWidth(width * SCALE)

    def place(self, x: float, first_baseline: float) -> None:
        """Put the first line's baseline at (x, first_baseline), in the parent's units."""
        self.setPos(QPointF(x, first_baseline - self.ascent))

    def scene_text_rect(self) -> QRectF:
        return self.mapRectToScene(self.boundingRect())

    def start(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def _changed(self) -> None:
        if self._on_change is not None and not self._done:
            self._on_change(self.toPlainText())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.boundingRect()
        painter.fillRect(rect, self.fill)
        if self.hint and not self.toPlainText():
            painter.setPen(HINT_COLOR)
            painter.setFont(self.font())
            top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect, top_left, self.hint)
        # No dashed focus frame: the selected box around it already says what is edited.
        option.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected)
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
