"""A marker for each file an argmap instance has open, so a second instance opening the same
file warns instead of silently forking the work.

The marker is ``<data dir>/locks/<hash of the file's real path>.lock``, a small JSON record
(pid, host, boot, path, time). It is advice, not an OS lock: a record whose process is gone
(same host, and the pid no longer runs or the machine has rebooted since) is stale and ignored.

>>> import os, tempfile
>>> os.environ["ARGMAP_DATA_DIR"] = tempfile.mkdtemp()  # not the user's real data folder
>>> lock = acquire("/tmp/debate.argmap")
>>> holder("/tmp/debate.argmap") is None  # our own lock is no warning for us
True
>>> holder("/tmp/debate.argmap", include_self=True).pid == os.getpid()
True
>>> lock.release()
>>> holder("/tmp/debate.argmap", include_self=True) is None
True
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write
from argmap.procinfo import boot_id, hostname, same_live_process
from argmap.userdirs import data_dir, ensure_dir


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who has a file open."""

    path: str
    pid: int
    host: str
    boot: str
    opened_at: float

    def describe(self) -> str:
        """A phrase for the warning, e.g. ``argmap (pid 4242 on laptop) since 14:03``."""
        since = time.strftime("%H:%M", time.localtime(self.opened_at))
        return f"argmap (pid {self.pid} on {self.host}) since {since}"


class FileLockedError(ArgmapError):
    """The file is open in another running argmap; ``holder`` says which."""

    def __init__(self, path: str, holder: LockInfo) -> None:
        self.holder = holder
        super().__init__(f"already open in another {holder.describe()}", file=path)


def locks_dir() -> Path:
    """``<data dir>/locks``."""
    return data_dir() / "locks"


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.path.abspath(os.fspath(path)))


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The marker file for ``path`` (keyed by its real path, so links and ``..`` agree)."""
    digest = hashlib.sha256(_real(path).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return locks_dir() / f"{digest}.lock"


def _read(marker: Path) -> LockInfo | None:
    try:
        with open(marker, "rb") as f:
            doc: Any = orjson.loads(f.read(64 * 1024))
        return LockInfo(
            path=str(doc["path"]),
            pid=int(doc["pid"]),
            host=str(doc["host"]),
            boot=str(doc.get("boot", "")),
            opened_at=float(doc.get("opened_at", 0.0)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, half-written by a killed process, or not ours: no lock


def holder(path: str | os.PathLike[str], *, include_self: bool = False) -> LockInfo | None:
    """The running instance that has ``path`` open, or ``None`` (stale markers don't count)."""
    info = _read(lock_path(path))
    if info is None:
        return None
    if not same_live_process(info.pid, info.host, info.boot):
        return None
    if not include_self and info.pid == os.getpid() and info.host == hostname():
        return None
    return info


@dataclass
class FileLock:
    """This instance's marker for an open file; :meth:`release` it when the file is closed."""

    path: str
    marker: Path
    info: LockInfo

    def release(self) -> None:
        """Remove the marker if it is still ours (another instance may have taken over)."""
        current = _read(self.marker)
        if current is not None and (current.pid, current.host) == (self.info.pid, self.info.host):
            with contextlib.suppress(OSError):
                self.marker.unlink()

    def __enter__(self) -> FileLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def acquire(path: str | os.PathLike[str], *, force: bool = False) -> FileLock:
    """Mark ``path`` as open in this instance.

    Raises :class:`FileLockedError` if another running instance has it open, unless ``force``
    (the user chose to open it anyway), which takes the marker over.
    """
    real = _real(path)
    marker = lock_path(real)
    other = holder(real)
    if other is not None and not force:
        raise FileLockedError(os.fspath(path), other)
    info = LockInfo(real, os.getpid(), hostname(), boot_id(), time.time())
    record = orjson.dumps(
        {
            "path": info.path,
            "pid": info.pid,
            "host": info.host,
            "boot": info.boot,
            "opened_at": info.opened_at,
        }
    )
    try:
        ensure_dir(marker.parent)
        if not force and not _create_exclusive(marker, record):
            # Someone made a marker between our look and now: a live one wins.
            other = holder(real)
            if other is not None:
                raise FileLockedError(os.fspath(path), other)
        atomic_write(marker, record)
    except FileLockedError:
        raise
    except (OSError, ArgmapError):
        pass  # the marker is a courtesy: a read-only data folder must not stop anyone working
    return FileLock(real, marker, info)


def _create_exclusive(marker: Path, record: bytes) -> bool:
    """Create ``marker`` only if it does not exist; False if it already did."""
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as f:
        f.write(record)
    return True


def clean_stale() -> list[LockInfo]:
    """Remove the markers left by argmap processes that are gone (killed, crashed) and return
    what they had open, so the app can tell the user which maps were open when it stopped.
    Markers of other machines are left alone: we cannot tell whether their process runs."""
    folder = locks_dir()
    try:
        markers = sorted(folder.glob("*.lock"))
    except OSError:
        return []
    stale = []
    for marker in markers:
        info = _read(marker)
        # Unreadable: perhaps being written by a live instance this very moment; leave it.
        if info is None or same_live_process(info.pid, info.host, info.boot):
            continue
        with contextlib.suppress(OSError):
            marker.unlink()
        stale.append(info)
    return stale
