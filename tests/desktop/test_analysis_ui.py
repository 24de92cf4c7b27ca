"""Debate preparation in the desktop app, driven through real widgets: claim status badges,
the semantics toggle, tooltips, what-if marks, the Gaps and Themes panels and Rehearse."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from argmap.analysis import evaluate
from argmap.analysis.themes import theme_matrix
from argmap.formats import native
from argmap.layout.style import ROLE_FONT_SIZE
from argmap.layout.textmetrics import metrics
from argmap.model import ArgumentMap
from argmap.model.elements import Assumption, Rehearsal
from desktop.analysis_ui import AnalysisController
from desktop.analysis_ui.status import SceneStatus, StatusItem
from desktop.main_window import MainWindow
from tests.desktop.conftest import SEEDS, claim_point, click_claim, key


def controller(w: MainWindow) -> AnalysisController:
    c = w.analysis  # type: ignore[attr-defined]
    assert isinstance(c, AnalysisController)
    return c


def status(w: MainWindow) -> SceneStatus:
    assert w.current is not None
    return controller(w).status_of(w.current)


def shown_labels(w: MainWindow) -> dict[str, str]:
    """The labels the canvas shows: read from the decoration items in the scene."""
    assert w.current is not None
    out = {}
    for cid, item in w.current.scene.claim_items.items():
        badges = [c for c in item.childItems() if isinstance(c, StatusItem)]
        assert len(badges) == 1, cid
        assert badges[0].isVisible()
        out[cid] = badges[0].label
    return out


def test_badges_match_the_analysis_on_a_seed_map(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[3])
    m = w.current.doc.map
    labels = evaluate(m).labels
    assert shown_labels(w) == labels
    assert set(labels.values()) >= {"in", "out"}  # the seed has defeated claims to show
    # The badge says the label in words, and covers neither the text nor the role label.
    for cid, item in w.current.scene.claim_items.items():
        badge = next(c for c in item.childItems() if isinstance(c, StatusItem))
        assert badge.text.endswith(labels[cid])
        rect = badge.badge_rect()
        assert not rect.intersects(item.text_rect()), cid
        # The role line (with a byline it can run under the badge horizontally) stays below
        # the badge, which straddles the top border.
        label = item.node.box.role_label
        fm = metrics(bold=True)
        left = -item.node.width / 2 + label.x
        baseline = -item.node.height / 2 + label.baseline
        role_rect = QRectF(
            left,
            baseline - ROLE_FONT_SIZE * fm.ascent,
            fm.width(label.text, ROLE_FONT_SIZE),
            ROLE_FONT_SIZE * (fm.ascent + fm.descent),
        )
        assert not rect.intersects(role_rect), cid


def test_an_attack_on_a_reason_puts_it_out_and_undo_brings_it_back(
    make_window, small_map_file: Path
) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    assert shown_labels(w) == {"t": "out", "r": "in", "o": "in"}
    click_claim(w, "r")
    key(w, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)  # add an objection to r
    QTest.keyClicks(QApplication.focusWidget(), "Not all purr")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    labels = shown_labels(w)
    assert labels["r"] == "out"
    assert labels == evaluate(w.current.doc.map).labels
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown_labels(w) == {"t": "out", "r": "in", "o": "in"}


def _cycle_map(tmp_path: Path) -> Path:
    # a and b attack each other and both attack c, which attacks d: grounded leaves all four
    # undecided; every preferred (and stable) extension rejects c, so d is sceptically in.
    m = ArgumentMap("cycle")
    for i, cid in enumerate("abcd"):
        m.add_claim(f"Claim {cid}", id=cid, position=(100 + 220 * i, 100))
    m.connect(["a"], "b", "attack")
    m.connect(["b"], "a", "attack")
    m.connect(["a"], "c", "attack")
    m.connect(["b"], "c", "attack")
    m.connect(["c"], "d", "attack")
    m.update_map(thesis="d")
    path = tmp_path / "cycle.argmap"
    native.save(m, path)
    return path


def test_semantics_toggle(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(_cycle_map(tmp_path))
    c = controller(w)
    assert shown_labels(w) == dict.fromkeys("abcd", "undecided")
    c.act_semantics["preferred"].trigger()
    assert c.act_semantics["preferred"].isChecked()
    assert not c.act_semantics["grounded"].isChecked()
    assert shown_labels(w) == {"a": "undecided", "b": "undecided", "c": "out", "d": "in"}
    assert "preferred: 1 in · 1 out · 2 undecided" in c.status_label.text()
    c.act_semantics["stable"].trigger()
    assert shown_labels(w) == evaluate(w.current.doc.map, "stable").labels
    c.act_semantics["grounded"].trigger()
    assert shown_labels(w) == dict.fromkeys("abcd", "undecided")


def _tooltip_at(w: MainWindow, cid: str) -> str:
    vp = w.current.view.viewport()
    pos = claim_point(w, cid)
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))
    return QToolTip.text()


def test_hover_explains_the_status(make_window, small_map_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    text = _tooltip_at(w, "t")
    assert text.startswith("OUT (defeated) under grounded semantics")
    assert "Defeated by “They scratch furniture”" in text
    assert "Nothing attacks it" in _tooltip_at(w, "o")
    w2 = make_window(_cycle_map(tmp_path))
    text = _tooltip_at(w2, "d")
    assert text.startswith("UNDECIDED")
    assert "Sits in or depends on the attack cycle “Claim a” → “Claim b”" in text


def _context_menu(w: MainWindow, cid: str) -> QMenu:
    vp = w.current.view.viewport()
    pos = claim_point(w, cid)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos))
    QApplication.sendEvent(vp, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def _click_action(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    assert action.isEnabled()
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_what_if_from_the_context_menu_is_one_undo_step(make_window, small_map_file: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    stack = w.current.doc.undo_stack
    before = stack.count()
    menu = _context_menu(w, "o")
    assert {"Assume accepted", "Assume rejected", "Clear assumption"} <= {
        a.text() for a in menu.actions()
    }
    _click_action(menu, "Assume rejected")
    m = w.current.doc.map
    assert m.claim("o").assumption is Assumption.REJECTED
    assert stack.count() == before + 1
    assert shown_labels(w) == {"t": "in", "r": "in", "o": "out"}
    badge = next(c for c in w.current.scene.claim_items["o"].childItems())
    assert isinstance(badge, StatusItem) and badge.text == "✗ out (assumed)"
    assert "Assumed rejected (what-if)" in _tooltip_at(w, "o")
    menu = _context_menu(w, "o")
    assert not next(a for a in menu.actions() if a.text() == "Assume rejected").isEnabled()
    menu.close()
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert m.claim("o").assumption is None
    assert shown_labels(w) == {"t": "out", "r": "in", "o": "in"}


def test_gaps_panel_lists_gaps_selects_on_click_and_follows_edits(
    make_window, small_map_file: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    c = controller(w)
    c.gaps_dock.show()
    c.gaps_dock.raise_()
    qtbot.waitUntil(lambda: c.gaps.report is not None)
    assert c.gaps.report.unanswered_objections == ["o"]
    assert "Thesis is <b>OUT</b>" in c.gaps.summary.text()
    row = next(r for r in c.gaps.rows_for("o") if r.parent().text(0).startswith("Unanswered"))
    tree = c.gaps.tree
    tree.scrollToItem(row)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center()
    )
    assert w.current.scene.selected_claims() == ["o"]
    # Answer the objection: it leaves the list shortly after the edit.
    key(w, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # add a rebuttal to o
    QTest.keyClicks(QApplication.focusWidget(), "It does not")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: c.gaps.report.unanswered_objections == [], timeout=3000)
    assert c.gaps.report.thesis_label == "in"


def test_themes_cell_click_selects_the_claims_in_their_map(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0], SEEDS[1])
    c = controller(w)
    first, second = w.views
    assert w.current is second
    c.themes_dock.show()
    qtbot.waitUntil(lambda: c.themes.matrix is not None and len(c.themes.matrix.rows) == 2)
    expected = theme_matrix([(first.key, first.doc.map), (second.key, second.doc.map)])
    row0 = expected.rows[0]
    theme = next(t for t in expected.themes if row0.cells[t])
    ids = [cc.id for cc in row0.cells[theme]]
    r, col = c.themes.cell(first.key, theme)
    table = c.themes.table
    item = table.item(r, col)
    assert item.text().startswith(str(len(ids)))
    table.scrollToItem(item)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(item).center()
    )
    assert w.current is first
    assert sorted(w.current.scene.selected_claims()) == sorted(ids)


def _rehearse_map(tmp_path: Path) -> Path:
    m = ArgumentMap("rehearse")
    m.add_claim("Thesis", id="t", position=(400, 100))
    for i, cid in enumerate(["o1", "o2", "o3"]):
        m.add_claim(f"Objection {cid}", id=cid, position=(150 + 250 * i, 300))
        m.connect([cid], "t", "attack")
    m.add_claim("Answer to o2", id="ans2", position=(400, 500))
    m.connect(["ans2"], "o2", "attack")
    m.update_map(thesis="t")
    m.update_claim("o1", rehearsal=Rehearsal.GOOD)
    path = tmp_path / "rehearse.argmap"
    native.save(m, path)
    return path


def test_rehearse_hides_the_answer_stores_marks_and_starts_with_weak_ones(
    make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = _rehearse_map(tmp_path)
    w = make_window(path)
    c = controller(w)
    c.act_rehearse.trigger()
    d = c.rehearse_dialog
    assert d is not None and d.isVisible()
    # Unrehearsed o2, o3 before o1 (answered well last time).
    assert d.order == ["o2", "o3", "o1"]
    assert d.objection.text() == "Objection o2"
    assert "Thesis" in d.target.text()
    assert not d.answer.isVisible()
    QTest.mouseClick(d.show_answer, Qt.MouseButton.LeftButton)
    assert d.answer.isVisible() and "Answer to o2" in d.answer.text()
    stack = w.current.doc.undo_stack
    before = stack.count()
    QTest.mouseClick(d.good, Qt.MouseButton.LeftButton)
    assert stack.count() == before + 1
    assert d.objection.text() == "Objection o3" and not d.answer.isVisible()
    QTest.mouseClick(d.show_answer, Qt.MouseButton.LeftButton)
    assert "unanswered" in d.answer.text()
    QTest.mouseClick(d.needs_work, Qt.MouseButton.LeftButton)
    m = w.current.doc.map
    assert m.claim("o2").rehearsal is Rehearsal.GOOD
    assert m.claim("o3").rehearsal is Rehearsal.NEEDS_WORK
    # Saved in the file; the next session (here: after reopening) starts with the weak one.
    assert w.save()
    d.close()
    again = native.load(path)
    assert again.claim("o3").rehearsal is Rehearsal.NEEDS_WORK
    assert again.claim("o2").rehearsal is Rehearsal.GOOD
    w.close_document(w.current)
    w.open_path(str(path))
    d2 = c.open_rehearse()
    assert d2 is not None and d2.order[0] == "o3"
    assert d2.kind.text().startswith("Last time: needs work")
    # Undo of a mark goes through the document like any edit.
    QTest.mouseClick(d2.good, Qt.MouseButton.LeftButton)
    assert w.current.doc.map.claim("o3").rehearsal is Rehearsal.GOOD
    w.current.doc.undo_stack.undo()
    assert w.current.doc.map.claim("o3").rehearsal is Rehearsal.NEEDS_WORK
    d2.close()


def test_status_decoration_does_not_steal_clicks(make_window, small_map_file: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    item = w.current.scene.claim_items["t"]
    badge = next(c for c in item.childItems() if isinstance(c, StatusItem))
    # A click right on the badge still selects the claim (the badge has no shape).
    centre = item.mapToScene(badge.badge_rect().center())
    vp_pos: QPoint = w.current.view.mapFromScene(centre)
    QTest.mouseClick(w.current.view.viewport(), Qt.MouseButton.LeftButton, pos=vp_pos)
    assert w.current.scene.selected_claims() == ["t"]
    controller(w).act_show_status.trigger()
    assert not badge.isVisible()


def test_status_refresh_on_a_thousand_claims_matches_evaluate(qtbot) -> None:  # type: ignore[no-untyped-def]
    # How fast a refresh is, is measured by `python -m bench desktop_analysis` (BENCHMARKS.md).
    from bench.generate import generate_map
    from desktop.canvas.scene import MapScene
    from desktop.document import Document

    m = generate_map(1000, seed=3)
    doc = Document(m)
    scene = MapScene(doc)
    st = SceneStatus(doc, scene, "grounded")
    assert st.evaluation is not None and st.evaluation.labels == evaluate(m).labels
    doc.run("Attack the thesis", lambda: m.connect([m.add_claim("No").id], m.thesis, "attack"))
    st.refresh()
    assert st.evaluation.labels == evaluate(m).labels
    assert st.evaluation.labels[m.thesis] == "out"
    st.detach()
    scene.detach()


def test_delete_and_undo_gives_the_new_box_its_status(make_window, small_map_file: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    click_claim(w, "o")
    key(w, Qt.Key.Key_Delete)
    assert shown_labels(w) == {"t": "in", "r": "in"}
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown_labels(w) == {"t": "out", "r": "in", "o": "in"}
    key(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown_labels(w) == {"t": "in", "r": "in"}


def test_closing_the_map_closes_its_rehearsal(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(_rehearse_map(tmp_path), _cycle_map(tmp_path))
    c = controller(w)
    w.set_current(w.views[0])
    d = c.open_rehearse()
    assert d is not None and d.isVisible()
    w.close_document(w.views[1])  # another map: the session goes on
    assert d.isVisible()
    w.close_document(w.views[0])
    assert c.rehearse_dialog is None


def test_gaps_panel_names_the_cycle_above_an_undecided_thesis(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(_cycle_map(tmp_path))
    c = controller(w)
    c.gaps_dock.show()
    c.refresh_panels()
    assert "Thesis is <b>UNDECIDED</b>" in c.gaps.summary.text()
    for cid in ("a", "b"):
        rows = c.gaps.rows_for(cid)
        assert any(r.parent().text(0).startswith("In or below the attack cycle") for r in rows)
    # Under preferred semantics the thesis is sceptically in.
    c.act_semantics["preferred"].trigger()
    c.refresh_panels()
    assert "Thesis is <b>IN</b> under preferred" in c.gaps.summary.text()
