"""The window around the map: library titles whole, status fields apart, a toolbar that
keeps still, Save As proposing the article's title."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from tests.desktop.conftest import SEEDS, click_claim, key
from tests.desktop.scripted import ScriptedPrompts


def test_library_titles_wrap_instead_of_being_cut(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    tree = w.library.tree
    seeds = w.library.seed_group
    assert seeds.childCount() >= 5
    wrapped = 0
    for i in range(seeds.childCount()):
        item = seeds.child(i)
        text = item.text(0)
        rect = tree.visualItemRect(item)
        width = tree.text_width(tree.indexFromItem(item))
        assert rect.width() >= width  # the row spans the panel
        needed = tree.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text
        )
        assert rect.height() >= needed.height(), text  # every wrapped line has room
        wrapped += needed.height() > tree.fontMetrics().height() * 1.5
        assert text in item.toolTip(0)
    assert wrapped >= 3  # the long seed titles do take several lines
    # Narrower panel: rows grow taller, text still whole.
    first = seeds.child(0)
    w.resizeDocks([w.library_dock], [420], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    before = tree.visualItemRect(first).height()
    w.resizeDocks([w.library_dock], [200], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert tree.visualItemRect(first).height() > before


def test_status_bar_fields_are_set_apart(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    bar = w.statusBar()
    labels = [lbl for lbl in bar.findChildren(QLabel) if lbl.isVisible() and lbl.text()]

    def left(label: QLabel) -> int:
        return label.mapTo(bar, QPoint(0, 0)).x()

    labels.sort(key=left)
    assert len(labels) >= 3  # counts, saved state, the analysis summary
    image = bar.grab().toImage()
    for a, b in itertools.pairwise(labels):
        text_end = left(a) + a.contentsRect().left() + a.fontMetrics().horizontalAdvance(a.text())
        assert left(b) + b.contentsRect().left() - text_end >= 12, (a.text(), b.text())
        # A visible rule at the left edge of the next field.
        y = b.mapTo(bar, QPoint(0, b.height() // 2)).y()
        rule, beside = image.pixelColor(left(b), y), image.pixelColor(left(b) + 4, y)
        assert rule.lightness() + 20 < beside.lightness(), (a.text(), b.text())


def test_toolbar_keeps_still_when_undo_has_something(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    bar = w.registry.toolbar
    r = w.registry
    undo, redo = r["edit.undo"], r["edit.redo"]
    watched = [undo, redo, r["map.reason"], r["map.layout"], r["view.fit"]]

    def places() -> list[QRect]:
        return [bar.widgetForAction(a).geometry() for a in watched]

    before = places()
    assert undo.toolTip() == "Nothing to undo"
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert)
    QTest.keyClicks(w.current.view.viewport(), "Cats are warm")
    QTest.keyClick(w.current.view.viewport(), Qt.Key.Key_Return)
    assert undo.isEnabled() and undo.text() == "&Undo"
    assert undo.toolTip() == "Undo add reason"
    assert places() == before
    undo.trigger()
    assert w.current.doc.map.claim_count == 3
    assert redo.isEnabled() and redo.toolTip() == "Redo add reason"
    assert places() == before


def test_save_as_proposes_the_article_title(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    prompts = ScriptedPrompts(save_path=str(tmp_path / "chosen.argmap"))
    w = make_window(SEEDS[3], prompts=prompts)  # a seed: no save path of its own
    assert w.save_as() is True
    assert prompts.asked_save == ["why-doesnt-russia-join-the-anti-isis-coalition.argmap"]
    # Once it has a file, Save As proposes that file's name.
    assert w.save_as() is True
    assert prompts.asked_save[-1] == "chosen.argmap"
