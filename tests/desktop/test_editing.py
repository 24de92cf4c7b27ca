"""Editing gestures with real input: each checked on the model, the scene and the undo stack,
then undone and redone back to the same model."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from argmap.model import RelationKind
from tests.desktop.conftest import SEEDS, claim_point, click_claim, drag, key, view_point


def _undo_redo_roundtrip(doc, before, after) -> None:  # type: ignore[no-untyped-def]
    doc.undo_stack.undo()
    assert doc.map == before
    doc.undo_stack.redo()
    assert doc.map == after


def test_add_reason_with_keyboard_then_type_is_one_undo_step(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    click_claim(w, "t")
    assert dv.scene.selected_claims() == ["t"]
    key(w, Qt.Key.Key_Insert)
    new = [c for c in m.claims() if not before.has_claim(c.id)]
    assert len(new) == 1
    cid = new[0].id
    rel = m.relations_from(cid)[0]
    assert (rel.kind, rel.target) == (RelationKind.SUPPORT, "t")
    assert m.role(cid).value == "reason"
    # The new claim is on the canvas below its target, not on top of anything, in edit mode.
    item = dv.scene.claim_items[cid]
    assert item.pos().y() > dv.scene.claim_items["t"].pos().y()
    assert dv.scene.inline.editor is not None and dv.scene.inline.editor.parentItem() is item
    QTest.keyClicks(dv.view.viewport(), "Cats are warm")
    editor = dv.scene.inline.editor
    assert editor is not None
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    assert m.claim(cid).text == "Cats are warm"
    assert dv.scene.inline.editor is None
    assert [line.text for line in item.node.box.lines] == ["Cats are warm"]
    assert dv.doc.undo_stack.count() == 1  # adding and typing: one gesture
    after = m.copy()
    _undo_redo_roundtrip(dv.doc, before, after)
    assert cid in dv.scene.claim_items


def test_objection_and_rebuttal_keys(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    m = w.current.doc.map
    click_claim(w, "o")
    key(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(w.current.view.viewport(), "Only some do")
    QTest.keyClick(w.current.view.viewport(), Qt.Key.Key_Return)
    rebuttal = [c.id for c in m.claims() if c.id not in ("t", "r", "o")]
    assert len(rebuttal) == 1
    assert m.role(rebuttal[0]).value == "rebuttal"
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(w.current.view.viewport(), "Cats shed")
    QTest.keyClick(w.current.view.viewport(), Qt.Key.Key_Return)
    objections = [c for c in m.claims() if m.role(c.id).value == "objection"]
    assert len(objections) == 2


def test_inline_edit_with_f2_escape_cancels(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    click_claim(w, "r")
    key(w, Qt.Key.Key_F2)
    QTest.keyClicks(dv.view.viewport(), "Changed")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Escape)
    assert dv.doc.map.claim("r").text == "They purr"
    assert dv.doc.undo_stack.count() == 0
    before = dv.doc.map.copy()
    QTest.mouseDClick(dv.view.viewport(), Qt.MouseButton.LeftButton, pos=claim_point(w, "r"))
    assert dv.scene.inline.editor is not None
    QTest.keyClicks(dv.view.viewport(), "They purr loudly")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(dv.view.viewport(), "and often")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    assert dv.doc.map.claim("r").text == "They purr loudly\nand often"
    assert dv.doc.undo_stack.count() == 1
    _undo_redo_roundtrip(dv.doc, before, dv.doc.map.copy())


def test_delete_claim_with_its_relations_is_one_step(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    click_claim(w, "t")
    key(w, Qt.Key.Key_Delete)
    assert not m.has_claim("t") and m.relation_count == 0
    assert "t" not in dv.scene.claim_items and not dv.scene.relation_items
    assert dv.doc.undo_stack.count() == 1
    after = m.copy()
    dv.doc.undo_stack.undo()
    assert m == before
    assert set(dv.scene.claim_items) == {"t", "r", "o"}
    assert set(dv.scene.relation_items) == {"s1", "a1r"}
    dv.doc.undo_stack.redo()
    assert m == after


def test_connect_by_alt_drag(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    drag(w, claim_point(w, "o"), claim_point(w, "r"), Qt.KeyboardModifier.AltModifier)
    rels = [r for r in m.relations() if r.premises == ("o",) and r.target == "r"]
    assert len(rels) == 1 and rels[0].kind is RelationKind.SUPPORT
    assert rels[0].id in dv.scene.relation_items
    assert dv.doc.undo_stack.count() == 1
    _undo_redo_roundtrip(dv.doc, before, m.copy())


def test_change_relation_kind(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    dv.scene.clear_selection_to(["s1"])
    w.registry["map.kind.attack"].trigger()
    assert dv.doc.map.relation("s1").kind is RelationKind.ATTACK
    assert dv.scene.relation_items["s1"].edge.kind is RelationKind.ATTACK
    assert dv.doc.map.role("r").value == "objection"
    assert dv.scene.claim_items["r"].node.role.value == "objection"


def test_move_by_drag_is_one_pinned_step_and_escape_cancels(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    start = claim_point(w, "r")
    # Escape during the drag puts it back and leaves no trace.
    drag(w, start, start + QPoint(60, 40), release=False)
    assert dv.scene.claim_items["r"].pos().x() != 150
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Escape)
    QTest.mouseRelease(dv.view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))
    assert m == before and dv.doc.undo_stack.count() == 0
    assert (dv.scene.claim_items["r"].pos().x(), dv.scene.claim_items["r"].pos().y()) == (150, 300)
    zoom = dv.view.zoom
    drag(w, start, start + QPoint(60, 40), steps=10)
    claim = m.claim("r")
    assert claim.pinned
    assert (
        claim.position[0] == round(150 + 60 / zoom, 2)
        or abs(claim.position[0] - (150 + 60 / zoom)) < 1.5
    )
    assert abs(claim.position[1] - (300 + 40 / zoom)) < 1.5
    item = dv.scene.claim_items["r"]
    assert (round(item.pos().x(), 2), round(item.pos().y(), 2)) == claim.position
    # The edge follows: it starts on the moved box's border.
    edge = dv.scene.relation_items["s1"].edge
    node = dv.scene.nodes["r"]
    x0, y0 = edge.feeders[0][0] if edge.feeders else edge.path[0]
    assert node.x - 1 <= x0 <= node.x + node.width + 1
    assert node.y - 1 <= y0 <= node.y + node.height + 1
    assert dv.doc.undo_stack.count() == 1
    _undo_redo_roundtrip(dv.doc, before, m.copy())
    dv.doc.undo_stack.undo()
    assert (item.pos().x(), item.pos().y()) == (150, 300)


def test_rubber_band_and_ctrl_click_select_several(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    click_claim(w, "r")
    click_claim(w, "o", Qt.KeyboardModifier.ControlModifier)
    assert sorted(dv.scene.selected_claims()) == ["o", "r"]
    dv.scene.clearSelection()
    # A band from empty space above-left of r to below-right of o.
    a = dv.view.mapFromScene(dv.scene.nodes["r"].x - 20, dv.scene.nodes["r"].y - 20)
    o = dv.scene.nodes["o"]
    b = dv.view.mapFromScene(o.x + o.width + 20, o.y + o.height + 20)
    drag(w, a, b, steps=8)
    assert sorted(dv.scene.selected_claims()) == ["o", "r"]


def test_copy_paste_within_and_between_maps(make_window, small_map_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    dv.scene.clear_selection_to(["t", "r"])
    before = m.copy()
    key(w, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    key(w, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    new = sorted(set(c.id for c in m.claims()) - set(c.id for c in before.claims()))
    assert len(new) == 2
    assert sorted(m.claim(c).text for c in new) == ["Cats are good pets", "They purr"]
    copied = [r for r in m.relations() if set(r.premises) | {r.target} <= set(new)]
    assert len(copied) == 1 and copied[0].kind is RelationKind.SUPPORT
    assert sorted(dv.scene.selected_claims()) == new
    assert m.claim(new[0]).anchors or m.claim(new[1]).anchors  # the anchor came along
    assert dv.doc.undo_stack.count() == 1
    _undo_redo_roundtrip(dv.doc, before, m.copy())
    # Into another map: the article comes along, so the anchor still holds.
    w.documents.new()
    other = w.current.doc.map
    key(w, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert other.claim_count == 2 and other.relation_count == 1
    assert any(c.anchors for c in other.claims())
    assert other.has_article("a1")


def test_cut_removes_and_paste_restores_structure(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    dv.scene.clear_selection_to(["o"])
    w.registry["edit.cut"].trigger()
    assert not m.has_claim("o")
    w.editing.paste()
    assert m.claim_count == 3


def test_collapse_hides_subtree_and_undo_shows_it(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    click_claim(w, "t")
    key(w, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dv.doc.map.claim("t").collapsed
    assert not dv.scene.claim_items["r"].isVisible()
    assert not dv.scene.relation_items["s1"].isVisible()
    dv.doc.undo_stack.undo()
    assert dv.scene.claim_items["r"].isVisible() and dv.scene.relation_items["s1"].isVisible()


def test_arrow_keys_follow_relations(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    click_claim(w, "t")
    key(w, Qt.Key.Key_Down)
    assert dv.scene.selected_claims() == ["r"]  # leftmost premise first
    key(w, Qt.Key.Key_Right)
    assert dv.scene.selected_claims() == ["o"]
    key(w, Qt.Key.Key_Left)
    assert dv.scene.selected_claims() == ["r"]
    key(w, Qt.Key.Key_Up)
    assert dv.scene.selected_claims() == ["t"]


def test_find_highlights_and_steps(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    QTest.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.finder.box.hasFocus()
    QTest.keyClicks(w.finder.box, "the")
    found = {c for c, item in dv.scene.claim_items.items() if item.found}
    assert found == {"r", "o"}
    QTest.keyClick(w.finder.box, Qt.Key.Key_Return)
    first = dv.scene.selected_claims()
    QTest.keyClick(w.finder.box, Qt.Key.Key_Return)
    second = dv.scene.selected_claims()
    assert sorted(first + second) == ["o", "r"]


def test_zoom_and_fit(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    view = w.current.view
    z = view.zoom
    key(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > z
    key(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < z
    key(w, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    assert rect.contains(w.current.scene.itemsBoundingRect())


def test_fresh_layout_runs_off_the_ui_thread(make_window, small_map_file, qtbot) -> None:  # type: ignore[no-untyped-def]
    from argmap.layout import engine

    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    # A pinned claim keeps its place; the others are laid out.
    dv.scene.gestures.commit_moves({"o": (900.0, 40.0)})
    before = m.copy()
    expected = engine.compute_layout(m.copy())
    w.registry["map.layout_fresh"].trigger()
    assert w.progress.isVisible()
    qtbot.waitUntil(lambda: dv.doc.undo_stack.count() == 2, timeout=20_000)
    assert not w.progress.isVisible()
    assert dv.doc.undo_stack.text(1) == "Fresh layout"
    for cid, pos in expected.positions.items():
        assert m.claim(cid).position == pos
        item = dv.scene.claim_items[cid]
        assert (round(item.pos().x(), 2), round(item.pos().y(), 2)) == pos
    assert m.claim("o").position == (900.0, 40.0)
    assert all(r.route for r in m.relations())
    after = m.copy()
    _undo_redo_roundtrip(dv.doc, before, after)
    # Moving a claim drops the stale routes of its relations; undo brings the routed curve back.
    from argmap.layout.drawing import edge_shape

    routed = dv.scene.relation_items["s1"].edge
    assert routed == edge_shape(m, "s1", dv.scene.nodes)
    dv.scene.gestures.commit_moves({"r": (10.0, 500.0)})
    assert m.relation("s1").route == ()
    dv.doc.undo_stack.undo()
    assert m.relation("s1").route and dv.scene.relation_items["s1"].edge == routed


def test_connect_from_the_handle_of_a_selected_claim(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    click_claim(w, "r")
    item = dv.scene.claim_items["r"]
    handle = dv.view.mapFromScene(item.mapToScene(item.handle_rect().center()))
    drag(w, handle, claim_point(w, "o"))
    rels = [r for r in m.relations() if r.premises == ("r",) and r.target == "o"]
    assert len(rels) == 1
    assert (m.claim("r").position, dv.doc.undo_stack.count()) == ((150.0, 300.0), 1)


def test_middle_button_and_space_drag_pan(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    view = w.current.view
    view.set_zoom(3.0)
    vp = view.viewport()
    before = view.mapToScene(vp.rect().center())
    start = vp.rect().center()
    QTest.mousePress(vp, Qt.MouseButton.MiddleButton, pos=start)
    QTest.mouseMove(vp, start + QPoint(80, 50))
    QTest.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=start + QPoint(80, 50))
    after = view.mapToScene(vp.rect().center())
    assert after.x() < before.x() and after.y() < before.y()
    m_before = w.current.doc.map.copy()
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(w, start, start - QPoint(80, 50))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    again = view.mapToScene(vp.rect().center())
    assert again.x() > after.x() and again.y() > after.y()
    assert w.current.doc.map == m_before  # panning never edits


def test_add_co_premise_makes_a_linked_argument(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    click_claim(w, "r")
    key(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dv.view.viewport(), "Purring calms people")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    (new,) = [c.id for c in m.claims() if not before.has_claim(c.id)]
    assert m.relation("s1").premises == ("r", new)
    assert m.claim(new).text == "Purring calms people"
    edge = dv.scene.relation_items["s1"].edge
    assert edge.junction is not None and len(edge.feeders) == 2
    assert dv.doc.undo_stack.count() == 1
    _undo_redo_roundtrip(dv.doc, before, m.copy())


def test_alt_drag_onto_a_relation_undercuts_it(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    # A new free claim, then Alt+drag from it onto the middle of relation s1 (r supports t).
    dv.scene.gestures.commit_moves({})  # nothing: no command
    cid = m.fresh_id("c")
    dv.doc.run(
        "New claim",
        lambda: m.add_claim("Purring is a stress signal", id=cid, position=(600.0, 450.0)),
    )
    mid = dv.scene.relation_items["s1"].edge.midpoint
    drag(w, claim_point(w, cid), view_point(w, *mid), Qt.KeyboardModifier.AltModifier)
    (rel,) = m.relations_from(cid)
    assert (rel.kind, rel.target) == (RelationKind.UNDERCUT, "s1")
    assert m.role(cid).value == "objection"
    assert rel.id in dv.scene.relation_items
    dv.doc.undo_stack.undo()
    dv.doc.undo_stack.undo()
    assert m == before


def test_tab_adds_a_reason_and_shift_tab_an_objection(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    click_claim(w, "r")
    key(w, Qt.Key.Key_Tab)
    QTest.keyClicks(dv.view.viewport(), "Purring calms")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    click_claim(w, "r")
    key(w, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(dv.view.viewport(), "Not all purr")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    kinds = sorted(r.kind.value for r in m.relations_into("r"))
    assert kinds == ["attack", "support"]
    assert dv.doc.undo_stack.count() == 2


def test_dragging_several_selected_claims_moves_them_together(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    click_claim(w, "r")
    click_claim(w, "o", Qt.KeyboardModifier.ControlModifier)
    start = claim_point(w, "r")
    drag(w, start, start + QPoint(30, 60), steps=6)
    (rx, ry), (ox, oy) = m.claim("r").position, m.claim("o").position
    assert abs((rx - 150) - (ox - 450)) < 0.02 and abs((ry - 300) - (oy - 300)) < 0.02
    assert ry > 300 and m.claim("r").pinned and m.claim("o").pinned
    assert dv.doc.undo_stack.count() == 1
    assert dv.doc.undo_stack.text(0) == "Move 2 claims"


def test_window_geometry_is_remembered(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_window

    w = create_window([], restore=True)
    qtbot.addWidget(w)
    w.resize(700, 600)  # fits the offscreen screen (restoreGeometry clamps to it)
    w.show()
    size = (w.width(), w.height())
    assert size != (1400, 900)  # the default: so the check below means something
    assert w.close()
    again = create_window([], restore=True)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size


def test_undo_redo_keys_and_context_menus(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    click_claim(w, "o")
    key(w, Qt.Key.Key_Delete)
    after = m.copy()
    assert not m.has_claim("o")
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert m == before
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert m == after
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    def menu_texts() -> list[str]:
        menus = [mn for mn in w.findChildren(QMenu) if mn.isVisible()]
        assert len(menus) == 1
        texts = [a.text() for a in menus[0].actions() if a.text()]
        menus[0].close()
        menus[0].deleteLater()
        return texts

    mid = dv.scene.relation_items["s1"].edge.midpoint
    w._context_menu(dv.view.mapFromScene(*mid))
    assert "Make attack" in menu_texts()
    assert dv.scene.selected_relations() == ["s1"]
    w._context_menu(claim_point(w, "t"))
    texts = menu_texts()
    assert "Add &reason" in texts and "Add &objection" in texts
    assert dv.scene.selected_claims() == ["t"]


def test_auto_layout_after_an_edit_keeps_the_picture(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+L after adding a claim places the new claim and moves no placed claim."""
    w = make_window(SEEDS[0])
    dv = w.current
    m = dv.doc.map
    before = {c.id: c.position for c in m.claims()}
    assert all(p is not None for p in before.values())
    thesis = m.thesis
    assert thesis is not None

    def add() -> None:
        m.add_claim("A new reason typed by the user", id="typed")
        m.connect(["typed"], thesis)

    dv.doc.run("Add reason", add)
    assert m.claim("typed").position is None
    steps = dv.doc.undo_stack.count()
    key(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: dv.doc.undo_stack.count() == steps + 1, timeout=20_000)
    assert dv.doc.undo_stack.text(steps) == "Auto layout"
    assert m.claim("typed").position is not None
    moved = [cid for cid, pos in before.items() if m.claim(cid).position != pos]
    assert len(moved) <= len(before) // 10, moved


def test_a_concession_is_added_by_key_and_attacks_nothing(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    from argmap.analysis import evaluate

    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    thesis = m.thesis
    labels = evaluate(m).labels
    dv.scene.clear_selection_to([thesis])
    key(w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(dv.view.viewport(), "Only while Assad stays")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    (rel,) = [r for r in m.relations_into(thesis) if r.kind is RelationKind.QUALIFY]
    assert m.claim(rel.premises[0]).text == "Only while Assad stays"
    assert m.role(rel.premises[0]).value == "concession"
    assert dv.scene.relation_items[rel.id].edge.kind is RelationKind.QUALIFY
    # A concession attacks nothing: every claim keeps its label.
    after = evaluate(m).labels
    assert all(after[c] == labels[c] for c in labels)
    assert dv.doc.undo_stack.count() == 1
    dv.doc.undo_stack.undo()
    assert not [r for r in m.relations_into(thesis) if r.kind is RelationKind.QUALIFY]


def test_a_relation_becomes_a_concession_from_its_menu(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    dv.scene.clear_selection_to(["s1"])
    w.registry["map.kind.qualify"].trigger()
    assert dv.doc.map.relation("s1").kind is RelationKind.QUALIFY
    assert dv.doc.map.role("r").value == "concession"
    w.registry["map.kind.supersede"].trigger()
    assert dv.doc.map.relation("s1").kind is RelationKind.SUPERSEDE
