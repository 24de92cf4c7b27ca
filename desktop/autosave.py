"""Autosave: every open map with unsaved changes is written to the recovery folder within
:func:`interval_seconds` of its first unsaved edit, without blocking the UI. Text being typed
in the inline editor counts as an edit (:meth:`Document.map_to_autosave`).

On the GUI thread only a :func:`argmap.recovery.snapshot` is taken (references to the map's
immutable values: well under a millisecond for 5,000 claims); serializing and writing happen
on one worker thread, in order, so a discard queued after a write always wins. A map that
becomes clean again (saved, or undone to its saved state) or is closed loses its recovery.
"""

from __future__ import annotations

import gc
import os
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from argmap import recovery
from argmap.errors import ArgmapError
from desktop.document import Document

INTERVAL_ENV = "ARGMAP_AUTOSAVE_SECONDS"  # tests set a short interval
DEFAULT_INTERVAL = 20.0  # seconds; the promise is "within 30 s of an edit"


def interval_seconds() -> float:
    """The autosave delay: ``ARGMAP_AUTOSAVE_SECONDS`` or 20 s."""
    try:
        value = float(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL))
    except ValueError:
        return DEFAULT_INTERVAL
    return min(max(value, 0.05), 30.0)


def _write(key: str, snap: recovery.Snapshot, original: str | None, text: str | None) -> None:
    # Serializing makes tens of thousands of short-lived dicts; they would trigger a full
    # garbage collection of the whole app's heap (100 ms frozen UI, measured), though
    # reference counting frees them all anyway. So no collection while serializing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = recovery.serialize_snapshot(snap)
    finally:
        if enabled:
            gc.enable()
    recovery.write_recovery_bytes(
        key,
        data,
        original_path=original,
        title=snap.title,
        claims=len(snap.claims),
        text=text,
    )


class Autosaver(QObject):
    """Watches documents and autosaves them; one per window."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-autosave")
        self._keys: dict[int, str] = {}
        self._timers: dict[int, QTimer] = {}
        self._docs: dict[int, Document] = {}
        self._pending: list[Future[Any]] = []
        self.last_error: str | None = None
        self.writes = 0

    def key_of(self, doc: Document) -> str | None:
        return self._keys.get(id(doc))

    def watch(self, doc: Document, key: str | None = None) -> str:
        """Autosave ``doc`` from now on (under ``key``: a restored recovery keeps its own)."""
        ident = id(doc)
        if ident in self._keys:
            return self._keys[ident]
        self._keys[ident] = key or uuid.uuid4().hex
        self._docs[ident] = doc
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(int(interval_seconds() * 1000))
        timer.timeout.connect(lambda: self.autosave(doc))
        self._timers[ident] = timer
        doc.undo_stack.indexChanged.connect(lambda _i: self._edited(doc))
        doc.undo_stack.cleanChanged.connect(lambda clean: self._clean_changed(doc, clean))
        doc.pending_changed.connect(lambda: self._edited(doc))
        if doc.has_unsaved_work:
            timer.start()
        return self._keys[ident]

    def _alive(self, doc: Document) -> bool:
        # Signals keep coming while a window and its documents are being destroyed.
        return shiboken6.isValid(self) and shiboken6.isValid(doc.undo_stack)

    def _edited(self, doc: Document) -> None:
        if not self._alive(doc):
            return
        timer = self._timers.get(id(doc))
        if timer is not None and not doc.has_unsaved_work and doc.pending is None:
            # Typed text taken back (Argdown that reads again, undone) on a clean map.
            timer.stop()
            self._discard(doc)
            return
        # Not restarted on every edit: a long editing session is still saved every interval.
        if timer is not None and doc.has_unsaved_work and not timer.isActive():
            timer.start()

    def _clean_changed(self, doc: Document, clean: bool) -> None:
        if not self._alive(doc):
            return
        if clean and not doc.typing and not doc.argdown_failing:
            # (the stack may be half destroyed: don't ask it)
            timer = self._timers.get(id(doc))
            if timer is not None:
                timer.stop()
            self._discard(doc)

    def autosave(self, doc: Document) -> None:
        """Autosave now (the timer's action; the UI thread only takes a snapshot)."""
        key = self._keys.get(id(doc))
        if key is None:
            return
        if not doc.has_unsaved_work:
            self._discard(doc)
            return
        snap = recovery.snapshot(doc.map_to_autosave())
        original = doc.path or doc.source
        text = doc.argdown_text if doc.argdown_failing else None
        self._submit(_write, key, snap, original, text)
        self.writes += 1

    def _discard(self, doc: Document) -> None:
        key = self._keys.get(id(doc))
        if key is not None:
            self._submit(recovery.discard_key, key)

    def forget(self, doc: Document) -> None:
        """Stop watching ``doc`` (closed) and drop its recovery."""
        timer = self._timers.pop(id(doc), None)
        if timer is not None:
            timer.stop()
        self._discard(doc)
        self._keys.pop(id(doc), None)
        self._docs.pop(id(doc), None)

    def _submit(self, fn: Any, *args: Any) -> None:
        future = self._pool.submit(fn, *args)
        future.add_done_callback(self._done)
        self._pending = [f for f in self._pending if not f.done()] + [future]

    def _done(self, future: Future[Any]) -> None:
        error = future.exception()
        if isinstance(error, ArgmapError):
            self.last_error = error.line()
        elif error is not None:
            self.last_error = f"autosave failed: {type(error).__name__}: {error}"

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until every queued write and discard is done (tests; quitting)."""
        for future in list(self._pending):
            future.exception(timeout=timeout)
        self._pending = []
