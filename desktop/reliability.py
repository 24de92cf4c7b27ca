"""Wires autosave, crash recovery, safe saving and open-file warnings into a main window.

``install_reliability(window)`` is the one call the app makes (in ``desktop.app``'s
``create_window``, like ``install_analysis``). It wraps four of the window's methods on that
instance, so ``main_window.py`` needs no change:

- ``add_document``: the new document is autosaved (:mod:`desktop.autosave`) and its file's
  fingerprint noted;
- ``close_document`` and quitting: the recovery of a closed map is deleted, its marker released;
- ``open_path``: a file open in another running argmap asks first (:mod:`argmap.locks`);
- ``_write``: saves atomically with a backup (``name.argmap~``); a file changed on disk since it
  was opened asks before overwriting; any failure shows one line and leaves the map unsaved.

Then, once the event loop runs, maps left unsaved by a crashed or killed argmap are offered
(:mod:`desktop.recovery_dialog`). ``ARGMAP_TEST_SCRIPT`` (tests only) names a Python file run
with ``window`` in its globals once the window is up.
"""

from __future__ import annotations

import os
import runpy
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap import locks, recovery
from argmap.errors import ArgmapError
from argmap.fileio import Fingerprint, atomic_write, changed_on_disk, fingerprint
from argmap.formats import native
from desktop import recovery_dialog, settings
from desktop.autosave import Autosaver
from desktop.document import Document

TEST_SCRIPT_ENV = "ARGMAP_TEST_SCRIPT"


class Reliability:
    """The window's autosaver, open-file markers and fingerprints."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.autosaver = Autosaver(window)
        self.locks: dict[int, locks.FileLock] = {}
        self.seen: dict[int, Fingerprint | None] = {}
        self._pending_key: str | None = None  # the recovery key of the map being restored

    # ------------------------------------------------------------------ questions (tests replace)

    def ask_open_locked(self, path: str, holder: locks.LockInfo) -> bool:
        answer = QMessageBox.question(
            self.window,
            "The map is open elsewhere",
            f"{os.path.basename(path)} is already open in another {holder.describe()}.\n"
            "Opening it here too can lose one of the two sets of changes. Open it anyway?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_overwrite_changed(self, path: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            "The file changed on disk",
            f"{os.path.basename(path)} was changed by another program since you opened it.\n"
            "Overwrite it with your version?",
        )
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ hooks

    def document_added(self, doc: Document, key: str | None = None) -> None:
        self.autosaver.watch(doc, key)
        if doc.path:
            self.seen[id(doc)] = fingerprint(doc.path)
            if id(doc) not in self.locks:
                self.locks[id(doc)] = locks.acquire(doc.path, force=True)

    def document_closed(self, doc: Document) -> None:
        self.autosaver.forget(doc)
        lock = self.locks.pop(id(doc), None)
        if lock is not None:
            lock.release()
        self.seen.pop(id(doc), None)

    def quitting(self) -> None:
        for dv in list(getattr(self.window, "views", [])):
            self.document_closed(dv.doc)
        self.autosaver.flush()

    def may_open(self, path: str) -> bool:
        holder = locks.holder(path)
        return holder is None or self.ask_open_locked(path, holder)

    def write(self, dv: Any, path: str) -> bool:
        """Save ``dv``'s map to ``path``; False (map still unsaved) if it did not happen."""
        doc: Document = dv.doc
        same_file = doc.path is not None and os.path.abspath(doc.path) == os.path.abspath(path)
        expect = self.seen.get(id(doc)) if same_file else None
        if (
            same_file
            and id(doc) in self.seen
            and changed_on_disk(path, expect)
            and not self.ask_overwrite_changed(path)
        ):
            return False
        try:
            fp = atomic_write(path, native.dump_bytes(doc.map), backup=True)
        except ArgmapError as e:
            self.window.show_error("Cannot save the map", e.line())
            return False
        self.seen[id(doc)] = fp
        if not same_file:
            old = self.locks.pop(id(doc), None)
            if old is not None:
                old.release()
            self.locks[id(doc)] = locks.acquire(path, force=True)
        doc.path = path
        doc.source = path
        doc.undo_stack.setClean()
        doc.changed.emit()
        settings.add_recent(path)
        self.window._rebuild_recent()
        self.window.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def offer_recovery(self) -> list[Any]:
        """Offer the maps of dead argmap processes; returns the views restored."""
        entries = recovery.list_recoveries()
        if not entries:
            return []
        decisions = recovery_dialog.ask(self.window, entries)
        restored = []
        for entry in recovery_dialog.apply_decisions(entries, decisions):
            try:
                m, original = recovery.restore(entry)
            except ArgmapError as e:
                self.window.show_error("Cannot restore the map", e.line())
                continue
            path = original if original and original.endswith(native.EXTENSION) else None
            doc = Document(m, path, source=original)
            doc.undo_stack.resetClean()  # restored work is unsaved work
            self._pending_key = entry.key
            dv = self.window.add_document(doc)
            restored.append(dv)
        return restored


def install_reliability(window: Any, *, offer_recovery: bool = True) -> Reliability:
    """Wire autosave, recovery, safe saving and open-file warnings into ``window`` (once).

    ``offer_recovery=False`` (a ``--screenshot`` run) never shows the modal recovery dialog,
    which would wait for an answer nobody can give.
    """
    existing = getattr(window, "reliability", None)
    if isinstance(existing, Reliability):
        return existing
    rel = Reliability(window)
    window.reliability = rel

    add_document = window.add_document
    close_document = window.close_document
    open_path = window.open_path

    def add_document_hooked(doc: Document) -> Any:
        dv = add_document(doc)
        key, rel._pending_key = rel._pending_key, None
        rel.document_added(doc, key)
        return dv

    def close_document_hooked(dv: Any) -> bool:
        closed = bool(close_document(dv))
        if closed:
            rel.document_closed(dv.doc)
        return closed

    def open_path_hooked(path: str) -> Any:
        already = any(
            dv.doc.source and os.path.abspath(dv.doc.source) == os.path.abspath(path)
            for dv in window.views
        )
        if not already and os.path.isfile(path) and not rel.may_open(path):
            return None
        return open_path(path)

    window.add_document = add_document_hooked
    window.close_document = close_document_hooked
    window.open_path = open_path_hooked
    window._write = rel.write
    for dv in list(getattr(window, "views", [])):
        rel.document_added(dv.doc)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(rel.quitting)
    script = os.environ.get(TEST_SCRIPT_ENV)
    if script:
        # Test-only hook: the SIGKILL test drives the real app with it.
        QTimer.singleShot(0, lambda: runpy.run_path(script, init_globals={"window": window}))
    if offer_recovery:
        QTimer.singleShot(0, rel.offer_recovery)
    return rel
