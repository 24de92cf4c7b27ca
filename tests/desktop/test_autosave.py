"""Autosave, recovery, safe saving and open-file warnings in the real window (offscreen)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from argmap import locks, recovery
from argmap.formats import native
from bench.generate import generate_map
from desktop import autosave, recovery_dialog
from desktop.document import Document
from tests.desktop.conftest import ROOT
from tests.desktop.scripted import ScriptedPrompts


@pytest.fixture(autouse=True)
def fast_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(autosave.INTERVAL_ENV, "0.2")


def edit(w: Any, text: str = "An edit to recover") -> str:
    doc = w.current.doc
    return doc.run("Add", lambda: doc.map.add_claim(text).id)


def wait_for(qtbot: Any, condition: Callable[[], bool], timeout: int = 5000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


def test_an_edit_is_autosaved_and_a_save_removes_it(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    rel = w.documents
    cid = edit(w)
    wait_for(qtbot, lambda: len(recovery.list_recoveries(include_live=True)) == 1)
    rel.autosaver.flush()
    [entry] = recovery.list_recoveries(include_live=True)
    assert entry.original_path == str(small_map_file)
    assert native.load(entry.map_path) == w.current.doc.map
    assert native.load(entry.map_path).claim(cid).text == "An edit to recover"
    # Our own live work is never offered to another instance.
    assert recovery.list_recoveries() == []
    assert w.save()
    rel.autosaver.flush()
    assert recovery.list_recoveries(include_live=True) == []
    assert (small_map_file.parent / "cats.argmap~").exists()  # the backup of the old version


def test_undo_back_to_the_saved_state_removes_the_recovery(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    rel = w.documents
    edit(w)
    wait_for(qtbot, lambda: bool(recovery.list_recoveries(include_live=True)))
    w.current.doc.undo_stack.undo()
    rel.autosaver.flush()
    wait_for(qtbot, lambda: not recovery.list_recoveries(include_live=True))


def test_closing_a_map_removes_its_recovery_and_marker(
    make_window: Any, qtbot: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    rel = w.documents
    assert locks.holder(small_map_file, include_self=True) is not None
    edit(w)
    wait_for(qtbot, lambda: bool(recovery.list_recoveries(include_live=True)))
    w.close_document(w.current)  # the fixture's window answers "discard"
    rel.autosaver.flush()
    assert recovery.list_recoveries(include_live=True) == []
    assert locks.holder(small_map_file, include_self=True) is None


def test_recovery_from_a_dead_process_is_offered_and_restored_unsaved(
    make_window: Any, qtbot: Any, small_map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = textwrap.dedent(
        """
        import sys
        from argmap import recovery
        from argmap.formats import native
        m = native.load(sys.argv[1])
        m.add_claim("Written before the crash", id="crash")
        recovery.write_recovery("dead-window", m, sys.argv[1])
        """
    )
    subprocess.run([sys.executable, "-c", script, str(small_map_file)], cwd=ROOT, check=True)
    prompts = ScriptedPrompts(recoveries="restore")
    w = make_window(prompts=prompts)
    rel = w.documents
    [doc] = rel.start_up()
    dv = w.view_of(doc)
    assert prompts.offered[0].startswith("cats.argmap — autosaved ")
    assert dv.doc.path == str(small_map_file)
    assert dv.doc.map.claim("crash").text == "Written before the crash"
    assert dv.doc.is_modified
    # It is autosaved under its old key, and saving writes where it belongs.
    assert rel.autosaver.key_of(dv.doc) == "dead-window"
    assert w.save(dv)
    assert native.load(small_map_file).has_claim("crash")
    rel.autosaver.flush()
    assert recovery.list_recoveries(include_live=True) == []


def test_the_dialog_restores_checked_and_discards_only_after_confirming(qtbot: Any) -> None:
    m = generate_map(5)
    for key in ("one", "two"):
        recovery.write_recovery(key, m, f"/tmp/{key}.argmap")
    entries = recovery.list_recoveries(include_live=True)
    answers = [False, True]
    dialog = recovery_dialog.RecoveryDialog(entries, confirm=lambda n: answers.pop(0))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert "one.argmap — autosaved" in dialog.list.item(0).text() + dialog.list.item(1).text()
    dialog.discard_button.click()  # not confirmed
    assert set(dialog.decisions.values()) == {"keep"}
    assert recovery_dialog.apply_decisions(entries, dialog.decisions) == []
    assert len(recovery.list_recoveries(include_live=True)) == 2  # nothing deleted
    dialog.list.item(0).setCheckState(dialog.list.item(0).checkState().Unchecked)
    dialog.discard_button.click()
    assert sorted(dialog.decisions.values()) == ["discard", "keep"]
    recovery_dialog.apply_decisions(entries, dialog.decisions)
    assert len(recovery.list_recoveries(include_live=True)) == 1


def test_a_failed_save_shows_the_reason_and_keeps_everything(
    make_window: Any, small_map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = make_window(small_map_file)
    before = small_map_file.read_bytes()
    edit(w)
    errors = w.prompts.errors

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:  # undo only this, not the suite's settings folder
        patch.setattr(os, "replace", full)
        assert not w.save()
    [error] = errors
    assert error.startswith(f"{small_map_file}: cannot save (")
    assert error.endswith("): the disk is full")
    assert small_map_file.read_bytes() == before
    assert w.current.doc.is_modified
    assert sorted(p.name for p in small_map_file.parent.iterdir()) == ["cats.argmap"]


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(
    make_window: Any, small_map_file: Path
) -> None:
    w = make_window(small_map_file)
    edit(w)
    other = native.load(small_map_file)
    other.update_map(title="Changed by someone else")
    native.save(other, small_map_file)
    w.prompts.overwrite_changed = False
    assert not w.save()
    assert w.prompts.asked_overwrite == [str(small_map_file)]
    assert native.load(small_map_file).title == "Changed by someone else"
    assert w.current.doc.is_modified
    w.prompts.overwrite_changed = True
    assert w.save()
    assert native.load(small_map_file) == w.current.doc.map


def test_a_file_open_in_another_instance_asks_before_opening(
    make_window: Any, small_map_file: Path
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom argmap import locks\nlocks.acquire(sys.argv[1])\n"
            "print('locked', flush=True)\ntime.sleep(60)\n",
            str(small_map_file),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        w = make_window(prompts=ScriptedPrompts(open_locked=False))
        n = len(w.views)
        assert w.open_path(str(small_map_file)) is None
        assert w.prompts.asked_locked == [holder.pid] and len(w.views) == n
        w.prompts.open_locked = True
        assert w.open_path(str(small_map_file)) is not None
    finally:
        holder.kill()
        holder.wait()


def test_autosaving_a_5000_claim_map_runs_on_a_worker_while_the_window_stays_live(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    """The event loop keeps running while three autosaves are written, and the recovery file
    is the map. How long the UI thread is held is measured by ``python -m bench autosave``."""
    path = tmp_path / "big.argmap"
    native.save(generate_map(5000), path)
    w = make_window(path)
    rel = w.documents
    edit(w)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    for _ in range(3):
        rel.autosaver.autosave(w.current.doc)
    pending = list(rel.autosaver._pending)
    assert pending, "the autosave runs on a worker, not in the UI thread's call"
    wait_for(qtbot, lambda: all(f.done() for f in pending), timeout=60_000)
    timer.stop()
    assert ticks, "the event loop did not run while the autosaves were written"
    rel.autosaver.flush()
    [entry] = recovery.list_recoveries(include_live=True)
    assert native.load(entry.map_path) == w.current.doc.map


def test_restoring_a_map_with_no_file_keeps_it_unsaved_without_a_path(
    make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = generate_map(4)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from argmap import recovery\nfrom bench.generate import generate_map\n"
            "recovery.write_recovery('untitled', generate_map(4), None)\n",
        ],
        cwd=ROOT,
        check=True,
    )
    w = make_window(prompts=ScriptedPrompts(recoveries="restore"))
    [doc] = w.documents.start_up()
    dv = w.view_of(doc)
    assert dv.doc.path is None and dv.doc.is_modified
    assert dv.doc.map == m
    assert isinstance(dv.doc, Document)
