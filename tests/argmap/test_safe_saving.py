"""Saving never loses the file on disk: failures are explained, backups kept, temporaries
cleaned, and a file changed by another program is not silently overwritten."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap import fileio
from argmap.errors import ArgmapError
from argmap.fileio import FileChangedError, atomic_write, changed_on_disk, fingerprint

OLD = b'{"format": "argmap", "version": 1, "title": "old"}\n'
NEW = b'{"format": "argmap", "version": 1, "title": "new"}\n'


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "debate.argmap"
    path.write_bytes(OLD)
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def dead_pid() -> int:
    """The pid of a process that has just finished (and been waited for)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def host() -> str:
    return fileio._host()


# ---------------------------------------------------------------------------- plain saving


def test_save_replaces_and_keeps_a_backup(target: Path) -> None:
    fp = atomic_write(target, NEW, backup=True)
    assert target.read_bytes() == NEW
    assert (target.parent / "debate.argmap~").read_bytes() == OLD
    assert names(target.parent) == ["debate.argmap", "debate.argmap~"]
    assert fp == fingerprint(target)


def test_backup_is_a_copy_where_hard_links_are_impossible(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def no_links(src: Any, dst: Any, **kw: Any) -> None:
        calls.append(dst)
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    atomic_write(target, NEW, backup=True)
    assert calls, "the hard link was not even tried"
    backup = target.parent / "debate.argmap~"
    assert backup.read_bytes() == OLD
    assert os.stat(backup).st_ino != os.stat(target).st_ino
    assert names(target.parent) == ["debate.argmap", "debate.argmap~"]


def test_a_second_save_moves_the_backup_on(target: Path) -> None:
    atomic_write(target, NEW, backup=True)
    atomic_write(target, b"third", backup=True)
    assert (target.parent / "debate.argmap~").read_bytes() == NEW


def test_a_backup_already_linked_to_the_file_leaves_no_stray(target: Path) -> None:
    # A save killed right after making its backup leaves file and backup as two links of one
    # file; renaming a link onto another link of the same file does nothing (found by the
    # SIGKILL test), so the next save must not leave its backup temporary behind.
    os.link(target, target.parent / "debate.argmap~")
    atomic_write(target, NEW, backup=True)
    assert names(target.parent) == ["debate.argmap", "debate.argmap~"]
    assert (target.parent / "debate.argmap~").read_bytes() == OLD
    assert target.read_bytes() == NEW


def test_save_keeps_the_permissions_of_the_file(target: Path) -> None:
    os.chmod(target, 0o640)
    atomic_write(target, NEW)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.argmap", NEW)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.argmap").st_mode) == 0o644


def test_save_writes_through_a_symbolic_link(target: Path) -> None:
    link = target.parent / "link.argmap"
    link.symlink_to(target)
    atomic_write(link, NEW)
    assert link.is_symlink()
    assert target.read_bytes() == NEW


def test_a_very_long_file_name_still_saves(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 240 + ".argmap")
    atomic_write(path, NEW)
    atomic_write(path, OLD, backup=False)
    assert path.read_bytes() == OLD


# ---------------------------------------------------------------------------- failures


def _raiser(code: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("module", "function", "code", "reason"),
    [
        (os, "write", errno.ENOSPC, "the disk is full"),
        (os, "fsync", errno.ENOSPC, "the disk is full"),
        (os, "fsync", errno.EIO, "input/output error"),
        (os, "write", errno.EDQUOT, "quota"),
        (os, "replace", errno.EACCES, "permission denied"),
        (os, "chmod", errno.EPERM, "not permitted"),
        (tempfile, "mkstemp", errno.EACCES, "permission denied"),
        (tempfile, "mkstemp", errno.EROFS, "read-only"),
    ],
)
def test_a_failing_step_explains_itself_and_leaves_the_file(
    target: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    function: str,
    code: int,
    reason: str,
) -> None:
    monkeypatch.setattr(module, function, _raiser(code))
    with pytest.raises(ArgmapError) as info:
        atomic_write(target, NEW, backup=True)
    monkeypatch.undo()
    line = info.value.line()
    assert line.startswith(f"{target}: cannot save")
    assert reason in line
    assert "\n" not in line
    assert target.read_bytes() == OLD
    # No temporary left; the backup, if it was already made, is the old version.
    assert set(names(target.parent)) <= {"debate.argmap", "debate.argmap~"}
    backup = target.parent / "debate.argmap~"
    assert not backup.exists() or backup.read_bytes() == OLD


def test_a_failing_backup_leaves_everything_as_it_was(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", _raiser(errno.EXDEV))
    monkeypatch.setattr(shutil, "copy2", _raiser(errno.ENOSPC))
    with pytest.raises(ArgmapError, match=r"keep a backup.*disk is full"):
        atomic_write(target, NEW, backup=True)
    monkeypatch.undo()
    assert names(target.parent) == ["debate.argmap"]
    assert target.read_bytes() == OLD


def test_save_into_a_removed_folder_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    path = folder / "m.argmap"
    path.write_bytes(OLD)
    shutil.rmtree(folder)
    with pytest.raises(ArgmapError, match="folder does not exist") as info:
        atomic_write(path, NEW)
    assert str(path) in info.value.line()
    assert not folder.exists()


def _as_nobody(action: Callable[[], None]) -> str:
    """Run ``action`` in a forked child without root's rights; its error line, or "ok"."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            action()
            msg = "ok"
        except ArgmapError as e:
            msg = e.line()
        except BaseException as e:
            msg = f"UNEXPECTED {type(e).__name__}: {e}"
        os.write(write_end, msg.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        out = f.read().decode()
    os.waitpid(pid, 0)
    return out


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder an ordinary user can reach (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="argmap-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    os.chmod(folder, 0o755)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("where", ["folder", "parent"])
def test_save_into_a_read_only_or_unreachable_folder_says_so(open_folder: Path, where: str) -> None:
    folder = open_folder / "ro"
    folder.mkdir()
    path = folder / "m.argmap"
    path.write_bytes(OLD)
    os.chmod(path, 0o666)
    # A folder we may not write to, or (root only) one whose parent we may not even enter.
    locked = folder if where == "folder" else open_folder
    os.chmod(locked, 0o555 if where == "folder" else 0o700)
    if where == "parent" and os.geteuid() != 0:
        os.chmod(locked, 0o755)
        pytest.skip("needs root to make a folder unreachable to another user")
    try:
        if os.geteuid() == 0:
            # Root may write anywhere: try as an ordinary user in a forked child.
            line = _as_nobody(lambda: atomic_write(path, NEW))
        else:
            try:
                atomic_write(path, NEW)
                line = "ok"
            except ArgmapError as e:
                line = e.line()
    finally:
        os.chmod(locked, 0o755)
    step = "create a temporary file" if where == "folder" else "look at the file"
    assert line.startswith(f"{path}: cannot save ({step}): permission denied"), line
    assert path.read_bytes() == OLD
    assert names(folder) == ["m.argmap"]


def test_keyboard_interrupt_mid_save_removes_the_temporary(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, NEW)
    monkeypatch.undo()
    assert names(target.parent) == ["debate.argmap"]
    assert target.read_bytes() == OLD


# ---------------------------------------------------------------------------- temporaries


def test_stale_temporaries_of_dead_saves_are_removed_by_the_next_save(target: Path) -> None:
    folder = target.parent
    dead = folder / f".debate.argmap.{host()}-{dead_pid()}.k3j2h1.tmp"
    dead_backup = folder / f".debate.argmap~.{host()}-{dead_pid()}.tmp"
    live = folder / f".debate.argmap.{host()}-{os.getppid()}.a8b7c6.tmp"
    far_old = folder / ".debate.argmap.elsewhere-12345.zz9.tmp"
    far_young = folder / ".debate.argmap.elsewhere-12346.zz8.tmp"
    other_file = folder / f".other.argmap.{host()}-{dead_pid()}.k3j2h1.tmp"
    for p in (dead, dead_backup, live, far_old, far_young, other_file):
        p.write_bytes(b"half a save")
    two_hours_ago = time.time() - 7200
    os.utime(far_old, (two_hours_ago, two_hours_ago))

    atomic_write(target, NEW)

    left = names(folder)
    assert dead.name not in left
    assert dead_backup.name not in left
    assert far_old.name not in left
    # A save still running here or on another machine keeps its temporary; so does another
    # file's (its own next save cleans it).
    assert {live.name, far_young.name, other_file.name} <= set(left)


def test_temporary_names_carry_host_and_pid(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any) -> None:
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(target, NEW)
    assert len(seen) == 1
    assert seen[0].startswith(f".debate.argmap.{host()}-{os.getpid()}.")
    assert seen[0].endswith(".tmp")
    assert socket.gethostname()  # the host part comes from the machine's name


# ---------------------------------------------------------------------------- changed on disk


def test_fingerprint_notices_another_programs_change(target: Path) -> None:
    seen = fingerprint(target)
    assert seen is not None
    assert not changed_on_disk(target, seen)
    target.write_bytes(OLD.replace(b"old", b"odd"))  # same size, new content
    os.utime(target, ns=(seen.mtime_ns + 5_000_000_000, seen.mtime_ns + 5_000_000_000))
    assert changed_on_disk(target, seen)


def test_a_touch_without_new_content_is_no_change(target: Path) -> None:
    seen = fingerprint(target)
    assert seen is not None
    later = seen.mtime_ns + 10_000_000_000
    os.utime(target, ns=(later, later))
    assert not changed_on_disk(target, seen)


def test_a_removed_or_new_file_is_a_change(target: Path, tmp_path: Path) -> None:
    seen = fingerprint(target)
    target.unlink()
    assert changed_on_disk(target, seen)
    assert changed_on_disk(target, None) is False
    assert changed_on_disk(tmp_path / "none", None) is False
    target.write_bytes(OLD)
    assert changed_on_disk(target, None)


def test_save_refuses_to_overwrite_a_file_changed_since_opening(target: Path) -> None:
    seen = fingerprint(target)
    target.write_bytes(b"someone else's edit, longer than before")
    with pytest.raises(FileChangedError, match="changed on disk") as info:
        atomic_write(target, NEW, expect=seen)
    assert info.value.file == str(target)
    assert target.read_bytes() == b"someone else's edit, longer than before"
    assert names(target.parent) == ["debate.argmap"]
    # The user chose to overwrite: no expectation, the save goes through.
    atomic_write(target, NEW)
    assert target.read_bytes() == NEW


def test_save_with_a_matching_fingerprint_goes_through(target: Path) -> None:
    first = fingerprint(target)
    second = atomic_write(target, NEW, expect=first)
    assert target.read_bytes() == NEW
    # The fingerprint a save returns is the one to expect next time.
    atomic_write(target, OLD, expect=second)
    assert target.read_bytes() == OLD


def test_expecting_no_file_refuses_when_one_appeared(tmp_path: Path) -> None:
    path = tmp_path / "new.argmap"
    path.write_bytes(OLD)
    with pytest.raises(FileChangedError):
        atomic_write(path, NEW, expect=None)
    assert path.read_bytes() == OLD


# ---------------------------------------------------------------------------- reading


@pytest.mark.timeout(30)  # opening a FIFO that no one writes would wait for ever
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.argmap"
    os.mkfifo(fifo)
    with pytest.raises(ArgmapError, match="not a regular file"):
        fileio.read_bytes(fifo)


def _bytes_read() -> int:
    with open("/proc/self/io", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("rchar:"))


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs Linux /proc/self/io")
def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.argmap"
    with open(big, "wb") as f:
        f.truncate(200 * fileio.MiB)  # sparse: costs no disk
    before = _bytes_read()
    with pytest.raises(ArgmapError, match=r"too large \(200 MiB; the limit is 128 MiB\)"):
        fileio.read_bytes(big)
    assert _bytes_read() - before < 64 * 1024  # not a single block of the file was read
