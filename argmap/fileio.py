"""Reading and writing files safely: size limits on the way in, atomic replace on the way out.

Saving (:func:`atomic_write`) writes a temporary file beside the target, fsyncs it, keeps the
previous version as ``name~`` when asked, renames the temporary over the target and fsyncs the
folder, so a crash or a ``kill -9`` at any moment leaves either the old file or the new one,
complete. Any failure (disk full, no permission, folder removed) raises an
:class:`~argmap.errors.ArgmapError` naming the file and the reason, and leaves the target as it
was and no temporary behind.

Temporaries are named ``.NAME.HOST-PID.RANDOM.tmp``. A process killed mid-save cannot remove
its own, so every save first removes the stale temporaries of its target: those of a process of
this host that is no longer running, and any older than :data:`STALE_TMP_SECONDS`.

:func:`fingerprint` notes a file's size, modification time and hash when it is opened, so the
app can tell before saving whether another program changed it in the meantime.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import socket
import stat
import tempfile
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.procinfo import pid_alive

MiB = 1024 * 1024
DEFAULT_READ_LIMIT = 128 * MiB
# A temporary this old is stale whatever wrote it (a save takes seconds, not an hour).
STALE_TMP_SECONDS = 3600.0


def read_bytes(path: str | os.PathLike[str], limit: int = DEFAULT_READ_LIMIT) -> bytes:
    """The file's bytes, or an :class:`ArgmapError` naming the file (missing, unreadable,
    a directory, not a regular file, or larger than ``limit``: refused before reading)."""
    name = os.fspath(path)
    try:
        # O_NONBLOCK so that opening a FIFO does not wait for a writer; a regular file reads
        # the same either way.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ArgmapError("no such file", file=name) from None
    except IsADirectoryError:
        raise ArgmapError("is a directory, not a file", file=name) from None
    except PermissionError:
        raise ArgmapError("permission denied", file=name) from None
    except OSError as e:
        raise ArgmapError(f"cannot read: {_reason(e)}", file=name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ArgmapError("is a directory, not a file", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise ArgmapError("not a regular file", file=name)
        if info.st_size > limit:
            raise ArgmapError(
                f"file is too large ({info.st_size / MiB:.0f} MiB; "
                f"the limit is {limit / MiB:.0f} MiB)",
                file=name,
            )
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise ArgmapError(f"cannot read: {_reason(e)}", file=name) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ArgmapError(f"file is too large (over {limit / MiB:.0f} MiB)", file=name)
    return data


def decode_utf8(data: bytes, file: str | None) -> str:
    """Decode UTF-8 (a leading BOM is dropped) or fail naming the line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ArgmapError(
            f"invalid UTF-8 (byte 0x{data[e.start]:02x})", file=file, place=f"line {line}:{col}"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


# ---------------------------------------------------------------------------- fingerprints


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file looked like: size, modification time (ns) and SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    sha256: str


def fingerprint(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The file's :class:`Fingerprint`, or ``None`` if there is no such file.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "a.argmap")
    ...     _ = open(p, "wb").write(b"{}")
    ...     fingerprint(p).size, fingerprint(os.path.join(d, "missing")) is None
    (2, True)
    """
    name = os.fspath(path)
    digest = hashlib.sha256()
    try:
        with open(name, "rb") as f:
            info = os.fstat(f.fileno())
            while chunk := f.read(4 * MiB):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ArgmapError(f"cannot read: {_reason(e)}", file=name) from None
    return Fingerprint(info.st_size, info.st_mtime_ns, digest.hexdigest())


def changed_on_disk(path: str | os.PathLike[str], seen: Fingerprint | None) -> bool:
    """Whether ``path`` differs from what was ``seen`` (``None``: there was no file).

    Same size and time count as unchanged without reading; a new time with the same bytes
    (a ``touch``) does not count as a change.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return seen is not None
    except OSError as e:
        raise ArgmapError(f"cannot read: {_reason(e)}", file=name) from None
    if seen is None:
        return True
    if info.st_size != seen.size:
        return True
    if info.st_mtime_ns == seen.mtime_ns:
        return False
    now = fingerprint(name)
    return now is None or now.sha256 != seen.sha256


class _Unchecked(Enum):
    UNCHECKED = 0


UNCHECKED = _Unchecked.UNCHECKED  # atomic_write's default: do not compare with a fingerprint


class FileChangedError(ArgmapError):
    """The file on disk is not the one that was opened: saving would overwrite someone's work."""


# ---------------------------------------------------------------------------- saving


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    backup: bool = False,
    expect: Fingerprint | _Unchecked | None = UNCHECKED,
) -> Fingerprint:
    """Write ``data`` to ``path`` so that a crash at any moment leaves either the old file or
    the new one, complete; returns the new file's :class:`Fingerprint`.

    With ``backup`` the previous version is kept as ``path~`` (a hard link, or a copy where
    links are impossible). With ``expect`` (a fingerprint, or ``None`` for "there was no
    file") the save is refused with :class:`FileChangedError` if the file on disk differs.
    Every failure is an :class:`ArgmapError` naming the file and the reason; the target is
    then unchanged and the temporary removed.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = os.path.join(d, "a.argmap")
    ...     _ = atomic_write(p, b"one")
    ...     _ = atomic_write(p, b"two", backup=True)
    ...     open(p, "rb").read(), open(p + "~", "rb").read(), sorted(os.listdir(d))
    (b'two', b'one', ['a.argmap', 'a.argmap~'])
    """
    target = Path(path)
    name = os.fspath(path)
    digest = hashlib.sha256(data).hexdigest()  # for the fingerprint, before anything on disk
    tmp: str | None = None
    step = "look at the file"
    try:
        if target.is_symlink():
            # Write through the link, as editors do, rather than replacing the link by a file.
            target = Path(os.path.realpath(target))
        folder = target.parent if str(target.parent) else Path(".")
        remove_stale_temporaries(target)
        if expect is not UNCHECKED and changed_on_disk(target, expect):
            raise FileChangedError(
                "the file was changed on disk by another program since it was opened", file=name
            )
        step = "create a temporary file"
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(target), suffix=".tmp", dir=folder)
        step = "write"
        with os.fdopen(fd, "wb") as f:
            view = memoryview(data)
            while view:
                written = os.write(f.fileno(), view)
                view = view[written:]
            step = "flush to disk"
            os.fsync(f.fileno())
        step = "set permissions"
        _copy_mode(target, tmp)
        if backup and target.exists():
            step = "keep a backup"
            _make_backup(target)
        step = "replace the file"
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise ArgmapError(f"cannot save ({step}): {_reason(e)}", file=name) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _fsync_folder(folder)
    try:
        info = os.stat(target)
    except OSError as e:
        raise ArgmapError(f"saved, but cannot read it back: {_reason(e)}", file=name) from None
    return Fingerprint(info.st_size, info.st_mtime_ns, digest)


def _make_backup(target: Path) -> None:
    """``target~`` becomes a copy of ``target``, replaced atomically (never half a backup)."""
    backup_path = target.with_name(target.name + "~")
    with contextlib.suppress(OSError):
        if os.path.samefile(target, backup_path):
            # Already this version (a killed save got this far): and renaming a hard link
            # onto another link of the same file does nothing, which would leave ``part``.
            return
    part = target.with_name(f".{_stem(target)}~.{_host()}-{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(part)
    try:
        os.link(target, part)
    except OSError:
        # No hard links here (FAT, some network shares, EXDEV, EMLINK): copy instead.
        try:
            shutil.copy2(target, part)
            with open(part, "rb+") as f:
                os.fsync(f.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(part)
            raise
    try:
        os.replace(part, backup_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(part)  # gone after a real rename; left if both were links of one file


def _copy_mode(target: Path, tmp: str) -> None:
    """The new file keeps the old one's permissions; a new file gets the usual ones."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every system can open a folder, which is harmless.
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


_HOST_RE = re.compile(r"[^A-Za-z0-9-]")


def _host() -> str:
    return _HOST_RE.sub("-", socket.gethostname())[:32] or "host"


def _stem(target: Path) -> str:
    # Keep temporary names within the usual 255-byte limit whatever the target's name.
    if len(os.fsencode(target.name)) <= 160:
        return target.name
    return "long-" + hashlib.sha256(os.fsencode(target.name)).hexdigest()[:16]


def _tmp_prefix(target: Path) -> str:
    return f".{_stem(target)}.{_host()}-{os.getpid()}."


def remove_stale_temporaries(target: str | os.PathLike[str]) -> list[str]:
    """Remove the temporaries that killed saves of ``target`` left behind; returns their names.

    Stale are those of a process of this host that is no longer running, and any older than
    :data:`STALE_TMP_SECONDS`; a temporary of a save still going on is left alone.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(
        r"\." + re.escape(_stem(target)) + r"~?\.(?P<host>[A-Za-z0-9-]+)-(?P<pid>\d+)\.(?:.*\.)?tmp"
    )
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for entry in names:
        match = pattern.fullmatch(entry)
        if match is None:
            continue
        path = folder / entry
        try:
            age = now - path.lstat().st_mtime
        except OSError:
            continue
        pid = int(match["pid"])
        dead = match["host"] == _host() and pid != os.getpid() and not pid_alive(pid)
        if dead or age > STALE_TMP_SECONDS:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(entry)
    return removed


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "the file system is read-only",
    errno.ENOENT: "the folder does not exist (was it removed or renamed?)",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "is a directory",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "input/output error (is the disk failing or unplugged?)",
    errno.EFBIG: "the file is too large for this file system",
    errno.EMFILE: "too many open files",
}


def _reason(e: OSError) -> str:
    return _REASONS.get(e.errno or 0, e.strerror or str(e) or type(e).__name__)
