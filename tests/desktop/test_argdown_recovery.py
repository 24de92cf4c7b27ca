"""Argdown typed in the pane that does not read survives a crash (nothing typed is lost)."""

# The crash fixtures of test_nothing_lost are imported, and named again as test arguments.
# ruff: noqa: F811

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from argmap import recovery
from tests.desktop.test_nothing_lost import (  # noqa: F401 - fixtures
    crash,
    fast_autosave,
    make_window,
    restart,
)

TYPED = "(1) [b]: A premise typed half way"


def test_argdown_text_that_does_not_read_is_autosaved_and_restored(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    w.registry["view.dock.argdown"].trigger()
    sync = w.argdown
    editor = sync.pane.editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, TYPED)
    qtbot.waitUntil(lambda: sync.pane.error is not None, timeout=3000)
    doc = w.current.doc
    assert doc.argdown_failing and not doc.is_modified  # the map itself did not change

    def autosaved() -> bool:
        w.documents.autosaver.flush()
        entries = recovery.list_recoveries(include_live=True)
        return bool(entries) and TYPED in (entries[0].pending_text() or "")

    qtbot.waitUntil(autosaved, timeout=5000)
    crash(w)

    w2, prompts = restart(make_window, small_map_file)
    assert len(prompts.offered) == 1
    sync2 = w2.argdown
    assert sync2.dock.isVisible()
    assert sync2.pane.text().endswith(TYPED)
    assert sync2.pane.error is not None and "Not applied" in sync2.pane.status.text()
    # Finishing the structure applies it to the restored map.
    editor2 = sync2.pane.editor
    editor2.setFocus()
    QTest.keyClick(editor2, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for line in ("----", "(2) [t]"):
        QTest.keyClick(editor2, Qt.Key.Key_Return)
        QTest.keyClicks(editor2, line)
    qtbot.waitUntil(lambda: w2.current.doc.map.has_claim("b"), timeout=3000)
    assert not w2.current.doc.argdown_failing


def test_text_that_reads_again_drops_its_autosaved_copy(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    w.registry["view.dock.argdown"].trigger()
    sync = w.argdown
    editor = sync.pane.editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "  ++")
    qtbot.waitUntil(lambda: w.current.doc.argdown_failing, timeout=3000)
    qtbot.waitUntil(lambda: bool(recovery.list_recoveries(include_live=True)), timeout=5000)
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # typing back
    assert not w.current.doc.argdown_failing and not sync.pane.text().endswith("++")

    def gone() -> bool:
        w.documents.autosaver.flush()
        return not recovery.list_recoveries(include_live=True)

    qtbot.waitUntil(gone, timeout=5000)
