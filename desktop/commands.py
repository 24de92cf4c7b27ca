"""Undo commands: one user gesture is one ``ModelCommand`` holding the events it emitted.

A gesture runs once under :class:`argmap.model.history.Recorder` (see
:meth:`desktop.document.Document.run`); the command then undoes and redoes by replaying those
events, so commands only ever touch the model and the scene follows the model's events.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from argmap.model import MapEvent, history

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

# QUndoStack merges consecutive commands with the same id(); ours share one id and compare
# their merge keys in mergeWith.
MERGE_ID = 4711


class ModelCommand(QUndoCommand):
    """A recorded gesture. Its first redo (on push) does nothing: the gesture already ran."""

    def __init__(
        self,
        m: ArgumentMap,
        text: str,
        events: Sequence[MapEvent],
        merge_key: Hashable | None = None,
        *,
        withdraws: bool = False,
    ) -> None:
        super().__init__(text)
        self.withdraws = withdraws  # merged into its gesture, it cancels it
        self.map = m
        self.events: list[MapEvent] = list(events)
        self.merge_key = merge_key
        self._pending_first_redo = True

    def redo(self) -> None:
        if self._pending_first_redo:
            self._pending_first_redo = False
            return
        history.redo(self.map, self.events)

    def undo(self) -> None:
        history.undo(self.map, self.events)

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ModelCommand) or other.merge_key != self.merge_key:
            return False
        self.events.extend(other.events)
        if other.withdraws:
            # The gesture and its withdrawal cancel out: Qt drops an obsolete merged command.
            self.setObsolete(True)
        return True
