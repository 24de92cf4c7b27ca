"""The document service: opening, saving, autosave, crash recovery and closing of maps.

The window asks it for everything that touches files and shows what it announces
(``added``, ``closed``, ``shown``, ``saved``); tests drive the same service without a window.
Its constructor names the one service it needs, :class:`desktop.prompts.Prompts`, for every
question it asks (DESIGN.md rule 11).

- Open: a file already open is shown again, never opened twice; a file open in another
  running argmap asks first (:mod:`argmap.locks`); seed maps and anything inside the installed
  package are read-only (:func:`read_only`): they open without a save path, so Save asks where.
- Save: atomic with a backup (``name.argmap~``); a file changed on disk since it was opened or
  last saved asks before being overwritten; a failure shows one line and leaves the map unsaved.
- Autosave (:mod:`desktop.autosave`): every map with unsaved work, the inline editor's text
  included; the recovery of a saved or closed map is deleted.
- Start-up (:meth:`DocumentService.start_up`): markers of killed argmap processes are
  removed; their maps' autosaves are offered; a map that was open in a killed argmap with
  nothing autosaved after its last save is named, so the user knows what was lost.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from argmap import locks, recovery
from argmap.errors import ArgmapError
from argmap.fileio import Fingerprint, atomic_write, changed_on_disk, fingerprint
from argmap.formats import argdown_sync, native
from argmap.model import ArgumentMap
from desktop import chrome, settings
from desktop.autosave import Autosaver, interval_seconds
from desktop.document import Document, is_argdown
from desktop.panels.library import seed_dir
from desktop.perf import paused_gc
from desktop.prompts import Prompts
from desktop.recovery_dialog import apply_decisions, older_than_file


def _real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(os.fspath(path)))


def read_only_roots() -> list[Path]:
    """Folders argmap never writes into: the bundled seeds and the installed packages."""
    roots = [_real(seed_dir()).parent]
    for key in ("purelib", "platlib"):
        with_key = sysconfig.get_paths().get(key)
        if with_key:
            roots.append(_real(with_key))
    return roots


def read_only(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a bundled seed map or lies inside the installed packages."""
    real = _real(path)
    return any(real == root or root in real.parents for root in read_only_roots())


class DocumentService(QObject):
    """Every open map of one window, and what happens to their files."""

    added = Signal(object)  # Document: show it
    shown = Signal(object)  # Document: bring it to the front (asked for again, or a question)
    closed = Signal(object)  # Document: it is gone
    saved = Signal(object, str)  # Document, path

    def __init__(self, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.docs: list[Document] = []
        self.autosaver = Autosaver(self)
        self._locks: dict[int, locks.FileLock] = {}
        self._seen: dict[int, Fingerprint | None] = {}

    # ------------------------------------------------------------------ opening

    def find(self, path: str) -> Document | None:
        """The open document read from or saved to ``path``."""
        real = _real(path)
        for doc in self.docs:
            for own in (doc.path, doc.source):
                if own and _real(own) == real:
                    return doc
        return None

    def open(self, path: str) -> Document | None:
        """Open a file (any readable format); a failure shows one line and changes nothing."""
        existing = self.find(path)
        if existing is not None:
            self.shown.emit(existing)
            return existing
        if os.path.isfile(path):
            holder = locks.holder(path)
            if holder is not None and not self.prompts.ask_open_locked(path, holder):
                return None
        protected = read_only(path)
        try:
            with paused_gc():
                doc = Document.open(path, seed=protected)
        except ArgmapError as e:
            self.prompts.show_error("Cannot open the file", e.line())
            return None
        if not protected:
            settings.add_recent(path)
        self.add(doc)
        if doc.read_losses:  # opened, but not whole: never silently (the map shows behind)
            said = "\n".join(f"• {message}" for message in doc.read_losses)
            self.prompts.inform("Opened with warnings", f"{path}: not everything was read.\n{said}")
        return doc

    def new(self) -> Document:
        return self.add(Document(ArgumentMap()))

    def add(self, doc: Document, *, recovery_key: str | None = None) -> Document:
        """Take ``doc`` in: autosave it (under ``recovery_key`` if it was restored), mark its
        file as open here, and announce it."""
        self.docs.append(doc)
        self.autosaver.watch(doc, recovery_key)
        if doc.path:
            self._seen[id(doc)] = fingerprint(doc.path)
            self._locks[id(doc)] = locks.acquire(doc.path, force=True)
        self.added.emit(doc)
        return doc

    # ------------------------------------------------------------------ saving

    def save(self, doc: Document) -> bool:
        """Save in place, or ask where for a map without a (writable) file."""
        if doc.path is None or read_only(doc.path):
            return self.save_as(doc)
        return self.write(doc, doc.path)

    def save_as(self, doc: Document) -> bool:
        path = self.prompts.ask_save_path(chrome.suggested_file_name(doc.display_name, doc.path))
        if not path:
            return False
        if not path.endswith(native.EXTENSION) and not is_argdown(path):
            path += native.EXTENSION
        return self.write(doc, path)

    def write(self, doc: Document, path: str) -> bool:
        """Save ``doc`` to ``path``; False (the map still unsaved) if it did not happen."""
        if read_only(path):
            self.prompts.show_error(
                "Cannot save the map",
                f"{path}: the seed maps and installed files are read-only; "
                "save the map somewhere else",
            )
            return False
        same_file = doc.path is not None and _real(doc.path) == _real(path)
        if (
            same_file
            and id(doc) in self._seen
            and changed_on_disk(path, self._seen[id(doc)])
            and not self.prompts.ask_overwrite_changed(path)
        ):
            return False
        try:
            fp = atomic_write(path, self._bytes(doc, path), backup=True)
        except ArgmapError as e:
            self.prompts.show_error("Cannot save the map", e.line())
            return False
        self._seen[id(doc)] = fp
        if not same_file:
            self._release(doc)
            self._locks[id(doc)] = locks.acquire(path, force=True)
        doc.path = path
        doc.source = path
        doc.undo_stack.setClean()
        doc.changed.emit()
        settings.add_recent(path)
        self.saved.emit(doc, path)
        return True

    @staticmethod
    def _bytes(doc: Document, path: str) -> bytes:
        if not is_argdown(path):
            return native.dump_bytes(doc.map)
        # The user's Argdown text where it still says what the map says (byte for byte).
        doc.argdown_text = argdown_sync.text_for(doc.map, doc.argdown_text)
        return doc.argdown_text.encode("utf-8")

    # ------------------------------------------------------------------ closing

    def may_close(self, doc: Document) -> bool:
        """Ask Save / Discard / Cancel for a map with unsaved changes (or Argdown text that
        does not read); True to go on."""
        if not doc.is_modified and not doc.argdown_failing:
            return True
        self.shown.emit(doc)
        answer = self.prompts.ask_unsaved(doc)
        if answer == "save":
            if doc.argdown_failing:  # no file can hold text the map does not say: keep it
                self.prompts.show_error(
                    "Cannot save the map",
                    f"{doc.file_name}: its Argdown text does not read; correct it, or take "
                    "it back with Ctrl+Z, before closing",
                )
                return False
            return self.save(doc)
        return answer == "discard"

    def close(self, doc: Document) -> bool:
        """Close ``doc`` (asking first if it has unsaved changes); its recovery goes too."""
        if doc not in self.docs or not self.may_close(doc):
            return False
        self._forget(doc)
        self.closed.emit(doc)
        return True

    def may_quit(self) -> bool:
        """Ask about every map with unsaved changes; False if the user cancelled."""
        return all(self.may_close(doc) for doc in list(self.docs))

    def shut_down(self) -> None:
        """Quitting: every recovery and open-file marker of this window goes."""
        for doc in list(self.docs):
            self._forget(doc)
        self.autosaver.flush()

    def _forget(self, doc: Document) -> None:
        self.autosaver.forget(doc)
        self._release(doc)
        self._seen.pop(id(doc), None)
        if doc in self.docs:
            self.docs.remove(doc)

    def _release(self, doc: Document) -> None:
        lock = self._locks.pop(id(doc), None)
        if lock is not None:
            lock.release()

    # ------------------------------------------------------------------ after a crash

    def start_up(self) -> list[Document]:
        """Clean up after argmap processes that were killed: remove their open-file markers,
        offer their autosaved maps, and name the maps they had open with nothing to recover.
        Returns the documents restored."""
        stale = locks.clean_stale()
        entries = recovery.list_recoveries()
        restored = self._offer(entries) if entries else []
        self._report_lost(stale, entries)
        return restored

    def _offer(self, entries: list[recovery.RecoveryEntry]) -> list[Document]:
        decisions = self.prompts.choose_recoveries(entries)
        restored = []
        for entry in apply_decisions(entries, decisions):
            doc = self.restore(entry)
            if doc is not None:
                restored.append(doc)
        return restored

    def restore(self, entry: recovery.RecoveryEntry) -> Document | None:
        """Open an autosaved map, unsaved. It keeps its file unless that file is read-only
        (a seed: Save asks where), and replaces a document already open on that file if that
        one has no changes of its own (no second tab on one file)."""
        try:
            m, original = recovery.restore(entry)
        except ArgmapError as e:
            self.prompts.show_error("Cannot restore the map", e.line())
            return None
        path = original if original and original.endswith(native.EXTENSION) else None
        if path is not None and read_only(path):
            path = None
        open_doc = self.find(original) if original else None
        if open_doc is not None:
            if open_doc.is_modified:
                path = None  # two versions of one file: this one is saved somewhere else
            else:
                self._forget(open_doc)
                self.closed.emit(open_doc)
        doc = Document(m, path, source=original)
        doc.undo_stack.resetClean()  # restored work is unsaved work
        text = entry.pending_text()
        if text is not None:  # Argdown typed that did not read: back in the pane
            doc.argdown_text = text
            doc.argdown_failing = True
        return self.add(doc, recovery_key=entry.key)

    def _report_lost(
        self, stale: list[locks.LockInfo], entries: list[recovery.RecoveryEntry]
    ) -> None:
        covered = {
            _real(e.original_path)
            for e in entries
            if e.original_path and older_than_file(e) is None
        }
        lost = sorted({info.path for info in stale if _real(info.path) not in covered})
        if not lost:
            return
        names = "\n".join(f"• {path}" for path in lost)
        self.prompts.inform(
            "Nothing to recover",
            "argmap stopped unexpectedly while these maps were open:\n"
            f"{names}\n"
            "Nothing newer than the saved file was autosaved, so changes made in the last "
            f"{interval_seconds():.0f} seconds before it stopped are lost.",
        )
