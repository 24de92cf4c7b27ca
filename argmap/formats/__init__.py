"""File formats: one module each, found through a small registry by extension or content.

Readers turn a file into an :class:`~argmap.model.ArgumentMap`; writers turn a map into bytes.
Every ``*_format`` module here registers its formats when first imported, so the CLI and the
desktop app share one table and one set of error messages.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.fileio import read_bytes
from argmap.model.argument_map import ArgumentMap

Reader = Callable[[bytes, str], ArgumentMap]  # (data, file name) -> map
Writer = Callable[[ArgumentMap], bytes]
Sniffer = Callable[[bytes], bool]  # does this content look like the format?


@dataclass
class Format:
    name: str
    extensions: tuple[str, ...]
    description: str
    reader: Reader | None = None
    writer: Writer | None = None
    sniff: Sniffer | None = None
    options: dict[str, object] = field(default_factory=dict)


_FORMATS: dict[str, Format] = {}
_loaded = False


def register(fmt: Format) -> None:
    _FORMATS[fmt.name] = fmt


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    # Every module named *_format in this package registers one or more formats when imported.
    builtin = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_format"))
    for module in builtin:
        importlib.import_module(f"{__name__}.{module}")


def formats() -> list[Format]:
    _load_builtin()
    return list(_FORMATS.values())


def get(name: str) -> Format:
    _load_builtin()
    try:
        return _FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise ArgmapError(f"unknown format {name!r} (known: {known})") from None


def for_path(path: str | os.PathLike[str], *, want: str) -> Format | None:
    """The format whose extension ``path`` has and which can ``want`` ("read" or "write")."""
    _load_builtin()
    name = Path(path).name.lower()
    matches = [
        f
        for f in _FORMATS.values()
        if any(name.endswith(ext) for ext in f.extensions)
        and (f.reader if want == "read" else f.writer) is not None
    ]
    matches.sort(key=lambda f: -max(len(e) for e in f.extensions if name.endswith(e)))
    return matches[0] if matches else None


def detect(path: str | os.PathLike[str], data: bytes) -> Format:
    """The reader for a file: by extension first, else by content."""
    fmt = for_path(path, want="read")
    if fmt is not None:
        if fmt.sniff is None or fmt.sniff(data):
            return fmt
        # The extension is shared (.xml, .json): trust the content when another format claims it.
        for f in _FORMATS.values():
            if f is not fmt and f.reader is not None and f.sniff is not None and f.sniff(data):
                return f
        return fmt
    for f in _FORMATS.values():
        if f.reader is not None and f.sniff is not None and f.sniff(data):
            return f
    readable = ", ".join(e for f in _FORMATS.values() if f.reader for e in f.extensions)
    raise ArgmapError(f"unknown file type (argmap reads {readable})", file=os.fspath(path))


def load_map(path: str | os.PathLike[str], *, format: str | None = None) -> ArgumentMap:
    """Read a map from any readable format; errors are one-line :class:`ArgmapError`."""
    name = os.fspath(path)
    data = read_bytes(name)
    fmt = get(format) if format else detect(name, data)
    if fmt.reader is None:
        raise ArgmapError(f"argmap cannot read {fmt.name} files", file=name)
    return fmt.reader(data, name)


def load_map_with_losses(
    path: str | os.PathLike[str], *, format: str | None = None
) -> tuple[ArgumentMap, list[str]]:
    """:func:`load_map`, and what the reader could not keep (a truncated Argdown file, say):
    the messages a command or the app must show, since the map alone cannot tell."""
    from argmap.formats.common import collecting_losses

    with collecting_losses() as lost:
        m = load_map(path, format=format)
    return m, lost


def write_map(m: ArgumentMap, fmt: Format) -> bytes:
    if fmt.writer is None:
        raise ArgmapError(f"argmap cannot write {fmt.name} files")
    return fmt.writer(m)
