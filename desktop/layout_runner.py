"""Auto layout off the UI thread: the layout engine (``argmap.layout.engine``, the tree engine
by default) runs on a copy of the map in a worker, and the result is applied as one undoable
command unless the map changed meanwhile.

Auto layout keeps the user's picture: it passes the stored positions as ``previous``, so placed
claims stay and only new (or overlapping) claims are placed and routes redrawn. A fresh layout
lays everything out again; pinned claims stay in both."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from desktop.document_view import DocumentView


class _Signals(QObject):
    done = Signal(object, object)  # layout, error message


class _LayoutJob(QRunnable):
    def __init__(self, m: ArgumentMap, fresh: bool) -> None:
        super().__init__()
        self.map = m
        self.fresh = fresh
        self.signals = _Signals()

    def run(self) -> None:
        try:
            from argmap.layout import engine

            previous = None if self.fresh else engine.stored_positions(self.map)
            layout = engine.compute_layout(self.map, previous=previous or None)
        except ArgmapError as e:
            self.signals.done.emit(None, e.line())
            return
        except Exception as e:  # reported in the status bar, never a crash
            self.signals.done.emit(None, f"{type(e).__name__}: {e}")
            return
        self.signals.done.emit(layout, None)


class LayoutRunner(QObject):
    """One layout at a time; ``busy`` shows or hides the progress bar."""

    busy = Signal(bool)

    def __init__(
        self,
        is_open: Callable[[DocumentView], bool],
        message: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._is_open = is_open
        self._message = message
        self.job: _LayoutJob | None = None

    def run(self, dv: DocumentView, fresh: bool = False) -> None:
        if self.job is not None:
            return
        job = _LayoutJob(dv.doc.map.copy(), fresh)
        label = "Fresh layout" if fresh else "Auto layout"
        index = dv.doc.undo_stack.index()
        self.job = job
        self.busy.emit(True)
        self._message("Laying out…")

        def done(layout: Any, error: str | None) -> None:
            self.job = None
            self.busy.emit(False)
            if error is not None or layout is None:
                self._message(f"Layout failed: {error}")
                return
            if not self._is_open(dv) or dv.doc.undo_stack.index() != index:
                self._message("The map changed during layout; run it again.")
                return
            from argmap.layout import engine

            assert isinstance(layout, engine.Layout)
            dv.doc.run(label, lambda: engine.apply_layout(dv.doc.map, layout))
            dv.view.fit()
            self._message("Layout done")

        job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        QThreadPool.globalInstance().start(job)
