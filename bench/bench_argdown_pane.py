"""Argdown pane: text-to-canvas update after one keystroke on a 300-claim map.

In one offscreen window (1400×900) with the Argdown pane shown, on ``generate_map(300)`` with
stored positions (``bench_desktop.with_positions``, a tree layout as after auto layout), a real
key press (QTest) types one letter into the pane. The time measured runs from the end of the
typing pause (what the pane's debounce timer does when it fires) to the map and the canvas
items changed, and then to the canvas repainted (Qt's pending events processed). Two kinds
of keystroke, 40 each, on different claims:

- in a claim's text: the common case, one claim changes (the pane's quick path; tags too);
- in the map's title (front matter): the whole text is read again and merged into the map
  (the general path, the same as for a new statement, a new relation or a removed one).

Median and worst of each. ``--write`` puts the figures into BENCHMARKS.md.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_desktop import with_positions
from bench.report import machine, write_section

CLAIMS = 300
KEYSTROKES = 40
BUDGET_MS = 100


def measure() -> dict[str, list[tuple[float, float]]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_window
    from desktop.document import Document

    app = QApplication.instance() or QApplication([])
    w = create_window([], restore=False, seeds=False)
    w.show()
    m = with_positions(CLAIMS)
    dv = w.add_document(Document(m))
    sync = w.argdown  # type: ignore[attr-defined]
    sync.show(True)
    app.processEvents()
    editor = sync.pane.editor
    editor.setFocus()
    times: dict[str, list[tuple[float, float]]] = {"text": [], "title": []}
    ids = [c.id for c in m.claims()][:KEYSTROKES]
    for kind in times:
        for cid in ids:
            text = sync.pane.text()
            # one letter into the claim's text, or into the map's title
            at = text.index(f"[{cid}]: ") + len(cid) + 5 if kind == "text" else 12
            cursor = editor.textCursor()
            cursor.setPosition(at, QTextCursor.MoveMode.MoveAnchor)
            editor.setTextCursor(cursor)
            QTest.keyClick(editor, Qt.Key.Key_Q)
            before = (dv.doc.map.claim(cid), dv.doc.map.title)
            start = time.perf_counter()
            sync.apply()  # what the debounce timer's timeout does
            applied = time.perf_counter()
            app.processEvents()  # the repaint
            times[kind].append((applied - start, time.perf_counter() - start))
            assert (dv.doc.map.claim(cid), dv.doc.map.title) != before, (kind, cid)
    for view in list(w.views):
        view.doc.undo_stack.setClean()
        w.close_document(view)
    w.close()
    return times


def _figures(times: list[tuple[float, float]]) -> tuple[str, float]:
    model = [t[0] * 1000 for t in times]
    painted = [t[1] * 1000 for t in times]
    med = statistics.median(painted)
    return (
        f"map and canvas items changed in median {statistics.median(model):.1f} ms "
        f"(worst {max(model):.1f} ms); repainted in median {med:.1f} ms "
        f"(worst {max(painted):.1f} ms)",
        med,
    )


def main(flags: list[str]) -> int:
    times = measure()
    text, text_med = _figures(times["text"])
    title, title_med = _figures(times["title"])
    lines = [
        f"One keystroke in the Argdown pane to the canvas, {CLAIMS}-claim map "
        f"(`with_positions({CLAIMS})`), 1400×900 window, offscreen, {KEYSTROKES} keystrokes "
        f"each, timed from the end of the 300 ms typing pause; budget {BUDGET_MS} ms "
        f"(load average {os.getloadavg()[0]:.1f} on this machine during the run):",
        f"- in a claim's text (one claim changes): {text}",
        f"- in the title (the whole text read again and merged): {title}",
    ]
    print("\n".join(lines))
    if "--write" in flags:
        write_section(
            "Argdown pane",
            f"Machine: {machine()}.\n\n`python -m bench argdown_pane --write`\n\n"
            + "\n".join(lines),
        )
    return 0 if max(text_med, title_med) < BUDGET_MS else 1
