"""Prompts that answer from a script instead of showing dialogs, and record what was asked.

The window and the document service take their ``Prompts`` in the constructor, so a test
passes one of these; nothing in the app is patched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap import locks
from argmap.recovery import RecoveryEntry
from desktop.document import Document
from desktop.prompts import Decisions, Prompts
from desktop.recovery_dialog import describe


@dataclass
class ScriptedPrompts(Prompts):
    save_path: str = ""  # "" answers Save As with Cancel
    export_path: str = ""
    unsaved: str = "discard"  # "save", "discard" or "cancel"
    open_locked: bool = True
    overwrite_changed: bool = True
    recoveries: str = "keep"  # "restore", "discard" or "keep" for every entry offered
    asked_unsaved: list[str] = field(default_factory=list)  # the question's wording
    asked_save: list[str] = field(default_factory=list)  # suggested names
    asked_locked: list[int] = field(default_factory=list)  # pids holding the file
    asked_overwrite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)  # recovery dialog lines
    parent: Any = None

    def ask_save_path(self, suggested: str) -> str:
        self.asked_save.append(suggested)
        return self.save_path

    def ask_export_path(self, filters: str) -> str:
        return self.export_path

    def ask_open_paths(self, filters: str) -> list[str]:
        return []

    def ask_unsaved(self, doc: Document) -> str:
        self.asked_unsaved.append(f"{doc.display_name} ({doc.file_name})")
        return self.unsaved

    def show_error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def inform(self, title: str, message: str) -> None:
        self.infos.append(message)

    def ask_open_locked(self, path: str, holder: locks.LockInfo) -> bool:
        self.asked_locked.append(holder.pid)
        return self.open_locked

    def ask_overwrite_changed(self, path: str) -> bool:
        self.asked_overwrite.append(path)
        return self.overwrite_changed

    def choose_recoveries(self, entries: list[RecoveryEntry]) -> Decisions:
        self.offered.extend(describe(e) for e in entries)
        return {e.key: self.recoveries for e in entries}

    def confirm_discard(self, n: int) -> bool:
        return True
