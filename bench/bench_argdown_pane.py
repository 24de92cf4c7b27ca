"""Argdown pane: text-to-canvas update after one keystroke on a 300-claim map.

In one offscreen window with the Argdown pane shown, on ``generate_map(300)``: a real key
press (QTest) types one letter into a claim's text in the pane; the time measured runs from
the end of the debounce pause (the pane's timer firing) to the canvas having the changed
claim, with Qt's pending events processed: read the whole text, compare and change the map
(one undo step), rebuild the touched items. Over 40 keystrokes on different claims; median
and worst. ``--write`` puts the figures into BENCHMARKS.md.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.generate import generate_map
from bench.report import machine, write_section

CLAIMS = 300
KEYSTROKES = 40


def measure() -> list[tuple[float, float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_window
    from desktop.document import Document

    app = QApplication.instance() or QApplication([])
    w = create_window([], restore=False, seeds=False)
    w.show()
    m = generate_map(CLAIMS, seed=1)
    dv = w.add_document(Document(m))
    sync = w.argdown  # type: ignore[attr-defined]
    sync.show(True)
    app.processEvents()
    editor = sync.pane.editor
    editor.setFocus()
    times = []
    claims = [c.id for c in m.claims()][:KEYSTROKES]
    for cid in claims:
        text = sync.pane.text()
        at = text.index(f"[{cid}]: ") + len(f"[{cid}]: ") + 1
        cursor = editor.textCursor()
        cursor.setPosition(at, QTextCursor.MoveMode.MoveAnchor)
        editor.setTextCursor(cursor)
        QTest.keyClick(editor, Qt.Key.Key_Q)
        before = dv.doc.map.claim(cid).text
        start = time.perf_counter()
        sync.apply()  # what the debounce timer's timeout does
        applied = time.perf_counter()
        app.processEvents()  # the repaint
        times.append((applied - start, time.perf_counter() - start))
        assert dv.doc.map.claim(cid).text != before, cid
        assert dv.scene.nodes[cid] is not None
    for view in list(w.views):
        view.doc.undo_stack.setClean()
        w.close_document(view)
    w.close()
    return times


def main(flags: list[str]) -> int:
    times = measure()
    model = [t[0] * 1000 for t in times]
    painted = [t[1] * 1000 for t in times]
    med = statistics.median(painted)
    line = (
        f"One keystroke in the Argdown pane, {CLAIMS}-claim map (`generate_map({CLAIMS}, "
        f"seed=1)`, 1400×900 window, offscreen), {KEYSTROKES} keystrokes, after the 300 ms "
        f"typing pause: map and canvas items updated in median "
        f"{statistics.median(model):.1f} ms (worst {max(model):.1f} ms); with the repaint "
        f"median {med:.1f} ms (worst {max(painted):.1f} ms). Budget 100 ms."
    )
    print(line)
    if "--write" in flags:
        write_section(
            "Argdown pane",
            f"Machine: {machine()}.\n\n`python -m bench argdown_pane --write`\n\n- {line}",
        )
    return 0 if med < 100 else 1
