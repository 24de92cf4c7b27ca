"""Text and picture together: the Argdown pane and the map in front follow each other.

- Typing in the pane: after a pause of :data:`DEBOUNCE_MS` the text is read; if it reads, the
  map is changed to say the same (:func:`argmap.formats.argdown_sync.merge_into`) as one undo
  step ("Edit Argdown text"), keeping the place and pin of every claim it did not remove; if
  it does not, the place is underlined and the map is left alone. The text is never replaced
  while it does not read, so nothing typed is lost.
- Any other change of the map (canvas, inspector, undo): the pane shows the text that goes
  with the map: the text the user had for exactly this map (undo and redo bring the user's
  own text back), else the user's text with the changed statements patched
  (:func:`argmap.formats.argdown_sync.text_for`).

The text of each map is kept on its document (``Document.argdown_text``), which is also what
saving to ``.argdown`` writes back.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from argmap.formats import argdown_sync
from argmap.formats.argdown_sync import ParseError
from argmap.model import ArgumentMap, MapEvent
from desktop.canvas.free_space import free_spot
from desktop.canvas.scene import MapScene
from desktop.document import Document
from desktop.main_window import add_dock
from desktop.panels.argdown_pane import ArgdownPane

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

DEBOUNCE_MS = 300
KNOWN_TEXTS = 200  # texts remembered per map for undo and redo (oldest dropped)


class _MapText:
    """What the pane knows of one map: the text the user had for each state of it."""

    def __init__(self, doc: Document, listener: Callable[[MapEvent], None]) -> None:
        self.doc = doc
        self.known: dict[Hashable, str] = {}
        self.error: ParseError | None = None
        self.stale = True  # the text may not say what the map says any more
        self.applied: str | None = None  # the last text known to say what the map says
        self.said: ArgumentMap | None = None  # the map as it was then (values: copying is cheap)
        self.unsubscribe = doc.map.subscribe(listener)

    def set_error(self, error: ParseError | None) -> None:
        """The text does not read (``error``) or reads; the document knows, for autosave."""
        self.error = error
        self.doc.set_argdown_failing(error is not None)

    def remember(self, text: str) -> None:
        self.applied, self.said = text, self.doc.map.copy()
        self.known[argdown_sync.content_key(self.doc.map)] = text
        while len(self.known) > KNOWN_TEXTS:
            self.known.pop(next(iter(self.known)))


class ArgdownSync(QObject):
    """The Argdown dock of one main window and its two-way link to the map in front."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.pane = ArgdownPane()
        self.dock = window_dock(window, self.pane)
        self.texts: dict[int, _MapText] = {}
        self._applying = False
        self._sized = False
        self._typed_for: Document | None = None  # the map the pending typing belongs to
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._apply)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh)
        self.pane.edited.connect(self._edited)
        # Visible on the dock's tab too, when the pane is behind the article.
        self.pane.failing.connect(
            lambda bad: self.dock.setWindowTitle("Argdown — not applied" if bad else "Argdown")
        )
        self.pane.editor.undo_requested.connect(lambda: self._step(undo=True))
        self.pane.editor.redo_requested.connect(lambda: self._step(undo=False))
        self.dock.visibilityChanged.connect(self._visibility_changed)
        toggle = self.dock.toggleViewAction()
        toggle.setShortcut("Ctrl+Shift+D")
        toggle.triggered.connect(self._visibility_changed)  # after the dock has shown
        window.registry.add_action("view.dock.argdown", toggle, menu="view", group=1)
        window.documents.added.connect(self._watch)
        window.documents.closed.connect(self._forget)
        window.stack.currentChanged.connect(lambda _i: self._current_changed())
        for dv in window.views:
            self._watch(dv.doc)
        self._current_changed()

    # ------------------------------------------------------------------ documents

    def _watch(self, doc: Document) -> None:
        if id(doc) in self.texts:
            return
        self.texts[id(doc)] = _MapText(doc, functools.partial(self._map_changed, doc))
        state = self.texts[id(doc)]
        if doc.argdown_failing and doc.argdown_text is not None:
            # Restored after a crash: text that did not read, shown as it was left.
            parsed = argdown_sync.parse(doc.argdown_text)
            state.error = parsed if isinstance(parsed, ParseError) else ParseError("not applied")
            self.show(True)
        elif doc.argdown_text is not None:  # opened from Argdown: the file's own text
            state.remember(doc.argdown_text)
            state.stale = False
            self.show(True)

    def _forget(self, doc: Document) -> None:
        if self._typed_for is doc:
            self._timer.stop()
            self._typed_for = None
        state = self.texts.pop(id(doc), None)
        if state is not None:
            state.unsubscribe()

    def current_doc(self) -> Document | None:
        dv = self.window.current
        return dv.doc if dv is not None else None

    def _current_changed(self) -> None:
        self.apply()  # a pending edit belongs to the map it was typed for
        doc = self.current_doc()
        self.pane.setEnabled(doc is not None)
        if doc is None:
            self.pane.set_text("")
            self.pane.set_error(None, stale=True)
            return
        state = self.texts.get(id(doc))
        if state is not None:
            self.refresh()

    def show(self, on: bool = True) -> None:
        if self.dock.isHidden() == on:
            self.dock.setVisible(on)
        if on:
            self.dock.raise_()
            self.refresh()

    # ------------------------------------------------------------------ map → text

    def _visibility_changed(self, shown: bool) -> None:
        if shown:
            self.dock.raise_()
            if not self._sized:  # text needs height: most of the right column at first
                self._sized = True
                w = self.window
                w.resizeDocks([self.dock, w.inspector_dock], [620, 220], Qt.Orientation.Vertical)
            self.refresh()

    def _map_changed(self, doc: Document, event: MapEvent) -> None:
        if self._applying or not argdown_sync.changes_text(event) or not shiboken6.isValid(self):
            return
        state = self.texts.get(id(doc))
        if state is not None:
            state.stale = True
            if doc is self.current_doc():
                self._refresh.start()

    def refresh(self) -> None:
        """Show the text that goes with the map in front (if the pane is shown)."""
        doc = self.current_doc()
        state = self.texts.get(id(doc)) if doc is not None else None
        if doc is None or state is None or self.dock.isHidden():
            return
        if state.error is not None or self._timer.isActive():
            # The user's text does not read yet (or is being typed): never overwrite it.
            self._show_state(state)
            return
        if state.stale or doc.argdown_text is None:
            key = argdown_sync.content_key(doc.map)
            text = state.known.get(key)
            if text is None:
                said = state.said if state.applied == doc.argdown_text else None
                text = argdown_sync.text_for(doc.map, doc.argdown_text, said)
            state.remember(text)
            doc.argdown_text = text
            state.stale = False
        self._show_state(state)

    def _show_state(self, state: _MapText) -> None:
        if state.doc.argdown_text is not None:
            self.pane.set_text(state.doc.argdown_text)
        self.pane.set_error(state.error)

    # ------------------------------------------------------------------ text → map

    def _edited(self) -> None:
        doc = self.current_doc()
        if doc is None:
            return
        doc.argdown_text = self.pane.text()
        self._typed_for = doc
        self._timer.start()  # restarted by every keystroke: one step per burst

    def apply(self) -> bool:
        """Apply text typed and not applied yet, now; False if it does not read."""
        if not self._timer.isActive():
            return True
        self._timer.stop()
        return self._apply()

    def _apply(self) -> bool:
        """Read the pane's text into the map it was typed for; False if it does not read."""
        doc, self._typed_for = self._typed_for or self.current_doc(), None
        state = self.texts.get(id(doc)) if doc is not None else None
        if doc is None or state is None:
            return True
        text = self.pane.text()
        doc.argdown_text = text
        quick = (
            argdown_sync.quick_edit(state.applied, text, doc.map)
            if state.applied is not None and state.error is None and not state.stale
            else None
        )
        if quick is not None:  # typing inside one claim's text: no need to read it all
            cid, claim_text, tags = quick
            self._applying = True
            try:
                doc.run(
                    "Edit Argdown text",
                    lambda: doc.map.update_claim(cid, text=claim_text, tags=tags),
                )
            finally:
                self._applying = False
            state.remember(text)
            return True
        parsed = argdown_sync.parse(text, doc.source or "<argdown pane>")
        if isinstance(parsed, ParseError):
            state.set_error(parsed)
            self.pane.set_error(parsed)
            return False
        state.set_error(None)
        if not state.known:
            state.remember(argdown_sync.text_for(doc.map, None))  # undo to before the text
        scene = self._scene_of(doc)
        place = functools.partial(free_spot, scene) if scene is not None else None
        self._applying = True
        try:
            doc.run("Edit Argdown text", lambda: argdown_sync.merge_into(doc.map, parsed, place))
        except (ValueError, KeyError) as e:
            state.set_error(ParseError(f"the map cannot take this text: {e}"))
            self.pane.set_error(state.error)
            return False
        finally:
            self._applying = False
        state.remember(text)
        state.stale = False
        self.pane.set_error(None)
        return True

    def _scene_of(self, doc: Document) -> MapScene | None:
        dv = self.window.view_of(doc)
        return dv.scene if dv is not None else None

    def _step(self, *, undo: bool) -> None:
        """Ctrl+Z in the pane: what was typed is one step first, then it is undone."""
        doc = self.current_doc()
        if doc is None:
            return
        state = self.texts.get(id(doc))
        if state is None:
            return
        if not self.apply() or state.error is not None:
            # The text does not read: undo takes back the typing, back to the map's text.
            state.set_error(None)
            state.stale = True
            if undo:
                self.refresh()
                return
        if undo:
            doc.undo_stack.undo()
        else:
            doc.undo_stack.redo()
        self.refresh()


def window_dock(window: MainWindow, pane: ArgdownPane) -> QDockWidget:
    """The pane's dock, a tab behind the article (hidden until asked for)."""
    dock = add_dock(window, "Argdown", pane, Qt.DockWidgetArea.RightDockWidgetArea)
    window.tabifyDockWidget(window.article_dock, dock)
    window.article_dock.raise_()
    dock.hide()
    return dock


def install_argdown(window: MainWindow) -> ArgdownSync:
    """Add the Argdown pane to ``window`` (hidden until asked for, or an Argdown file opens)."""
    sync = ArgdownSync(window)
    window.argdown = sync  # type: ignore[attr-defined]
    return sync
