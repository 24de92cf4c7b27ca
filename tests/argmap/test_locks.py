"""Open-file markers: a second instance opening the same file is warned; stale markers of
dead processes are ignored."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap import locks
from tests.conftest import ROOT

HOLDER = textwrap.dedent(
    """
    import sys, time
    from argmap import locks
    lock = locks.acquire(sys.argv[1])
    print("locked", flush=True)
    if sys.argv[2] == "stay":
        time.sleep(60)
    """
)


def other_instance(path: Path, stay: bool) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), "stay" if stay else "exit"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "debate.argmap"
    path.write_text("{}")
    return path


@pytest.fixture
def other(doc: Path) -> Iterator[subprocess.Popen[str]]:
    proc = other_instance(doc, stay=True)
    yield proc
    proc.kill()
    proc.wait()


def test_a_file_open_in_another_instance_is_reported(
    doc: Path, other: subprocess.Popen[str]
) -> None:
    info = locks.holder(doc)
    assert info is not None
    assert info.pid == other.pid
    assert info.path == os.path.realpath(doc)
    with pytest.raises(locks.FileLockedError) as err:
        locks.acquire(doc)
    line = err.value.line()
    assert line.startswith(f"{doc}: already open in another argmap (pid {other.pid} on ")
    assert err.value.holder.pid == other.pid


def test_the_same_file_by_another_name_is_the_same_file(
    doc: Path, other: subprocess.Popen[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "link.argmap"
    link.symlink_to(doc)
    assert locks.holder(link) is not None
    monkeypatch.chdir(tmp_path)
    assert locks.holder("debate.argmap") is not None
    assert locks.holder(tmp_path / "sub" / ".." / "debate.argmap") is not None


def test_opening_anyway_takes_the_marker_over(doc: Path, other: subprocess.Popen[str]) -> None:
    mine = locks.acquire(doc, force=True)
    assert locks.holder(doc) is None
    assert locks.holder(doc, include_self=True) == mine.info
    mine.release()
    assert locks.holder(doc, include_self=True) is None


def test_a_marker_of_a_dead_process_is_stale(doc: Path) -> None:
    proc = other_instance(doc, stay=False)
    proc.wait()
    assert locks.lock_path(doc).exists()  # it died without releasing
    assert locks.holder(doc) is None
    with locks.acquire(doc) as lock:
        assert locks.holder(doc, include_self=True) == lock.info
    assert not locks.lock_path(doc).exists()


def test_start_up_cleans_markers_of_dead_processes_only(
    doc: Path, tmp_path: Path, other: subprocess.Popen[str]
) -> None:
    dead_file = tmp_path / "left-open.argmap"
    dead_file.write_text("{}")
    dead = other_instance(dead_file, stay=False)
    dead.wait()
    mine = tmp_path / "mine.argmap"
    with locks.acquire(mine):
        [stale] = locks.clean_stale()
        assert stale.path == str(dead_file.resolve()) and stale.pid == dead.pid
        assert not locks.lock_path(dead_file).exists()
        # A live other instance's marker and our own stay.
        assert locks.holder(doc) is not None and locks.holder(doc).pid == other.pid
        assert locks.holder(mine, include_self=True) is not None
        assert locks.clean_stale() == []


def test_release_leaves_a_marker_someone_else_took_over(doc: Path) -> None:
    lock = locks.acquire(doc)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            HOLDER.replace("acquire(sys.argv[1])", "acquire(sys.argv[1], force=True)"),
            str(doc),
            "exit",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "locked"
    lock.release()
    assert locks.lock_path(doc).exists()


@pytest.mark.parametrize("content", [b"", b"\x00\xff", b"[]", b'{"pid": "x"}', b'{"path": 1}'])
def test_a_garbled_marker_is_no_lock(doc: Path, content: bytes) -> None:
    marker = locks.lock_path(doc)
    marker.parent.mkdir(parents=True)
    marker.write_bytes(content)
    assert locks.holder(doc) is None
    locks.acquire(doc).release()


def test_an_unwritable_data_folder_does_not_stop_opening(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_bytes(b"")
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(blocker))
    lock = locks.acquire(doc)
    assert lock.path == os.path.realpath(doc)
    lock.release()
