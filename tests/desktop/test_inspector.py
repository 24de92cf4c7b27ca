"""The inspector: text, tags (with completion from the map's tags), notes and anchors of the
selected claim, every edit one undo step; the role is shown, derived, read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.desktop.conftest import click_claim


def test_inspector_edits_are_undoable(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    ins = w.inspector
    click_claim(w, "o")
    assert ins.claim_id == "o" and ins.role.text() == "objection"
    assert ins.text.toPlainText() == "They scratch furniture"
    before = m.copy()

    # Tags: typed, with completion from the map's tags once there are some.
    ins.tag_input.setFocus()
    QTest.keyClicks(ins.tag_input, "furniture")
    QTest.keyClick(ins.tag_input, Qt.Key.Key_Return)
    assert m.claim("o").tags == ("furniture",)
    assert [ins.tags.item(i).text() for i in range(ins.tags.count())] == ["furniture"]
    assert dv.scene.claim_items["o"].node.box.chips[0].tag == "furniture"
    click_claim(w, "r")
    assert ins.completer.model().stringList() == ["furniture"]
    QTest.keyClicks(ins.tag_input, "#cosy")
    QTest.keyClick(ins.tag_input, Qt.Key.Key_Return)
    assert m.claim("r").tags == ("cosy",)
    ins.tags.setCurrentRow(0)
    QTest.mouseClick(ins.remove_tag_button, Qt.MouseButton.LeftButton)
    assert m.claim("r").tags == ()

    # Text and notes commit when the field loses focus (or on Ctrl+Enter).
    ins.text.setFocus()
    ins.text.selectAll()
    QTest.keyClicks(ins.text, "They purr softly")
    QTest.keyClick(ins.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert m.claim("r").text == "They purr softly"
    ins.notes.setFocus()
    QTest.keyClicks(ins.notes, "checked with the cat")
    dv.view.setFocus()
    assert m.claim("r").notes == "checked with the cat"

    # Anchors: remove one.
    click_claim(w, "t")
    assert ins.anchors.count() == 1
    ins.anchors.setCurrentRow(0)
    QTest.mouseClick(ins.remove_anchor_button, Qt.MouseButton.LeftButton)
    assert m.claim("t").anchors == ()

    stack = dv.doc.undo_stack
    assert stack.count() == 6
    after = m.copy()
    stack.setIndex(0)
    assert m == before
    stack.setIndex(stack.count())
    assert m == after
