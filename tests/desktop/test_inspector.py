"""The inspector: text, tags (with completion from the map's tags), notes and anchors of the
selected claim, every edit one undo step; the role is shown, derived, read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from argmap.model.elements import Attribution, AttributionKind, Provenance, VocabularyEntry
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


def test_inspector_sets_who_says_it_and_the_editors_mark(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    ins = w.inspector
    click_claim(w, "o")
    assert ins.said_by.currentText() == "the author" and not ins.said_by_name.isEnabled()
    before = m.copy()

    # A named person: pick the kind with the keyboard, then type the name and the role.
    ins.said_by.setFocus()
    QTest.keyClick(ins.said_by, Qt.Key.Key_Down)
    assert ins.said_by.currentText() == "a named person or body"
    assert m.claim("o").attribution is None  # waits for the name
    assert ins.said_by_name.isEnabled() and ins.said_by_name.hasFocus()
    QTest.keyClicks(ins.said_by_name, "Sergei Lavrov")
    QTest.keyClick(ins.said_by_name, Qt.Key.Key_Return)
    assert m.claim("o").attribution == Attribution(AttributionKind.NAMED, "Sergei Lavrov", "")
    ins.said_by_role.setFocus()
    QTest.keyClicks(ins.said_by_role, "foreign minister")
    QTest.keyClick(ins.said_by_role, Qt.Key.Key_Return)
    assert m.claim("o").attribution == Attribution(
        AttributionKind.NAMED, "Sergei Lavrov", "foreign minister"
    )
    # The canvas shows the byline after the role label.
    label = dv.scene.claim_items["o"].node.box.role_label.text
    assert label == "OBJECTION · Sergei Lavrov, foreign minister"

    # The editor's mark: a dashed border on the canvas.
    QTest.mouseClick(ins.editor_added, Qt.MouseButton.LeftButton)
    assert m.claim("o").provenance is Provenance.EDITOR
    assert dv.scene.claim_items["o"].node.box.border_dash

    # Tag suggestions: the map's vocabulary first.
    m.update_map(vocabulary=[VocabularyEntry("ukraine"), VocabularyEntry("anti-us")])
    click_claim(w, "r")
    assert ins.completer.model().stringList()[:2] == ["ukraine", "anti-us"]

    stack = dv.doc.undo_stack
    assert stack.count() == 3  # name, role, editor's mark (the vocabulary was set directly)
    stack.setIndex(0)
    assert [(c.id, c.attribution, c.provenance) for c in m.claims()] == [
        (c.id, c.attribution, c.provenance) for c in before.claims()
    ]
    click_claim(w, "o")
    assert ins.said_by.currentText() == "the author" and not ins.editor_added.isChecked()
