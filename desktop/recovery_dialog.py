"""After a crash: offer to restore each map with unsaved work, with its name and the time of
its last autosave (to the second). Restoring reopens the map as autosaved, still unsaved;
discarding deletes the recovery only after the user confirms. ``Prompts.choose_recoveries``
shows this dialog."""

from __future__ import annotations

import datetime
import os
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


def _when(seconds: float) -> str:
    return datetime.datetime.fromtimestamp(seconds).strftime("%H:%M:%S (%a %d %b)")


def older_than_file(entry: RecoveryEntry) -> float | None:
    """The file's modification time if the file was saved after this autosave, else None."""
    if not entry.original_path:
        return None
    try:
        mtime = os.path.getmtime(entry.original_path)
    except OSError:
        return None
    return mtime if mtime > entry.saved_at else None


def describe(entry: RecoveryEntry) -> str:
    """``debate.argmap — autosaved 14:03:07 (Mon 23 Nov), 26 claims — /home/me/debate.argmap``,
    with a warning when the file on disk is newer than the autosave."""
    where = entry.original_path or "never saved"
    text = f"{entry.name} — autosaved {_when(entry.saved_at)}, {entry.claims} claims — {where}"
    newer = older_than_file(entry)
    if newer is not None:
        text += f" (older than the file, saved {_when(newer)})"
    return text


class RecoveryDialog(QDialog):
    """Lists the recoveries, each checked for restoring."""

    def __init__(
        self,
        entries: list[RecoveryEntry],
        parent: QWidget | None = None,
        *,
        confirm: Callable[[int], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._confirm = confirm or self._confirm_with_box
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
            # Work older than the saved file is rarely wanted: not checked by default.
            fresh = older_than_file(entry) is None
            item.setCheckState(Qt.CheckState.Checked if fresh else Qt.CheckState.Unchecked)
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
        if keys and self._confirm(len(keys)):
            for key in keys:
                self.decisions[key] = "discard"
            self.accept()

    def _confirm_with_box(self, n: int) -> bool:
        """Ask before deleting unsaved work for good."""
        answer = QMessageBox.warning(
            self,
            "Discard unsaved work",
            f"Delete the unsaved work of {n} map{'s' if n > 1 else ''} for good?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


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
