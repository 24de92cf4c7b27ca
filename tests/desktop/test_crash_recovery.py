"""The real app (offscreen, in its own process) is edited, killed with SIGKILL after the
autosave interval, started again, and the recovery is accepted: every edit is back, the map
belongs to its file and is still unsaved, and the file on disk was never touched."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from argmap.formats import native
from argmap.model import ArgumentMap
from tests.desktop.conftest import ROOT, SEEDS

# The real app's window, built through its public API in a process of its own: the script
# opens the files given, then runs the step named by ARGMAP_TEST_STEP ("edit" or "restore").
LAUNCH = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from argmap.formats import native
    from desktop.app import create_window
    from tests.desktop.scripted import ScriptedPrompts

    app = QApplication(sys.argv[:1])
    step = os.environ["ARGMAP_TEST_STEP"]
    signal_file = os.environ["ARGMAP_TEST_SIGNAL"]
    prompts = ScriptedPrompts(recoveries="restore", unsaved="discard")
    window = create_window(sys.argv[1:], prompts=prompts)
    window.show()

    def edit():
        doc = window.current.doc
        m = doc.map
        first = sorted((c.id for c in m.claims()), key=len)[0]
        doc.run("add", lambda: m.add_claim("Recovered claim one", id="rec1"))
        doc.run("text", lambda: m.update_claim(first, text="Edited text to recover"))
        doc.run("connect", lambda: m.connect(["rec1"], first, "support", id="recrel"))
        doc.run("move", lambda: m.move("rec1", (123.0, 456.0)))
        open(signal_file, "w").write(first)

    def report():
        views = [
            {"path": dv.doc.path, "modified": dv.doc.is_modified, "map": native.dumps(dv.doc.map)}
            for dv in window.views
        ]
        with open(signal_file, "w") as f:
            json.dump({"offered": prompts.offered, "views": views}, f)
        QApplication.quit()

    QTimer.singleShot(0, edit) if step == "edit" else QTimer.singleShot(1500, report)
    sys.exit(app.exec())
    """
)


def expected_map(path: Path, first: str) -> ArgumentMap:
    m = native.load(path)
    m.add_claim("Recovered claim one", id="rec1")
    m.update_claim(first, text="Edited text to recover")
    m.connect(["rec1"], first, "support", id="recrel")
    m.move("rec1", (123.0, 456.0))
    return m


def start(args: list[str], step: str, signal_file: Path, home: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ARGMAP_DATA_DIR": str(home / "data"),
        "ARGMAP_CONFIG_DIR": str(home / "config"),
        "ARGMAP_AUTOSAVE_SECONDS": "1",
        "ARGMAP_TEST_STEP": step,
        "ARGMAP_TEST_SIGNAL": str(signal_file),
    }
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, timeout: float, proc: subprocess.Popen[bytes]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            _out, err = proc.communicate()
            pytest.fail(f"the app exited ({proc.returncode}): {err.decode()[-2000:]}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.slow
def test_edits_survive_a_kill_9_of_the_real_app(tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "maps"
    work.mkdir()
    path = work / "debate.argmap"
    shutil.copy(SEEDS[0], path)
    original = path.read_bytes()
    signal_file = tmp_path / "signal"

    app = start([str(path)], "edit", signal_file, home)
    try:
        wait_for(signal_file.exists, 60, app)
        first = signal_file.read_text()
        expected = expected_map(path, first)
        recovery = home / "data" / "recovery"

        def autosaved() -> bool:
            maps = list(recovery.glob("*.argmap")) if recovery.is_dir() else []
            return any(native.load(p) == expected for p in maps if p.stat().st_size)

        wait_for(autosaved, 30, app)
        time.sleep(1.5)  # past the autosave interval, as a user who walks away
    finally:
        app.send_signal(signal.SIGKILL)
        app.communicate()
    assert app.returncode == -signal.SIGKILL
    assert path.read_bytes() == original  # nothing was saved

    signal_file.unlink()
    again = start([str(path)], "restore", signal_file, home)
    try:
        wait_for(signal_file.exists, 60, again)
        again.wait(timeout=30)
    finally:
        if again.poll() is None:
            again.kill()
        again.communicate()
    report = json.loads(signal_file.read_text())
    assert len(report["offered"]) == 1
    assert len(report["views"]) == 1, "the restored map and the file given reuse one tab"
    assert report["offered"][0].startswith("debate.argmap — autosaved ")
    restored = [v for v in report["views"] if v["path"] == str(path)]
    assert len(restored) == 1, report["views"]
    assert restored[0]["modified"]
    assert native.loads(restored[0]["map"]) == expected
    assert path.read_bytes() == original
