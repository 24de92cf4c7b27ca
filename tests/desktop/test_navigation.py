"""Large maps stay navigable: collapse with a count of what is hidden (saved in the map),
focus on a claim with a breadcrumb back, find over text, quotes and tags. Driven through
their shortcuts and widgets, checked on the model, the undo stack and the scene."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from argmap.formats import native
from desktop.main_window import MainWindow
from tests.desktop.conftest import SEEDS, key

SEED = SEEDS[0]  # 000: its thesis has nine premises, "syria-ally" three


def _visible(w: MainWindow) -> set[str]:
    return {c for c, item in w.current.scene.claim_items.items() if item.isVisible()}


def _below(m, cid: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Everything that bears on ``cid``, directly or not (computed here, not by the app)."""
    out: set[str] = set()
    todo = [cid]
    while todo:
        node = todo.pop()
        for rel in m.relations_into(node):
            todo.extend(u.id for u in m.relations_into(rel.id))
            for p in rel.premises:
                if p not in out and p != cid and p != m.thesis:
                    out.add(p)
                    todo.append(p)
    return out


def _ctrl_shift(w: MainWindow, k: Qt.Key) -> None:
    key(w, k, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_collapse_counts_what_it_hides_is_saved_and_undoes(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEED)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    hidden = _below(m, "syria-ally")
    assert len(hidden) >= 3
    dv.scene.clear_selection_to(["syria-ally"])
    _ctrl_shift(w, Qt.Key.Key_C)
    assert m.claim("syria-ally").collapsed and dv.doc.undo_stack.count() == 1
    assert _visible(w) == set(dv.scene.claim_items) - hidden
    item = dv.scene.claim_items["syria-ally"]
    assert item.node.hidden_below == len(hidden)
    badge = item.hidden_badge_rect()
    assert item.boundingRect().contains(badge)  # drawn inside what the item repaints
    # The badge is on screen: most of its pixels have the box's stroke colour.
    dv.view.set_zoom(1.0)
    dv.view.centerOn(item)
    shot = dv.view.viewport().grab().toImage()
    area = dv.view.mapFromScene(item.mapToScene(badge)).boundingRect()
    stroke = QColor(item.node.style.stroke)
    pixels = [
        shot.pixelColor(x, y)
        for x in range(area.left(), area.right())
        for y in range(area.top(), area.bottom())
    ]
    close = [
        p
        for p in pixels
        if abs(p.red() - stroke.red())
        + abs(p.green() - stroke.green())
        + abs(p.blue() - stroke.blue())
        < 40
    ]
    assert len(close) > 0.4 * len(pixels)
    # Saved in the map, and a reopened map shows it collapsed.
    path = tmp_path / "collapsed.argmap"
    assert w.documents.write(dv.doc, str(path))
    assert native.load(path).claim("syria-ally").collapsed
    w2 = make_window(path)
    assert _visible(w2) == set(w2.current.scene.claim_items) - hidden
    # Expand with the same shortcut; undo folds it again, undo again is the start.
    dv2 = w2.current
    dv2.scene.clear_selection_to(["syria-ally"])
    _ctrl_shift(w2, Qt.Key.Key_C)
    assert not dv2.doc.map.claim("syria-ally").collapsed
    assert _visible(w2) == set(dv2.scene.claim_items)
    dv2.doc.undo_stack.undo()
    assert _visible(w2) == set(dv2.scene.claim_items) - hidden
    dv.doc.undo_stack.undo()
    assert m == before and _visible(w) == set(dv.scene.claim_items)


def test_focus_shows_the_chain_and_direct_premises_with_a_breadcrumb_back(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEED)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    QTest.qWait(50)  # the opening view settles (deferred centring) before it is remembered
    premises = {p for r in m.relations_into("syria-ally") for p in r.premises}
    supported = {r.target for r in m.relations_from("syria-ally")}
    assert m.thesis in supported  # a reason of the thesis: the chain is thesis › syria-ally
    dv.scene.clear_selection_to(["syria-ally"])
    # Selecting scrolls to the claim if it is out of view: the view to come back to is the one
    # the user had when focusing, after that scroll.
    zoom, centre = dv.view.zoom, dv.view.visible_scene_rect().center()
    _ctrl_shift(w, Qt.Key.Key_F)
    assert _visible(w) == {m.thesis, "syria-ally"} | premises
    # Relations between hidden claims are hidden too; those shown join shown claims.
    for rid, item in dv.scene.relation_items.items():
        rel = m.relation(rid)
        if item.isVisible() and rel.kind.value != "undercut":
            assert rel.target in _visible(w)
    bar = w.focus.bar
    assert bar.isVisible() and bar.parent() is dv.view
    texts = [b.text() for b in bar.crumbs]
    assert texts[0] == "Whole map" and len(texts) == 3
    assert m.claim(m.thesis).text.startswith(texts[1].rstrip("…"))
    # The whole neighbourhood is in view.
    shown = dv.view.visible_scene_rect()
    for cid in _visible(w):
        assert shown.contains(dv.scene.claim_items[cid].sceneBoundingRect())
    # Climb: the thesis crumb focuses on the thesis (its nine premises).
    QTest.mouseClick(bar.crumbs[1], Qt.MouseButton.LeftButton)
    thesis_premises = {p for r in m.relations_into(m.thesis) for p in r.premises}
    assert _visible(w) == {m.thesis} | thesis_premises
    assert len(bar.crumbs) == 2
    # Back to the whole map by the first crumb: everything, the view as it was.
    QTest.mouseClick(bar.crumbs[0], Qt.MouseButton.LeftButton)
    assert _visible(w) == set(dv.scene.claim_items) and not bar.isVisible()
    assert dv.view.zoom == zoom
    assert (dv.view.visible_scene_rect().center() - centre).manhattanLength() < 2
    # Alt+Left leaves a focus too; none of this is an edit.
    dv.scene.clear_selection_to(["ukraine-war"])
    _ctrl_shift(w, Qt.Key.Key_F)
    assert len(_visible(w)) < len(dv.scene.claim_items)
    key(w, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert _visible(w) == set(dv.scene.claim_items)
    assert m == before and dv.doc.undo_stack.count() == 0


def test_a_reason_added_under_focus_is_shown(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEED)
    dv = w.current
    dv.scene.clear_selection_to(["syria-ally"])
    _ctrl_shift(w, Qt.Key.Key_F)
    key(w, Qt.Key.Key_Insert)
    QTest.keyClicks(dv.view.viewport(), "Allies stand together")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    (new,) = [c.id for c in dv.doc.map.claims() if c.text == "Allies stand together"]
    assert new in _visible(w)


def test_find_over_text_quotes_and_tags_centres_and_highlights(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEED)
    dv = w.current
    m = dv.doc.map
    # A word that only a quoted passage has, never a claim's own text.
    quoted_only = None
    for c in m.claims():
        for a in c.anchors:
            for word in a.quote.split():
                word = word.strip(".,“”\"'’()")
                if len(word) > 6 and not any(
                    word.casefold() in d.text.casefold() for d in m.claims()
                ):
                    quoted_only = (word, c.id)
                    break
    assert quoted_only is not None
    word, owner = quoted_only
    QTest.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.finder.box.hasFocus()
    QTest.keyClicks(w.finder.box, word)
    found = {c for c, item in dv.scene.claim_items.items() if item.found}
    assert owner in found
    assert all(
        any(word.casefold() in a.quote.casefold() for a in m.claim(c).anchors) for c in found
    )
    # Tags: "#tag" finds exactly the claims with that tag.
    w.finder.box.clear()
    QTest.keyClicks(w.finder.box, "#syria-alliance")
    tagged = {c.id for c in m.claims() if "syria-alliance" in c.tags}
    assert {c for c, item in dv.scene.claim_items.items() if item.found} == tagged
    # Enter steps through them, each selected and centred.
    seen = set()
    for _ in tagged:
        QTest.keyClick(w.finder.box, Qt.Key.Key_Return)
        (cid,) = dv.scene.selected_claims()
        seen.add(cid)
        centre = dv.view.mapFromScene(dv.scene.claim_items[cid].pos())
        middle = dv.view.viewport().rect().center()
        assert (centre - middle).manhattanLength() < 40
    assert seen == tagged
    # A match folded under a collapsed claim is skipped, not selected invisibly.
    hidden_owner = next(c for c in tagged if c in _below(m, "syria-ally"))
    dv.scene.clear_selection_to(["syria-ally"])
    _ctrl_shift(w, Qt.Key.Key_C)
    w.finder.box.clear()
    QTest.keyClicks(w.finder.box, "#syria-alliance")
    assert "hidden" in w.statusBar().currentMessage()
    for _ in tagged:
        QTest.keyClick(w.finder.box, Qt.Key.Key_Return)
        assert dv.scene.selected_claims() != [hidden_owner]
        assert dv.scene.selected_claims()
