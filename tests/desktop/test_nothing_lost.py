"""Nothing the user typed is lost (issue 13): the real window is edited, then "killed" by
dropping it without closing anything and marking its records as those of a dead process;
a new window on the same state folder must give everything back, and say when it cannot."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from argmap import locks, recovery
from argmap.formats import native
from desktop import autosave
from desktop.app import create_window
from desktop.documents import read_only
from desktop.main_window import MainWindow
from tests.desktop.conftest import SEEDS, click_claim, key
from tests.desktop.scripted import ScriptedPrompts


@pytest.fixture(autouse=True)
def fast_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(autosave.INTERVAL_ENV, "0.2")


@pytest.fixture
def make_window(qtbot: Any) -> Iterator[Callable[..., MainWindow]]:
    """Like conftest's, but the windows are not qtbot's: a test may drop one, as a crash."""
    windows: list[MainWindow] = []

    def make(*files: Path, prompts: ScriptedPrompts | None = None) -> MainWindow:
        w = create_window(
            [str(f) for f in files], restore=False, prompts=prompts or ScriptedPrompts()
        )
        w.show()
        w.activateWindow()
        assert QTest.qWaitForWindowActive(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        if shiboken6.isValid(w):
            for dv in list(w.views):
                dv.doc.undo_stack.setClean()
                w.close_document(dv)
            w.close()
            w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def dead_pid() -> int:
    """The pid of a process that has finished."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout)


def crash(w: MainWindow) -> None:
    """What a kill leaves: the autosaves written so far and the open-file markers, owned by a
    process that is gone. The window is dropped without closing any map."""
    w.documents.autosaver.flush()
    pid = dead_pid()
    for record in [*recovery.recovery_dir().glob("*.json"), *locks.locks_dir().glob("*.lock")]:
        doc = orjson.loads(record.read_bytes())
        doc["pid"] = pid
        record.write_bytes(orjson.dumps(doc))
    w.hide()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def restart(
    make_window: Callable[..., MainWindow], *files: Path, recoveries: str = "restore"
) -> tuple[MainWindow, ScriptedPrompts]:
    prompts = ScriptedPrompts(recoveries=recoveries)
    w = make_window(*files, prompts=prompts)
    w.documents.start_up()
    return w, prompts


def texts(m: Any) -> list[str]:
    return sorted(c.text for c in m.claims())


def test_text_in_the_inline_editor_is_recovered(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert)
    editor = w.current.scene.inline.editor
    assert editor is not None
    for word in ("Cats ", "lower ", "stress"):
        QTest.keyClicks(w.current.view.viewport(), word)
    assert editor.toPlainText() == "Cats lower stress"

    def autosaved() -> bool:
        w.documents.autosaver.flush()
        entries = recovery.list_recoveries(include_live=True)
        return bool(entries) and "Cats lower stress" in texts(native.load(entries[0].map_path))

    qtbot.waitUntil(autosaved, timeout=5000)
    crash(w)

    w2, prompts = restart(make_window, small_map_file)
    assert len(prompts.offered) == 1
    assert len(w2.views) == 1  # the restored map took the place of the file given
    m = w2.current.doc.map
    assert "Cats lower stress" in texts(m)
    assert not any(t.startswith("New ") for t in texts(m))
    new = next(c for c in m.claims() if c.text == "Cats lower stress")
    assert [r.target for r in m.relations_from(new.id)] == ["t"]
    assert w2.current.doc.is_modified and w2.current.doc.path == str(small_map_file)


def test_a_fresh_placeholder_is_never_recovered_as_a_claim(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    before = texts(w.current.doc.map)
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert)  # a "New reason", its editor open, nothing typed yet
    assert w.current.scene.inline.editor is not None
    w.current.doc.run("title", lambda: w.current.doc.map.update_map(title="Edited"))

    def autosaved() -> bool:
        w.documents.autosaver.flush()
        entries = recovery.list_recoveries(include_live=True)
        return bool(entries) and native.load(entries[0].map_path).title == "Edited"

    qtbot.waitUntil(autosaved, timeout=5000)
    crash(w)
    w2, _ = restart(make_window)
    restored = next(dv for dv in w2.views if dv.doc.source == str(small_map_file))
    assert texts(restored.doc.map) == before
    assert restored.doc.map.title == "Edited"


def test_a_restored_seed_map_never_writes_into_the_seeds(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    seed = SEEDS[1]
    original = seed.read_bytes()
    assert read_only(seed)
    w = make_window(seed)
    doc = w.current.doc
    doc.run("edit", lambda: doc.map.update_map(title="My notes on a seed"))
    qtbot.waitUntil(lambda: bool(recovery.list_recoveries(include_live=True)), timeout=5000)
    crash(w)

    w2, prompts = restart(make_window, seed)
    assert len(w2.views) == 1
    restored = w2.current.doc
    assert restored.map.title == "My notes on a seed" and restored.path is None
    target = tmp_path / "mine.argmap"
    prompts.save_path = str(target)
    assert w2.save()
    assert prompts.asked_save, "Save must ask where, as for a seed opened normally"
    assert native.load(target).title == "My notes on a seed"
    assert seed.read_bytes() == original
    assert not list(seed.parent.glob("*~"))
    # Even asked to, it never writes into the seed folder.
    assert not w2.documents.write(restored, str(seed))
    assert prompts.errors and "read-only" in prompts.errors[-1]
    assert seed.read_bytes() == original


def test_restoring_reuses_the_open_file_without_a_false_conflict(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "debate.argmap"
    shutil.copy(SEEDS[0], path)
    w = make_window(path)
    doc = w.current.doc
    doc.run("edit", lambda: doc.map.update_map(title="Unsaved title"))
    qtbot.waitUntil(lambda: bool(recovery.list_recoveries(include_live=True)), timeout=5000)
    crash(w)

    w2, prompts = restart(make_window, path)  # the usual restart: the file on the command line
    assert [dv.doc.path for dv in w2.views] == [str(path)]
    assert w2.current.doc.map.title == "Unsaved title"
    assert w2.save()
    assert prompts.asked_overwrite == []  # nobody else changed the file
    assert native.load(path).title == "Unsaved title"
    w2.current.doc.run("again", lambda: w2.current.doc.map.update_map(title="Second save"))
    assert w2.save() and prompts.asked_overwrite == []


def test_after_a_crash_with_nothing_autosaved_the_user_is_told(
    make_window: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    marker = locks.lock_path(small_map_file)
    assert marker.exists()
    crash(w)  # nothing was edited, so nothing was autosaved
    _w2, prompts = restart(make_window)
    assert prompts.offered == []
    [info] = prompts.infos
    assert str(small_map_file) in info and "lost" in info
    assert not marker.exists()  # the dead process's marker is gone


def test_the_recovery_dialog_shows_seconds_and_warns_of_an_older_autosave(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    doc = w.current.doc
    doc.run("edit", lambda: doc.map.update_map(title="Autosaved"))
    qtbot.waitUntil(lambda: bool(recovery.list_recoveries(include_live=True)), timeout=5000)
    crash(w)
    newer = native.load(small_map_file)
    newer.update_map(title="Saved later by someone")
    native.save(newer, small_map_file)
    _w2, prompts = restart(make_window, recoveries="keep")
    [line] = prompts.offered
    assert re.search(r"autosaved \d\d:\d\d:\d\d ", line), line
    assert "older than the file, saved " in line
    # Nothing newer than the file was autosaved: the user is told what was open and lost.
    [info] = prompts.infos
    assert str(small_map_file) in info
