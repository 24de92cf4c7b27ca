"""Reading and writing files safely: size limits on the way in, atomic replace on the way out."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError

MiB = 1024 * 1024
DEFAULT_READ_LIMIT = 128 * MiB


def read_bytes(path: str | os.PathLike[str], limit: int = DEFAULT_READ_LIMIT) -> bytes:
    """The file's bytes, or an :class:`ArgmapError` naming the file (missing, unreadable,
    a directory, or larger than ``limit``)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise ArgmapError(
                    f"file is too large ({size / MiB:.0f} MiB; the limit is {limit / MiB:.0f} MiB)",
                    file=name,
                )
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise ArgmapError("no such file", file=name) from None
    except IsADirectoryError:
        raise ArgmapError("is a directory, not a file", file=name) from None
    except PermissionError:
        raise ArgmapError("permission denied", file=name) from None
    except OSError as e:
        raise ArgmapError(f"cannot read: {e.strerror or e}", file=name) from None
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


def atomic_write(path: str | os.PathLike[str], data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` so that a crash at any moment leaves either the old file or
    the new one, complete: write a temporary file beside it, fsync, rename over, fsync the
    folder. With ``backup``, the previous version is kept as ``path~``.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
            if backup:
                backup_path = target.with_name(target.name + "~")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup_path)
                os.link(target, backup_path)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
