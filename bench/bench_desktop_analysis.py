"""Desktop analysis: how long the live claim status takes after an edit.

On synthetic maps (bench/generate.py) shown in a real (offscreen) scene, it measures
``evaluate`` alone and the whole refresh the app does after every edit (evaluate + update of
every claim's status decoration), for each semantics, as medians of several runs; and one
full edit gesture (add an attack through ``Document.run``, the scene following, the status
refreshing), then its undo. Target (issue 6): grounded refresh under 50 ms up to 1,000 claims.
"""

from __future__ import annotations

import os
import statistics
import time
from functools import partial

from bench.generate import generate_map
from bench.report import machine, median_time, write_section

SIZES = (100, 300, 1_000)
RUNS = 9


def main(flags: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from argmap.analysis import SEMANTICS, evaluate
    from argmap.model import ArgumentMap, RelationKind
    from desktop.analysis_ui.status import SceneStatus
    from desktop.canvas.scene import MapScene
    from desktop.document import Document
    from desktop.fonts import load_fonts

    app = QApplication.instance() or QApplication([])
    load_fonts()
    rows = []
    for n in SIZES:
        m = generate_map(n, seed=7)
        doc = Document(m)
        scene = MapScene(doc)
        status = SceneStatus(doc, scene, "grounded")
        row: dict[str, float] = {}
        for sem in SEMANTICS:
            row[f"eval-{sem}"] = median_time(partial(evaluate, m, sem), RUNS)
            status.semantics = sem
            row[f"refresh-{sem}"] = median_time(status.refresh, RUNS)
        status.semantics = "grounded"
        status.refresh()
        # One gesture: a new claim attacking the thesis, and its undo; the status follows.
        thesis = m.thesis
        assert thesis is not None
        gestures, undos = [], []
        for i in range(RUNS):
            cid = f"bench{i}"

            def gesture(cid: str = cid, m: ArgumentMap = m, thesis: str = thesis) -> None:
                m.add_claim("A new objection", id=cid, position=(0.0, 0.0))
                m.connect([cid], thesis, RelationKind.ATTACK)

            t = time.perf_counter()
            doc.run("Add objection", gesture)
            gestures.append(time.perf_counter() - t)
            assert status.label(thesis) == "out"
            t = time.perf_counter()
            doc.undo_stack.undo()
            undos.append(time.perf_counter() - t)
        row["gesture"] = statistics.median(gestures)
        row["undo"] = statistics.median(undos)
        status.detach()
        scene.detach()
        app.processEvents()
        rows.append((n, row))
        print(
            f"{n:>5} claims: grounded eval {row['eval-grounded'] * 1000:.1f} ms, refresh "
            f"{row['refresh-grounded'] * 1000:.1f} ms; preferred refresh "
            f"{row['refresh-preferred'] * 1000:.1f} ms; stable refresh "
            f"{row['refresh-stable'] * 1000:.1f} ms; gesture {row['gesture'] * 1000:.1f} ms, "
            f"undo {row['undo'] * 1000:.1f} ms",
            flush=True,
        )

    def ms(x: float) -> str:
        return f"{x * 1000:.1f} ms"

    table = [
        "| claims | grounded: evaluate | grounded: refresh | preferred: refresh | "
        "stable: refresh | add-attack gesture (grounded) | its undo |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in rows:
        table.append(
            f"| {n:,} | {ms(r['eval-grounded'])} | {ms(r['refresh-grounded'])} | "
            f"{ms(r['refresh-preferred'])} | {ms(r['refresh-stable'])} | {ms(r['gesture'])} | "
            f"{ms(r['undo'])} |"
        )
    body = (
        f"`python -m bench desktop_analysis`: synthetic maps (bench/generate.py, seed 7) in an "
        f"offscreen MapScene, median of {RUNS} runs.\nMachine: {machine()}; load average "
        f"{os.getloadavg()[0]:.1f} when measured (other jobs share it).\n\n"
        "*refresh* is what the app does after every edit: evaluate the map and update every "
        "claim's status decoration. The *gesture* is one undo step through `Document.run` "
        "(a new claim attacking the thesis): model events, the scene's own updates and the "
        "status refresh.\n\n" + "\n".join(table) + "\n\nTarget: grounded status after an edit "
        "under 50 ms on maps up to 1,000 claims."
    )
    if "--write" in flags:
        write_section("Desktop analysis", body)
    return 0
