"""The paper a PDF or PNG export is printed on (``argmap export --page … [--landscape] [--fit]``):
the choice, the small dialog that asks for it, and the last choice kept in the settings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from argmap.export.pages import PAPER
from desktop.settings import flag, settings

FIT = "Drawing's own size"  # no --page


@dataclass(frozen=True)
class PageChoice:
    """``page`` is a key of :data:`argmap.export.pages.PAPER`, or None for the drawing's size;
    ``fit`` puts the whole map on one such page however small its text gets."""

    page: str | None = None
    landscape: bool = False
    fit: bool = False


def last_choice() -> PageChoice:
    """The page options used last (none yet: the drawing's own size)."""
    s = settings()
    page = s.value("export/page", "")
    known = {p.lower(): p for p in PAPER}
    name = known.get(str(page).lower())
    if name is None:
        return PageChoice()
    return PageChoice(name, flag(s, "export/landscape"), flag(s, "export/fit"))


def remember(choice: PageChoice) -> None:
    s = settings()
    s.setValue("export/page", choice.page or "")
    s.setValue("export/landscape", choice.landscape)
    s.setValue("export/fit", choice.fit)
    s.sync()


class PageOptionsDialog(QDialog):
    """Paper size (or the drawing's own size) and orientation for a PDF or PNG export."""

    def __init__(self, fmt_name: str, current: PageChoice, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Export {fmt_name.upper()}: page")
        form = QFormLayout(self)
        self.paper = QComboBox()
        self.paper.addItems([FIT, *PAPER])
        self.paper.setCurrentText(current.page or FIT)
        form.addRow("Page &size:", self.paper)
        self.portrait = QRadioButton("&Portrait")
        self.landscape = QRadioButton("&Landscape")
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for button in (self.portrait, self.landscape):
            group.addButton(button)
            row.addWidget(button)
        (self.landscape if current.landscape else self.portrait).setChecked(True)
        form.addRow("Orientation:", row)
        self.fit = QCheckBox("&Fit the whole map on one page")
        self.fit.setChecked(current.fit)
        form.addRow(self.fit)
        self.fmt_name = fmt_name
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setMinimumWidth(320)
        form.addRow(self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.paper.currentTextChanged.connect(self._paper_changed)
        self.fit.toggled.connect(lambda _on: self._paper_changed(self.paper.currentText()))
        self._paper_changed(self.paper.currentText())

    def _paper_changed(self, text: str) -> None:
        # The drawing's own size has no orientation to choose and is one page anyway.
        for button in (self.portrait, self.landscape, self.fit):
            button.setEnabled(text != FIT)
        self.note.setText(self._explain(text))

    def _explain(self, text: str) -> str:
        """What the choice gives (the paging rules of ``argmap export --page``)."""
        if text == FIT:
            if self.fmt_name == "png":
                return "One picture the size of the drawing."
            return (
                "One page the size of the drawing when its text stays readable on A4, "
                "else A4 pages turned to suit the map."
            )
        if self.fit.isChecked():
            return (
                f"The whole map on one {text} page, however small its text gets "
                "(below 7 pt it is hard to read on paper)."
            )
        files = " (one PNG file per page: NAME.png, NAME-2.png…)" if self.fmt_name == "png" else ""
        return (
            f"One {text} page while the text stays at 7 pt or more, else an overview page and "
            f"the map at a readable size on the pages after it, in reading order{files}."
        )

    def choice(self) -> PageChoice:
        text = self.paper.currentText()
        if text == FIT:
            return PageChoice()
        return PageChoice(text, self.landscape.isChecked(), self.fit.isChecked())
