"""Every question the app asks the user, in one service.

The window and the document service call these methods and never open a message box
themselves, so a test hands the window a scripted subclass (``tests/desktop/scripted.py``)
instead of patching methods of live objects.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from argmap import locks
from argmap.recovery import RecoveryEntry
from desktop.page_options import PageChoice, PageOptionsDialog

if TYPE_CHECKING:
    from desktop.document import Document

Decisions = dict[str, str]  # recovery key -> "restore" | "discard" | "keep"


class Prompts:
    """Modal dialogs over ``parent`` (the main window sets itself as parent)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_save_path(self, suggested: str) -> str:
        """Where to save; "" if the user cancelled."""
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            "Save map",
            suggested,
            "Argument maps (*.argmap);;Argdown text, keeps no layout (*.argdown)",
        )
        return path

    def ask_export_path(self, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export map", "", filters)
        return path

    def ask_page_options(self, fmt_name: str, current: PageChoice) -> PageChoice | None:
        """Paper and orientation for a PDF or PNG export; None if the user cancelled."""
        dialog = PageOptionsDialog(fmt_name, current, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()

    def ask_print(self, printer: QPrinter, fit: bool) -> bool | None:
        """Let the user set up ``printer`` (which printer, paper, orientation) and whether to fit
        the whole map on one page (``fit``: the last answer); None if the user cancelled."""
        dialog = QPrintDialog(printer, self.parent)
        tab = QWidget()
        tab.setWindowTitle("Map")
        fit_box = QCheckBox("&Fit the whole map on one page, however small its text gets")
        fit_box.setChecked(fit)
        column = QVBoxLayout(tab)
        column.addWidget(fit_box)
        column.addStretch()  # the box at the top, like the dialog's own tabs
        dialog.setOptionTabs([tab])
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return fit_box.isChecked()

    def ask_open_paths(self, filters: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, "Open maps", "", filters)
        return list(paths)

    def ask_unsaved(self, doc: Document) -> str:
        """ "save", "discard" or "cancel" for a map with unsaved changes. The map is named by
        title and file name: two maps of one article have the same title."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"“{doc.display_name}” ({doc.file_name}) has unsaved changes.")
        box.setInformativeText("Save them before closing?")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def show_error(self, title: str, message: str) -> None:
        """A one-line error."""
        QMessageBox.critical(self.parent, title, message)

    def inform(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)

    def ask_open_locked(self, path: str, holder: locks.LockInfo) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "The map is open elsewhere",
            f"{os.path.basename(path)} is already open in another {holder.describe()}.\n"
            "Opening it here too can lose one of the two sets of changes. Open it anyway?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_overwrite_changed(self, path: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "The file changed on disk",
            f"{os.path.basename(path)} was changed by another program since you opened it.\n"
            "Overwrite it with your version?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def choose_recoveries(self, entries: list[RecoveryEntry]) -> Decisions:
        """What to do with each map left unsaved by an argmap that stopped."""
        from desktop.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(entries, self.parent, confirm=self.confirm_discard)
        dialog.exec()
        return dialog.decisions

    def confirm_discard(self, n: int) -> bool:
        """Ask before deleting unsaved work for good."""
        answer = QMessageBox.warning(
            self.parent,
            "Discard unsaved work",
            f"Delete the unsaved work of {n} map{'s' if n > 1 else ''} for good?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
