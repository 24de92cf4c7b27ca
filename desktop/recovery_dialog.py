"""After a crash: offer to restore each map with unsaved work, with its name and the time of
its last autosave. Restoring reopens the map as autosaved, with its file path, still unsaved;
discarding deletes the recovery only after the user confirms."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap import recovery
from argmap.recovery import RecoveryEntry

Decisions = dict[str, str]  # entry key -> "restore" | "discard" | "keep"


def describe(entry: RecoveryEntry) -> str:
    """``debate.argmap — autosaved 14:03 (Mon 23 Nov), 26 claims — /home/me/debate.argmap``."""
    when = datetime.datetime.fromtimestamp(entry.saved_at).strftime("%H:%M (%a %d %b)")
    where = entry.original_path or "never saved"
    return f"{entry.name} — autosaved {when}, {entry.claims} claims — {where}"


class RecoveryDialog(QDialog):
    """Lists the recoveries, each checked for restoring."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved work")
        self.entries = entries
        self.decisions: Decisions = {e.key: "keep" for e in entries}
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "argmap stopped before these maps were saved. "
                "Restore the checked ones as they were last autosaved?"
            )
        )
        self.list = QListWidget(self)
        for entry in entries:
            item = QListWidgetItem(describe(entry))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton("Restore checked")
        self.discard_button = QPushButton("Discard checked…")
        self.later_button = QPushButton("Decide later")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_checked)
        self.discard_button.clicked.connect(self.discard_checked)
        self.later_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def checked(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def restore_checked(self) -> None:
        for key in self.checked():
            self.decisions[key] = "restore"
        self.accept()

    def discard_checked(self) -> None:
        keys = self.checked()
        if keys and self.confirm_discard(len(keys)):
            for key in keys:
                self.decisions[key] = "discard"
            self.accept()

    def confirm_discard(self, n: int) -> bool:
        """Ask before deleting unsaved work for good (tests replace this method)."""
        answer = QMessageBox.warning(
            self,
            "Discard unsaved work",
            f"Delete the unsaved work of {n} map{'s' if n > 1 else ''} for good?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def ask_with_dialog(parent: QWidget | None, entries: list[RecoveryEntry]) -> Decisions:
    """Show the dialog and return what the user chose for each entry."""
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.decisions


# Replaced by tests and by the SIGKILL test's script (no dialog can be clicked there).
ask: Callable[[QWidget | None, list[RecoveryEntry]], Decisions] = ask_with_dialog


def apply_decisions(entries: list[RecoveryEntry], decisions: Decisions) -> list[RecoveryEntry]:
    """Delete the discarded recoveries; return the entries to restore."""
    out = []
    for entry in entries:
        choice = decisions.get(entry.key, "keep")
        if choice == "discard":
            recovery.discard(entry)
        elif choice == "restore":
            out.append(entry)
    return out
