"""Rehearse mode: face each objection, answer it aloud, then check the prepared answer.

The order is fixed when the session starts (:func:`argmap.analysis.rehearsal.rehearsal_order`:
needs-work first, then unrehearsed, then good), so marking one does not reshuffle the rest.
A mark is one undoable edit of the map (``Claim.rehearsal``), saved with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.rehearsal import attacked_by, prepared_answer, rehearsal_order
from argmap.model.elements import Rehearsal
from desktop.document import Document

MARK_TEXT = {
    None: "not rehearsed yet",
    Rehearsal.GOOD: "answered well",
    Rehearsal.NEEDS_WORK: "needs work",
}


def _clean(text: str) -> str:
    return " ".join(text.split())


class RehearseDialog(QDialog):
    """One rehearsal session on one document."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle(f"Rehearse — {doc.display_name}")
        self.resize(560, 420)
        self.order: list[str] = []
        self.index = 0

        self.progress = QLabel()
        self.kind = QLabel()
        self.kind.setStyleSheet("color: #555;")
        self.objection = QLabel()
        self.objection.setWordWrap(True)
        self.objection.setTextFormat(Qt.TextFormat.PlainText)
        font = self.objection.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.objection.setFont(font)
        self.target = QLabel()
        self.target.setWordWrap(True)
        self.target.setTextFormat(Qt.TextFormat.PlainText)
        self.show_answer = QPushButton("Show the prepared &answer")
        self.show_answer.clicked.connect(self.reveal)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.answer.setFrameShape(QLabel.Shape.StyledPanel)
        self.answer.setMargin(6)

        self.good = QPushButton("Answered &well")
        self.needs_work = QPushButton("&Needs work")
        self.prev = QPushButton("&Previous")
        self.next = QPushButton("&Skip")
        self.restart = QPushButton("Start &over (weak ones first)")
        self.good.clicked.connect(lambda: self.mark(Rehearsal.GOOD))
        self.needs_work.clicked.connect(lambda: self.mark(Rehearsal.NEEDS_WORK))
        self.prev.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.restart.clicked.connect(self.start)

        marks = QHBoxLayout()
        for b in (self.good, self.needs_work):
            marks.addWidget(b)
        nav = QHBoxLayout()
        for b in (self.prev, self.next):
            nav.addWidget(b)
        nav.addStretch(1)
        nav.addWidget(self.restart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.kind)
        layout.addWidget(self.objection)
        layout.addWidget(self.target)
        layout.addSpacing(8)
        layout.addWidget(self.show_answer)
        layout.addWidget(self.answer)
        layout.addStretch(1)
        layout.addLayout(marks)
        layout.addLayout(nav)
        self.start()

    @property
    def current(self) -> str | None:
        if 0 <= self.index < len(self.order) and self.doc.map.has_claim(self.order[self.index]):
            return self.order[self.index]
        return None

    def start(self) -> None:
        """A new session: the weak objections first."""
        self.order = rehearsal_order(self.doc.map)
        self.go(0)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.order)))
        self.answer.hide()
        self.answer.clear()
        self._show()

    def _show(self) -> None:
        m = self.doc.map
        cid = self.current
        done = cid is None
        for w in (self.good, self.needs_work, self.show_answer, self.next):
            w.setEnabled(not done)
        self.prev.setEnabled(self.index > 0)
        if not self.order:
            self.progress.setText("This map has no objections to rehearse.")
            self.kind.clear()
            self.objection.clear()
            self.target.clear()
            return
        if cid is None:
            marks = [m.claim(c).rehearsal for c in self.order if m.has_claim(c)]
            good = sum(r is Rehearsal.GOOD for r in marks)
            weak = sum(r is Rehearsal.NEEDS_WORK for r in marks)
            self.progress.setText(
                f"Session done: {good} answered well, {weak} need work, "
                f"{len(marks) - good - weak} not marked."
            )
            self.kind.clear()
            self.objection.setText("Start over to practise the weak ones again.")
            self.target.clear()
            return
        claim = m.claim(cid)
        self.progress.setText(f"Objection {self.index + 1} of {len(self.order)}")
        self.kind.setText(f"Last time: {MARK_TEXT[claim.rehearsal]}. Answer it, then check.")
        self.objection.setText(_clean(claim.text))
        targets = attacked_by(m, cid)
        self.target.setText(
            "It argues against: " + " / ".join(_clean(m.claim(t).text) for t in targets)
            if targets
            else ""
        )

    def reveal(self) -> None:
        """Show the prepared answer (the objection's rebuttals), or say there is none."""
        cid = self.current
        if cid is None:
            return
        m = self.doc.map
        answers = prepared_answer(m, cid)
        if answers:
            self.answer.setText("\n\n".join("• " + _clean(m.claim(a).text) for a in answers))
        else:
            self.answer.setText("No prepared answer: this objection is unanswered in the map.")
        self.answer.show()

    def mark(self, value: Rehearsal) -> None:
        """Keep the mark in the map (one undo step) and go to the next objection."""
        cid = self.current
        if cid is None:
            return
        m = self.doc.map
        self.doc.run(f"Rehearsal: {MARK_TEXT[value]}", lambda: m.update_claim(cid, rehearsal=value))
        self.go(self.index + 1)
