"""What the canvas shows when a map opens and after Ctrl+0, checked from item geometry and on
a grab of the viewport; the overview steers the canvas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from desktop.canvas.view import READABLE_ZOOM
from desktop.main_window import MainWindow
from tests.desktop.conftest import SEEDS, key

BACKGROUND = QColor("#fbfbf9")


def _box(w: MainWindow, cid: str) -> QRectF:
    node = w.current.scene.nodes[cid]
    return QRectF(node.x, node.y, node.width, node.height)


def _shown(w: MainWindow) -> QRectF:
    return w.current.view.visible_scene_rect()


def _map_pixels_in_border(image: QImage, share: float = 0.02) -> int:
    """Pixels that are not the canvas background in the outer ``share`` of the image."""
    bw, bh = max(1, int(image.width() * share)), max(1, int(image.height() * share))
    bg = BACKGROUND
    count = 0
    for y in range(image.height()):
        edge_row = y < bh or y >= image.height() - bh
        width = image.width()
        xs = range(width) if edge_row else [*range(bw), *range(width - bw, width)]
        for x in xs:
            c = QColor(image.pixel(x, y))
            diff = abs(c.red() - bg.red()) + abs(c.green() - bg.green()) + abs(c.blue() - bg.blue())
            if diff > 12:
                count += 1
    return count


def _assert_whole_map_shown(w: MainWindow) -> None:
    shown = _shown(w)
    for cid, item in w.current.scene.claim_items.items():
        if item.isVisible():
            assert shown.contains(_box(w, cid)), cid
    image = w.current.view.viewport().grab().toImage()
    assert _map_pixels_in_border(image) == 0


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_every_seed_map_opens_readable_and_ctrl0_shows_it_whole(make_window, seed) -> None:  # type: ignore[no-untyped-def]
    w = make_window(seed)
    view = w.current.view
    assert view.zoom >= READABLE_ZOOM - 1e-9  # the opening view reads
    if view.whole_map_zoom() >= READABLE_ZOOM:
        _assert_whole_map_shown(w)
    else:  # too big to read whole: the thesis is there, the overview has the rest
        thesis = w.current.doc.map.thesis
        assert thesis is not None and _shown(w).contains(_box(w, thesis))
        overview = w.overview
        assert w.overview_dock.isVisible() and overview.canvas is view
        assert overview.drawn_area().contains(w.current.scene.visibility.visible_rect())
        assert overview.shown_rect() == _shown(w)
    key(w, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom <= 1.0
    _assert_whole_map_shown(w)


def test_a_large_window_shows_a_seed_map_whole_and_readable(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[4])
    for dock in (w.library_dock, w.overview_dock, w.article_dock, w.inspector_dock):
        dock.hide()
    w.resize(3000, 1200)
    view = w.current.view
    QTest.qWait(10)
    view.show_opening()
    assert view.whole_map_zoom() >= READABLE_ZOOM
    assert view.zoom == pytest.approx(view.whole_map_zoom())
    _assert_whole_map_shown(w)


def test_overview_click_and_drag_move_the_canvas(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    view, overview = w.current.view, w.overview
    # At 100 % the map is several windows wide, so there is somewhere to move to.
    view.set_zoom(1.0)
    overview.refit()
    scene_rect = w.current.scene.visibility.visible_rect()
    # The overview's picture is the map: its claims' boxes are drawn where it says.
    picture = overview.grab().toImage()
    thesis = w.current.scene.nodes[w.current.doc.map.thesis]
    at_thesis = overview.from_scene(QPointF(thesis.cx, thesis.cy)).toPoint()
    assert picture.pixelColor(at_thesis) != BACKGROUND
    # Click near the map's right end: the canvas centres there.
    target = QPointF(scene_rect.right() - 150, scene_rect.center().y())
    at = overview.from_scene(target).toPoint()
    QTest.mouseClick(overview, Qt.MouseButton.LeftButton, pos=at)
    centre = _shown(w).center()
    assert abs(centre.x() - target.x()) < 200 / view.zoom
    assert _shown(w).contains(target)
    assert overview.shown_rect() == _shown(w)
    # A drag to the left end follows the pointer.
    left = overview.from_scene(QPointF(scene_rect.left() + 150, scene_rect.center().y())).toPoint()
    QTest.mousePress(overview, Qt.MouseButton.LeftButton, pos=at)
    for i in range(1, 6):
        QTest.mouseMove(overview, at + (left - at) * (i / 5))
    QTest.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=left)
    assert _shown(w).contains(overview.to_scene(left))
    assert _shown(w).center().x() < centre.x() - 500
    # The frame drawn in the overview is where the canvas looks.
    frame = _shown(w)
    edge = overview.from_scene(QPointF(frame.center().x(), frame.top())).toPoint()
    assert overview.rect().contains(edge)
    shot = overview.grab().toImage()
    blue = [shot.pixelColor(edge.x(), edge.y() + dy) for dy in range(-2, 3)]
    assert any(c.blue() > 200 and c.red() < 120 for c in blue), blue


def test_overview_follows_the_map_in_front(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file, SEEDS[1])
    assert w.overview.canvas is w.current.view
    first = w.views[0]
    w.set_current(first)
    assert w.overview.canvas is first.view
    w.close_document(first)
    assert w.overview.canvas is w.current.view
    w.close_document(w.current)
    assert w.overview.canvas is None
