"""The Argdown pane: text and canvas follow each other through one undo stack (real keys)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCharFormat
from PySide6.QtTest import QTest

from argmap.formats import argdown_sync
from desktop.argdown_sync import DEBOUNCE_MS, ArgdownSync
from desktop.main_window import MainWindow
from tests.desktop.conftest import click_claim, key
from tests.desktop.scripted import ScriptedPrompts

HAND_WRITTEN = """\
===
title: Cats
===

// Written by hand: comments, spacing and order are the user's.

# Pets

[t]: Cats are good pets. #pets
  + [r]: They purr.
  - [o]: They scratch   furniture.

/* kept
   as written */
[s]: A scratching post solves that.
  -> [o]
"""


def open_pane(window: MainWindow) -> ArgdownSync:
    sync: ArgdownSync = window.argdown  # type: ignore[attr-defined]
    if not sync.dock.isVisible():
        window.registry["view.dock.argdown"].trigger()
    assert sync.dock.isVisible()
    return sync


def type_at_end(sync: ArgdownSync, *lines: str) -> None:
    """Click into the pane, go to the end and type ``lines``, Return before each."""
    editor = sync.pane.editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for line in lines:
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QTest.keyClicks(editor, line)


def wait_applied(qtbot, sync: ArgdownSync) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not sync._timer.isActive(), timeout=DEBOUNCE_MS * 10)


def test_typing_a_statement_adds_a_claim_on_the_canvas(make_window, small_map_file, qtbot):
    w = make_window(small_map_file)
    sync = open_pane(w)
    dv = w.current
    assert "[t]: Cats are good pets" in sync.pane.text()
    steps = dv.doc.undo_stack.count()
    type_at_end(sync, "", "[n]: Cats sleep all day", "  -> [o]")
    wait_applied(qtbot, sync)
    m = dv.doc.map
    assert m.claim("n").text == "Cats sleep all day"
    rel = next(r for r in m.relations() if r.premises == ("n",))
    assert (rel.kind.value, rel.target) == ("attack", "o")
    assert "n" in dv.scene.claim_items and rel.id in dv.scene.relation_items
    # Placed next to the claim it attacks, below it, overlapping nothing.
    o, n = m.claim("o").position, m.claim("n").position
    assert n is not None and o is not None and n[1] > o[1] and abs(n[0] - o[0]) < 500
    # The whole burst of typing is one undo step.
    assert dv.doc.undo_stack.count() == steps + 1
    assert dv.doc.undo_stack.undoText() == "Edit Argdown text"


def test_editing_a_claim_on_the_canvas_updates_the_text(make_window, small_map_file, qtbot):
    w = make_window(small_map_file)
    sync = open_pane(w)
    before = sync.pane.text().splitlines()
    click_claim(w, "r")
    key(w, Qt.Key.Key_F2)
    editor = w.current.scene.inline.editor
    assert editor is not None
    QTest.keyClick(w.current.view.viewport(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(w.current.view.viewport(), "They purr loudly")
    QTest.keyClick(w.current.view.viewport(), Qt.Key.Key_Return)
    assert w.current.doc.map.claim("r").text == "They purr loudly"
    qtbot.waitUntil(lambda: "[r]: They purr loudly" in sync.pane.text())
    after = sync.pane.text().splitlines()
    assert [x for x in before if "[r]:" not in x] == [x for x in after if "[r]:" not in x]


def test_undo_after_a_text_edit_restores_map_and_text(make_window, small_map_file, qtbot):
    w = make_window(small_map_file)
    sync = open_pane(w)
    m = w.current.doc.map
    map_before, text_before = m.copy(), sync.pane.text()
    type_at_end(sync, "", "[n]: Cats sleep all day", "  +> [t]")
    wait_applied(qtbot, sync)
    assert m.has_claim("n")
    typed = sync.pane.text()
    QTest.keyClick(sync.pane.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert m == map_before
    assert sync.pane.text() == text_before
    # Redo brings back the typed text itself, not a rewrite.
    QTest.keyClick(
        sync.pane.editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert m.has_claim("n") and sync.pane.text() == typed


def test_a_syntax_error_is_underlined_and_leaves_the_map(make_window, small_map_file, qtbot):
    w = make_window(small_map_file)
    sync = open_pane(w)
    m = w.current.doc.map
    before = m.copy()
    type_at_end(sync, "", "(1) [b]: Some premise", "----")
    wait_applied(qtbot, sync)
    assert m == before
    error = sync.pane.error
    last = len(sync.pane.text().splitlines())  # the "----" line: the structure ends there
    assert error is not None and error.line == last
    selections = sync.pane.editor.extraSelections()
    assert len(selections) == 1
    fmt = selections[0].format
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert selections[0].cursor.hasSelection()
    assert selections[0].cursor.block().blockNumber() == last - 1
    assert "Not applied" in sync.pane.status.text()
    assert sync.dock.windowTitle() == "Argdown — not applied"  # seen on its tab too
    # The typed text stays, also when the map changes on the canvas meanwhile.
    w.current.doc.run("Move", lambda: m.move("t", (10.0, 10.0)))
    qtbot.wait(50)
    assert sync.pane.text().endswith("(1) [b]: Some premise\n----")
    # Finishing the structure applies it.
    type_at_end(sync, "(2) [t]")
    wait_applied(qtbot, sync)
    assert sync.pane.error is None and sync.pane.editor.extraSelections() == []
    assert sync.dock.windowTitle() == "Argdown"
    assert m.claim("b").text == "Some premise"
    assert any(r.premises == ("b",) and r.target == "t" for r in m.relations())


def test_unchanged_claims_keep_positions_and_pins(make_window, small_map_file, qtbot):
    w = make_window(small_map_file)
    sync = open_pane(w)
    m = w.current.doc.map
    w.current.doc.run("Pin", lambda: m.move("o", (470.0, 320.0), pin=True))
    kept = {cid: (m.claim(cid).position, m.claim(cid).pinned) for cid in ("t", "o", "r")}
    # Change one claim's text in the text, and add a claim.
    editor = sync.pane.editor
    text = sync.pane.text()
    at = text.index("They purr") + len("They purr")
    cursor = editor.textCursor()
    cursor.setPosition(at)
    editor.setTextCursor(cursor)
    editor.setFocus()
    QTest.keyClicks(editor, " softly")
    type_at_end(sync, "", "[x]: Cats are independent", "  + [t]")
    wait_applied(qtbot, sync)
    assert m.claim("r").text == "They purr softly" and m.has_claim("x")
    assert {cid: (m.claim(cid).position, m.claim(cid).pinned) for cid in kept} == kept
    assert m.claim("t").anchors  # what Argdown does not carry stays
    items = w.current.scene.claim_items
    assert (items["o"].pos().x(), items["o"].pos().y()) == (470.0, 320.0)


def test_opening_and_saving_argdown_keeps_the_users_text(make_window, tmp_path, qtbot):
    path = tmp_path / "cats.argdown"
    path.write_bytes(HAND_WRITTEN.encode())
    w = make_window(path)
    sync = w.argdown  # type: ignore[attr-defined]
    assert sync.dock.isVisible()  # an Argdown file opens with its text
    assert sync.pane.text() == HAND_WRITTEN
    doc = w.current.doc
    assert doc.path == str(path)
    # Saving an unchanged map writes the file as it was.
    w.current.doc.run("Move", lambda: doc.map.move("t", (5.0, 5.0), pin=True))
    assert w.save()
    assert path.read_bytes() == HAND_WRITTEN.encode()
    # Change a claim on the canvas: only its line changes.
    doc.run("Edit text", lambda: doc.map.update_claim("r", text="They purr loudly."))
    qtbot.waitUntil(lambda: "They purr loudly" in sync.pane.text())
    QTest.keyClick(w.current.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = path.read_text()
    expected = HAND_WRITTEN.replace("[r]: They purr.", "[r]: They purr loudly.")
    assert saved == expected
    parsed = argdown_sync.parse(saved)
    assert not isinstance(parsed, argdown_sync.ParseError)
    assert argdown_sync.same_content(parsed, doc.map)


def test_text_typed_in_one_map_stays_with_it(make_window, small_map_file, tmp_path, qtbot):
    other = tmp_path / "other.argdown"
    other.write_text("[a]: Alpha\n  + [b]: Beta\n")
    w = make_window(small_map_file, other)
    sync = open_pane(w)
    cats = w.views[0]
    w.set_current(cats)
    type_at_end(sync, "", "[q]: Quiet animals")
    w.set_current(w.views[1])  # switching applies the burst to the map it was typed for
    assert cats.doc.map.has_claim("q")
    assert not w.current.doc.map.has_claim("q")
    assert sync.pane.text() == "[a]: Alpha\n  + [b]: Beta\n"
    w.set_current(cats)
    assert sync.pane.text().endswith("[q]: Quiet animals")


def test_a_dropped_argdown_file_opens_with_its_text(make_window, small_map_file, tmp_path):
    path = tmp_path / "dropped.argdown"
    path.write_bytes(HAND_WRITTEN.encode())
    w = make_window(small_map_file)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    w.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert len(w.views) == 2 and w.current.doc.path == str(path)
    assert w.current.doc.map.claim("s").text == "A scratching post solves that."
    sync = w.argdown  # type: ignore[attr-defined]
    assert sync.dock.isVisible() and sync.pane.text() == HAND_WRITTEN
    w.set_current(w.views[0])  # the other map's own text
    assert "[t]: Cats are good pets" in sync.pane.text() and "// Written" not in sync.pane.text()


def test_save_as_argdown_writes_text_that_reads_as_the_map(make_window, small_map_file, tmp_path):
    out = tmp_path / "cats.argdown"
    w = make_window(small_map_file, prompts=ScriptedPrompts(save_path=str(out)))
    assert w.save_as()
    parsed = argdown_sync.parse(out.read_text())
    assert not isinstance(parsed, argdown_sync.ParseError)
    assert argdown_sync.same_content(parsed, w.current.doc.map)
    assert w.current.doc.path == str(out) and not w.current.doc.is_modified


def test_closing_with_text_that_does_not_read_asks_and_keeps_it(make_window, small_map_file, qtbot):
    prompts = ScriptedPrompts(unsaved="save")
    w = make_window(small_map_file, prompts=prompts)
    sync = open_pane(w)
    type_at_end(sync, "", "  ++ [x]")
    wait_applied(qtbot, sync)
    assert w.current.doc.argdown_failing and not w.current.doc.is_modified
    assert not w.close_document(w.current)  # "Save" cannot hold the text: nothing closes
    assert len(prompts.asked_unsaved) == 1 and "does not read" in prompts.errors[-1]
    assert len(w.views) == 1 and sync.pane.text().endswith("  ++ [x]")
    prompts.unsaved = "discard"
    assert w.close_document(w.current) and not w.views
