"""The inspector: the selected claim's text, role (derived, read-only), who asserts it, whether
the map's editor added it, tags, notes and anchors. Every edit is one undoable command through
the document."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.model import MapEvent
from argmap.model.elements import Attribution, AttributionKind, Provenance
from argmap.model.queries import used_tags
from desktop.document import Document


class CommitTextEdit(QPlainTextEdit):
    """A text field that reports ``committed`` when it loses focus or on Ctrl+Enter."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.committed.emit(self.toPlainText())
            event.accept()
            return
        super().keyPressEvent(event)


class InspectorPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.claim_id: str | None = None
        self._unsubscribe: Callable[[], None] | None = None

        self.heading = QLabel("No claim selected")
        self.heading.setWordWrap(True)
        self.text = CommitTextEdit()
        self.text.setFixedHeight(56)
        self.text.committed.connect(self._commit_text)
        self.role = QLabel("")
        # Who asserts the claim: the author, a named person or body (name, role), or reported.
        self.said_by = QComboBox()
        for kind, label in _SAID_BY:
            self.said_by.addItem(label, kind.value)
        self.said_by.activated.connect(self._commit_attribution)
        self.said_by_name = QLineEdit()
        self.said_by_name.setPlaceholderText("name (Sergei Lavrov)")
        self.said_by_name.editingFinished.connect(self._commit_attribution)
        self.said_by_role = QLineEdit()
        self.said_by_role.setPlaceholderText("role (Russian foreign minister)")
        self.said_by_role.editingFinished.connect(self._commit_attribution)
        self.editor_added = QCheckBox("Added by the map's editor (not in the article)")
        self.editor_added.clicked.connect(self._commit_provenance)
        self.tags = QListWidget()
        self.tags.setFixedHeight(40)
        self.tag_input = QLineEdit()
        self.tag_input.setPlaceholderText("add a tag…")
        self.completer = QCompleter([])
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_input.setCompleter(self.completer)
        self.tag_input.returnPressed.connect(self._add_tag)
        self.remove_tag_button = QPushButton("Remove tag")
        self.remove_tag_button.clicked.connect(self._remove_tag)
        self.notes = CommitTextEdit()
        self.notes.setFixedHeight(44)
        self.notes.committed.connect(self._commit_notes)
        self.anchors = QListWidget()
        self.anchors.setFixedHeight(48)
        self.anchors.setWordWrap(True)
        self.remove_anchor_button = QPushButton("Remove anchor")
        self.remove_anchor_button.clicked.connect(self._remove_anchor)

        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_input, 1)
        tag_row.addWidget(self.remove_tag_button)
        form = QFormLayout()
        form.addRow("Text", self.text)
        form.addRow("Role", self.role)
        form.addRow("Said by", self.said_by)
        form.addRow("", self.said_by_name)
        form.addRow("", self.said_by_role)
        form.addRow("", self.editor_added)
        form.addRow("Tags", self.tags)
        form.addRow("", tag_row)
        form.addRow("Notes", self.notes)
        form.addRow("Anchors", self.anchors)
        form.addRow("", self.remove_anchor_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form)
        layout.addWidget(self.form_widget)
        layout.addStretch(1)
        self.set_claim(None, None)

    # ------------------------------------------------------------------ showing

    def set_claim(self, doc: Document | None, claim_id: str | None) -> None:
        if doc is not self.doc:
            if self._unsubscribe is not None:
                self._unsubscribe()
                self._unsubscribe = None
            self.doc = doc
            if doc is not None:
                self._unsubscribe = doc.map.subscribe(self._on_event)
        self.claim_id = claim_id
        self.refresh()

    def _on_event(self, event: MapEvent) -> None:
        self.refresh()

    def refresh(self) -> None:
        doc, cid = self.doc, self.claim_id
        if doc is None or cid is None or not doc.map.has_claim(cid):
            self.claim_id = None
            self.heading.setText("No claim selected")
            self.form_widget.setEnabled(False)
            for w in (self.text, self.notes):
                w.blockSignals(True)
                w.setPlainText("")
                w.blockSignals(False)
            self.role.setText("")
            self._show_attribution(None)
            self.editor_added.setChecked(False)
            self.tags.clear()
            self.anchors.clear()
            return
        m = doc.map
        claim = m.claim(cid)
        self.form_widget.setEnabled(True)
        self.heading.setText(f"Claim {cid}")
        if self.text.toPlainText() != claim.text:
            self.text.blockSignals(True)
            self.text.setPlainText(claim.text)
            self.text.blockSignals(False)
        if self.notes.toPlainText() != claim.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(claim.notes)
            self.notes.blockSignals(False)
        self.role.setText(m.role(cid).value)
        self._show_attribution(claim.attribution)
        self.editor_added.setChecked(claim.provenance is Provenance.EDITOR)
        self.tags.clear()
        for t in claim.tags:
            self.tags.addItem(t)
        # Suggest the map's vocabulary first, so tags stay inside it, then any other tag in use.
        vocabulary = [e.tag for e in m.vocabulary]
        suggestions = vocabulary + [t for t in used_tags(m) if t not in vocabulary]
        self.completer.model().setStringList(suggestions)  # type: ignore[attr-defined]
        self.anchors.clear()
        for i, a in enumerate(claim.anchors):
            item = QListWidgetItem(f"{a.start}–{a.end}: “{a.quote}”")
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.anchors.addItem(item)

    def _show_attribution(self, a: Attribution | None) -> None:
        kind = AttributionKind.AUTHOR if a is None else a.kind
        self.said_by.setCurrentIndex(self.said_by.findData(kind.value))
        for field, value in (
            (self.said_by_name, a.name if a else ""),
            (self.said_by_role, a.role if a else ""),
        ):
            if field.text() != value:
                field.setText(value)
            field.setEnabled(kind is not AttributionKind.AUTHOR)

    # ------------------------------------------------------------------ editing

    def _commit_attribution(self) -> None:
        doc, cid = self.doc, self.claim_id
        if doc is None or cid is None or not doc.map.has_claim(cid):
            return
        kind = AttributionKind(self.said_by.currentData())
        name, role = self.said_by_name.text().strip(), self.said_by_role.text().strip()
        if kind is AttributionKind.NAMED and not name:
            # Wait for the name; the fields open for typing it.
            for field in (self.said_by_name, self.said_by_role):
                field.setEnabled(True)
            self.said_by_name.setFocus()
            return
        new = None if kind is AttributionKind.AUTHOR else Attribution(kind, name, role)
        if new != doc.map.claim(cid).attribution:
            doc.run("Set who says it", lambda: doc.map.update_claim(cid, attribution=new))
        else:
            self._show_attribution(new)

    def _commit_provenance(self, checked: bool) -> None:
        doc, cid = self.doc, self.claim_id
        if doc is None or cid is None or not doc.map.has_claim(cid):
            return
        provenance = Provenance.EDITOR if checked else Provenance.ARTICLE
        if provenance is not doc.map.claim(cid).provenance:
            doc.run(
                "Mark as the editor's", lambda: doc.map.update_claim(cid, provenance=provenance)
            )

    def _commit_text(self, text: str) -> None:
        doc, cid = self.doc, self.claim_id
        if doc is None or cid is None or not doc.map.has_claim(cid):
            return
        if text.strip() and text != doc.map.claim(cid).text:
            doc.run("Edit text", lambda: doc.map.update_claim(cid, text=text))

    def _commit_notes(self, notes: str) -> None:
        doc, cid = self.doc, self.claim_id
        if doc is None or cid is None or not doc.map.has_claim(cid):
            return
        if notes != doc.map.claim(cid).notes:
            doc.run("Edit notes", lambda: doc.map.update_claim(cid, notes=notes))

    def _add_tag(self) -> None:
        doc, cid = self.doc, self.claim_id
        tag = self.tag_input.text().strip().lstrip("#")
        if doc is None or cid is None or not tag:
            return
        tags = doc.map.claim(cid).tags
        if tag not in tags:
            doc.run(f"Add tag {tag}", lambda: doc.map.update_claim(cid, tags=(*tags, tag)))
        self.tag_input.clear()

    def _remove_tag(self) -> None:
        doc, cid = self.doc, self.claim_id
        item = self.tags.currentItem()
        if doc is None or cid is None or item is None:
            return
        tag = item.text()
        tags = tuple(t for t in doc.map.claim(cid).tags if t != tag)
        doc.run(f"Remove tag {tag}", lambda: doc.map.update_claim(cid, tags=tags))

    def _remove_anchor(self) -> None:
        doc, cid = self.doc, self.claim_id
        item = self.anchors.currentItem()
        if doc is None or cid is None or item is None:
            return
        index = int(item.data(Qt.ItemDataRole.UserRole))
        anchors = tuple(a for i, a in enumerate(doc.map.claim(cid).anchors) if i != index)
        doc.run("Remove anchor", lambda: doc.map.update_claim(cid, anchors=anchors))


_SAID_BY = (
    (AttributionKind.AUTHOR, "the author"),
    (AttributionKind.NAMED, "a named person or body"),
    (AttributionKind.REPORTED, "reported (unnamed sources)"),
)
