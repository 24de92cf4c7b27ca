"""Prompts that answer from a script instead of showing dialogs, and record what was asked.

The window and the document service take their ``Prompts`` in the constructor, so a test
passes one of these; nothing in the app is patched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from argmap import locks
from argmap.recovery import RecoveryEntry
from desktop.document import Document
from desktop.page_options import PageChoice
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
    page_choice: PageChoice | None = field(default_factory=PageChoice)  # None: Cancel
    asked_page: list[tuple[str, PageChoice]] = field(default_factory=list)  # format, offered
    print_to: str = ""  # the PDF file "Print to PDF" writes; "" answers Print with Cancel
    print_paper: QPageSize.PageSizeId = QPageSize.PageSizeId.A4
    print_landscape: bool = False
    print_fit: bool = False  # tick "Fit the whole map on one page"
    offered_print: list[tuple[str, bool]] = field(default_factory=list)  # paper, landscape
    offered_fit: list[bool] = field(default_factory=list)  # the fit the dialog opened with
    parent: Any = None

    def ask_save_path(self, suggested: str) -> str:
        self.asked_save.append(suggested)
        return self.save_path

    def ask_export_path(self, filters: str) -> str:
        return self.export_path

    def ask_page_options(self, fmt_name: str, current: PageChoice) -> PageChoice | None:
        self.asked_page.append((fmt_name, current))
        return self.page_choice

    def ask_print(self, printer: QPrinter, fit: bool) -> bool | None:
        """What a user does in the print dialog: pick "Print to PDF", a file, paper, turn."""
        layout = printer.pageLayout()
        turned = layout.orientation() == QPageLayout.Orientation.Landscape
        self.offered_print.append((layout.pageSize().key(), turned))
        self.offered_fit.append(fit)
        if not self.print_to:
            return None
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(self.print_to)
        printer.setPageSize(QPageSize(self.print_paper))
        turn = QPageLayout.Orientation
        printer.setPageOrientation(turn.Landscape if self.print_landscape else turn.Portrait)
        return self.print_fit

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
