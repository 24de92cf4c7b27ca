"""One open map: the model, its undo stack, its file and whether it is saved."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from argmap.fileio import read_bytes
from argmap.formats import load_map_with_losses, native
from argmap.formats.common import decode_text
from argmap.model import ArgumentMap, history
from argmap.model.history import Recorder
from desktop.commands import ModelCommand

T = TypeVar("T")

ARGDOWN_EXTENSIONS = (".argdown", ".ad")


def is_argdown(path: str) -> bool:
    """Whether ``path`` names an Argdown file (saved as Argdown text, not as ``.argmap``)."""
    return path.lower().endswith(ARGDOWN_EXTENSIONS)


@dataclass(frozen=True)
class PendingText:
    """Text typed in the inline editor and not committed yet (autosave keeps it)."""

    claim: str
    text: str
    initial: str  # what the editor opened with (a placeholder for a fresh claim)
    fresh: bool  # the claim was just added and has never had text of its own


class Document(QObject):
    """An open map. ``path`` is where Save writes (``None``: ask; imports and seeds have none).

    Every change goes through :meth:`run`, which records it as one undo step.
    """

    changed = Signal()  # saved state, path or title changed
    pending_changed = Signal()  # text typed (inline editor, Argdown pane) not in the map yet

    def __init__(
        self,
        m: ArgumentMap,
        path: str | None = None,
        *,
        source: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.map = m
        self.path = path
        # The file it was read from (also for imports and seed maps, which have no save path).
        self.source = source or path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.pending: PendingText | None = None
        # The map as Argdown text, as the user wrote it (the file's text for an Argdown file,
        # the Argdown pane's text once shown); saving to .argdown writes it back.
        self.argdown_text: str | None = None
        # The Argdown text was typed and does not read: the map does not hold it (autosave
        # keeps it beside the map, so it survives a crash).
        self.argdown_failing = False
        # What the reader could not keep of the file it was opened from (a cut Argdown file).
        self.read_losses: list[str] = []

    def _clean_changed(self, _clean: bool) -> None:
        self.changed.emit()

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, seed: bool = False) -> Document:
        """Read any readable format; only ``.argmap`` and Argdown files are saved back in
        place (an Argdown file keeps its text, see :mod:`desktop.argdown_sync`)."""
        name = os.fspath(path)
        m, lost = load_map_with_losses(name)
        argdown_file = is_argdown(name)
        in_place = (name.lower().endswith(native.EXTENSION) or argdown_file) and not seed
        doc = cls(m, name if in_place else None, source=name)
        doc.read_losses = lost
        if argdown_file:
            doc.argdown_text = decode_text(read_bytes(name), name, "Argdown")
        return doc

    # ------------------------------------------------------------------ naming

    @property
    def display_name(self) -> str:
        """How the library and the title bar name the map: the article's title for a map of
        one article, else the map's own title (as the library lists seed maps)."""
        articles = list(self.map.articles())
        if len(articles) == 1 and articles[0].title:
            return articles[0].title
        if self.map.title:
            return self.map.title
        if self.source:
            return Path(self.source).stem
        return "Untitled"

    @property
    def file_name(self) -> str:
        if self.path:
            return Path(self.path).name
        if self.source:
            return Path(self.source).stem + native.EXTENSION
        return "untitled" + native.EXTENSION

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ------------------------------------------------------------------ editing

    def run(self, text: str, fn: Callable[[], T], *, merge_key: Hashable | None = None) -> T:
        """Run one gesture on the map and push it as one undo step (nothing if nothing
        changed). If ``fn`` raises, its changes are rolled back and the error propagates."""
        with Recorder(self.map) as rec:
            result = fn()
        if rec.events:
            self.undo_stack.push(ModelCommand(self.map, text, rec.events, merge_key))
        return result

    def withdraw(self, merge_key: Hashable) -> bool:
        """Take back the gesture on top of the undo stack if it is still open under
        ``merge_key`` (an added claim cancelled with Escape): the map is as before it and the
        gesture leaves the undo stack (merged with its inverse, Qt drops it as obsolete)."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if not isinstance(top, ModelCommand) or top.merge_key != merge_key:
            return False
        with Recorder(self.map) as rec:
            history.undo(self.map, list(top.events))
        self.undo_stack.push(ModelCommand(self.map, "", rec.events, merge_key, withdraws=True))
        return True

    # ------------------------------------------------------------------ uncommitted text

    def set_pending(self, claim: str, text: str, *, initial: str, fresh: bool) -> None:
        self.pending = PendingText(claim, text, initial, fresh)
        self.pending_changed.emit()

    def clear_pending(self) -> None:
        if self.pending is not None:
            self.pending = None
            self.pending_changed.emit()

    @property
    def typing(self) -> bool:
        """Text is being typed that differs from the claim's own."""
        p = self.pending
        return p is not None and p.text.strip() != p.initial.strip()

    def set_argdown_failing(self, failing: bool) -> None:
        if failing != self.argdown_failing:
            self.argdown_failing = failing
            self.pending_changed.emit()

    @property
    def has_unsaved_work(self) -> bool:
        """Unsaved edits, or text being typed (inline editor, Argdown text that does not read)."""
        return self.is_modified or self.typing or self.argdown_failing

    def map_to_autosave(self) -> ArgumentMap:
        """The map as the user sees it: the editor's text in its claim, and a fresh claim
        whose text is still the placeholder (or empty) left out, so recovery never shows a
        placeholder as a real claim. The live map itself is not touched."""
        p = self.pending
        if p is None or not self.map.has_claim(p.claim):
            return self.map
        m = self.map.copy()
        text = p.text.strip()
        if p.fresh and text in ("", p.initial.strip()):
            m.delete([p.claim])
        elif text:
            m.update_claim(p.claim, text=text)
        return m
