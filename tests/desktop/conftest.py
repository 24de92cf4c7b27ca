"""Desktop fixtures: a real main window, offscreen, driven with real mouse and key input."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap.formats import native
from argmap.model import Anchor, ArgumentMap, Article
from desktop.app import create_window, release_clipboard
from desktop.main_window import MainWindow
from tests.desktop.scripted import ScriptedPrompts

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = sorted((ROOT / "seeds" / "maps").glob("[0-9]*.argmap"))


@pytest.fixture
def make_window(qtbot) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(*files: str | Path, prompts: ScriptedPrompts | None = None) -> MainWindow:
        """A window on ``files`` (none: the five seed maps) whose questions are answered by
        ``prompts`` (by default: discard unsaved changes, cancel Save As, restore nothing)."""
        w = create_window(
            [str(f) for f in files], restore=False, prompts=prompts or ScriptedPrompts()
        )
        qtbot.addWidget(w)
        w.show()
        w.activateWindow()
        assert QTest.qWaitForWindowActive(w)
        windows.append(w)
        return w

    yield make
    # Close every map the way the app does, then let Qt run its deferred deletes while the
    # interpreter is still whole (Qt objects destroyed during interpreter exit crash it).
    for w in windows:
        for dv in list(w.views):
            dv.doc.undo_stack.setClean()
            w.close_document(dv)
        w.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def small_map_file(tmp_path: Path) -> Path:
    """A small map with an article, a thesis, a reason and an objection, with positions."""
    text = "Cats are good pets. They purr. But they scratch furniture."
    m = ArgumentMap("Cats")
    m.add_article(Article("a1", text, "About cats"))
    m.add_claim(
        "Cats are good pets", id="t", position=(300, 100), anchors=[Anchor("a1", 0, 18, text[0:18])]
    )
    m.add_claim("They purr", id="r", position=(150, 300))
    m.add_claim("They scratch furniture", id="o", position=(450, 300))
    m.connect(["r"], "t", "support", id="s1")
    m.connect(["o"], "t", "attack", id="a1r")
    m.update_map(thesis="t")
    path = tmp_path / "cats.argmap"
    native.save(m, path)
    return path


def view_point(window: MainWindow, x: float, y: float) -> QPoint:
    assert window.current is not None
    return window.current.view.mapFromScene(QPointF(x, y))


def claim_point(window: MainWindow, cid: str) -> QPoint:
    assert window.current is not None
    item = window.current.scene.claim_items[cid]
    window.current.view.ensureVisible(item, 10, 10)
    return window.current.view.mapFromScene(item.pos())


def click_claim(window: MainWindow, cid: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    assert window.current is not None
    QTest.mouseClick(
        window.current.view.viewport(),
        Qt.MouseButton.LeftButton,
        modifier,
        claim_point(window, cid),
    )


def drag(
    window: MainWindow,
    start: QPoint,
    end: QPoint,
    modifier=Qt.KeyboardModifier.NoModifier,
    release: bool = True,
    steps: int = 5,
) -> None:  # type: ignore[no-untyped-def]
    assert window.current is not None
    vp = window.current.view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, modifier, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.mouseMove(vp, p)
    if release:
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, end)


def key(window: MainWindow, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    assert window.current is not None
    window.current.view.setFocus()
    QTest.keyClick(window.current.view, k, modifier)


@pytest.fixture(autouse=True, scope="session")
def _clear_clipboard_before_exit() -> Iterator[None]:
    """Qt keeps clipboard data in a global that it destroys after Python has finished; a
    QMimeData created from Python would then be freed by a dead interpreter (segfault)."""
    yield
    if QApplication.instance() is not None:
        release_clipboard()
