"""Window chrome that keeps still and says enough: undo/redo actions whose text never changes
(the detail goes to the tooltip, so the toolbar does not shift), status-bar fields with a
visible separator, and a file name for Save As made from the article's title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QStatusBar
from slugify import slugify

from argmap.formats import native

# Each permanent field of the status bar gets a thin rule on its left.
STATUS_STYLE = (
    "QStatusBar::item { border: none; }"
    "QStatusBar QLabel { border-width: 0 0 0 1px; border-style: solid; border-color: #b0b0b0;"
    " padding: 0 8px; }"
)
SLUG_LENGTH = 60


def separate_status_fields(bar: QStatusBar) -> None:
    bar.setStyleSheet(STATUS_STYLE)


def undo_actions(group: QUndoGroup, parent: QObject) -> tuple[QAction, QAction]:
    """ "Undo" and "Redo" actions with fixed text; what they would undo or redo is in their
    tooltips ("Undo Add reason"), and they are enabled only when there is something."""
    undo = QAction("&Undo", parent)
    redo = QAction("&Redo", parent)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.triggered.connect(group.undo)
    redo.triggered.connect(group.redo)

    def follow() -> None:
        undo.setEnabled(group.canUndo())
        redo.setEnabled(group.canRedo())
        undo.setToolTip(_tip("Undo", group.undoText()))
        redo.setToolTip(_tip("Redo", group.redoText()))

    for signal in (
        group.canUndoChanged,
        group.canRedoChanged,
        group.undoTextChanged,
        group.redoTextChanged,
        group.activeStackChanged,
    ):
        signal.connect(lambda *_args: follow())
    follow()
    return undo, redo


def _tip(verb: str, what: str) -> str:
    return f"{verb} {what[0].lower()}{what[1:]}" if what else f"Nothing to {verb.lower()}"


def suggested_file_name(title: str, path: str | None) -> str:
    """The name Save As proposes: the file's own name once it has one, else the title made
    into a file name (``why-doesnt-russia-join-the-anti-isis-coalition.argmap``).

    >>> suggested_file_name("Why doesn’t Russia join the anti-ISIS coalition?", None)
    'why-doesnt-russia-join-the-anti-isis-coalition.argmap'
    >>> suggested_file_name("Anything", "/maps/mine.argmap")
    'mine.argmap'
    """
    if path:
        return Path(path).name
    slug = slugify(
        title,
        max_length=SLUG_LENGTH,
        word_boundary=True,
        replacements=[["’", ""], ["'", ""]],  # "doesn’t" → "doesnt", not "doesn-t"
    )
    return (slug or "untitled") + native.EXTENSION
