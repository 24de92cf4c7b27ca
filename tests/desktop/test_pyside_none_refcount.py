"""Regression guard for a PySide6 hazard: 6.12.0 on Python 3.11 drops one reference to None
on every call of a void C++ method, so a long drag session (hundreds of thousands of
``setPos`` calls) ends in ``Fatal Python error: none_dealloc``. pyproject pins PySide6 below
6.12; this test fails if an installed version has the bug, in a subprocess so an abort cannot
take the test run down with it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
    app = QApplication([])
    scene = QGraphicsScene()
    item = QGraphicsRectItem(0, 0, 10, 10)
    scene.addItem(item)
    before = sys.getrefcount(None)
    for i in range(200_000):
        item.setPos(i % 97, i % 89)
    after = sys.getrefcount(None)
    print(before, after)
    """
)


def test_many_void_calls_keep_none_alive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-500:]}"
    before, after = map(int, proc.stdout.split())
    # A leak of one reference per call would lose 200,000; allow noise from the interpreter.
    assert after > before - 1_000, (before, after)
