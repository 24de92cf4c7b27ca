"""Autosave and crash recovery: unsaved work lives in the user's data folder until it is saved.

Each open document has a key (any string; the app uses one per window tab). Its recovery is
two files in ``<data dir>/recovery/``: ``KEY.argmap``, the map in the native format, and
``KEY.json``, a small sidecar with the original path, the time, the title and the process
that wrote it. Both are written atomically, the map first, so a sidecar always describes a
complete map.

After a crash, :func:`list_recoveries` offers every entry whose process is gone; entries of a
running argmap (same host, same boot, pid alive) are its own live work and are not offered to
another instance. :func:`restore` gives back the map and where it belongs and adopts the entry
for the current process; :func:`discard` deletes it.

>>> import os, tempfile
>>> from argmap.model import ArgumentMap
>>> os.environ["ARGMAP_DATA_DIR"] = tempfile.mkdtemp()  # not the user's real data folder
>>> m = ArgumentMap("Draft")
>>> _ = m.add_claim("Cities should ban cars")
>>> entry = write_recovery("doc-1", m, "/tmp/draft.argmap")
>>> entry.title, entry.claims, entry.original_path
('Draft', 1, '/tmp/draft.argmap')
>>> [e.key for e in list_recoveries()]  # our own live work is not offered
[]
>>> [e.key for e in list_recoveries(include_live=True)]
['doc-1']
>>> discard(entry)
>>> list_recoveries(include_live=True)
[]
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write, read_bytes
from argmap.formats import native
from argmap.model.argument_map import ArgumentMap
from argmap.model.elements import Article, Claim, Relation, VocabularyEntry
from argmap.procinfo import boot_id, hostname, same_live_process
from argmap.userdirs import data_dir, ensure_dir

SIDECAR_VERSION = 1
_KEY_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """One map with unsaved work, as found in the recovery folder."""

    key: str
    map_path: Path
    meta_path: Path
    original_path: str | None  # where the map belongs; None for a map never saved
    saved_at: float  # time of the last autosave (seconds since the epoch)
    title: str
    claims: int
    pid: int
    host: str
    boot: str

    @property
    def text_path(self) -> Path:
        """Argdown text typed for the map that did not read yet (kept beside it, if any)."""
        return self.map_path.with_suffix(".argdown")

    def pending_text(self) -> str | None:
        try:
            return read_bytes(self.text_path).decode("utf-8")
        except (ArgmapError, UnicodeDecodeError):
            return None

    @property
    def name(self) -> str:
        """What to call it in a dialog: the file's name, else the title, else "Untitled"."""
        if self.original_path:
            return os.path.basename(self.original_path)
        return self.title or "Untitled map"


def recovery_dir() -> Path:
    """``<data dir>/recovery``."""
    return data_dir() / "recovery"


def _safe_key(doc_key: str) -> str:
    if _KEY_RE.fullmatch(doc_key):
        return doc_key
    return "k" + hashlib.sha256(doc_key.encode("utf-8", "surrogatepass")).hexdigest()[:40]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The map's values at one moment. Claims, relations and articles are immutable, so
    taking one is a matter of copying references (a fraction of a millisecond for 5,000
    claims) and it can be serialized on another thread while the map goes on changing."""

    title: str
    description: str
    thesis: str | None
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    relations: tuple[Relation, ...]
    vocabulary: tuple[VocabularyEntry, ...] = ()


def snapshot(m: ArgumentMap) -> Snapshot:
    """Take a :class:`Snapshot` (on the thread that edits the map)."""
    return Snapshot(
        m.title,
        m.description,
        m.thesis,
        tuple(m.articles()),
        tuple(m.claims()),
        tuple(m.relations()),
        m.vocabulary,
    )


def serialize_snapshot(snap: Snapshot) -> bytes:
    """The ``.argmap`` bytes of a snapshot, the same as ``native.dump_bytes`` of the map
    (safe on a worker thread: it touches no live map)."""
    # A fresh map over the same immutable values: the writer is the native one, field for field.
    return native.dump_bytes(
        ArgumentMap.from_values(
            title=snap.title,
            description=snap.description,
            thesis=snap.thesis,
            articles=snap.articles,
            claims=snap.claims,
            relations=snap.relations,
            vocabulary=snap.vocabulary,
        )
    )


def serialize(m: ArgumentMap) -> bytes:
    """The bytes to autosave."""
    return native.dump_bytes(m)


def write_recovery(
    doc_key: str, m: ArgumentMap, original_path: str | os.PathLike[str] | None
) -> RecoveryEntry:
    """Autosave ``m`` under ``doc_key``, atomically; returns the entry written."""
    return write_recovery_bytes(
        doc_key, serialize(m), original_path=original_path, title=m.title, claims=m.claim_count
    )


def write_recovery_bytes(
    doc_key: str,
    data: bytes,
    *,
    original_path: str | os.PathLike[str] | None,
    title: str = "",
    claims: int = 0,
    text: str | None = None,
) -> RecoveryEntry:
    """Autosave already serialized map bytes (safe to call from a worker thread), with the
    Argdown ``text`` typed for it that did not read yet, if any."""
    folder = recovery_dir()
    try:
        ensure_dir(folder)
    except OSError as e:
        raise ArgmapError(
            f"cannot create the recovery folder: {e.strerror}", file=str(folder)
        ) from None
    key = _safe_key(doc_key)
    entry = RecoveryEntry(
        key=key,
        map_path=folder / f"{key}.argmap",
        meta_path=folder / f"{key}.json",
        original_path=os.path.abspath(original_path) if original_path else None,
        saved_at=time.time(),
        title=title,
        claims=claims,
        pid=os.getpid(),
        host=hostname(),
        boot=boot_id(),
    )
    atomic_write(entry.map_path, data)
    if text is not None:
        atomic_write(entry.text_path, text.encode("utf-8"))
    else:
        with contextlib.suppress(FileNotFoundError):
            entry.text_path.unlink()
    atomic_write(entry.meta_path, _sidecar(entry))
    return entry


def _sidecar(entry: RecoveryEntry) -> bytes:
    return orjson.dumps(
        {
            "format": "argmap-recovery",
            "version": SIDECAR_VERSION,
            "key": entry.key,
            "original_path": entry.original_path,
            "saved_at": entry.saved_at,
            "title": entry.title,
            "claims": entry.claims,
            "pid": entry.pid,
            "host": entry.host,
            "boot": entry.boot,
        },
        option=orjson.OPT_INDENT_2,
    )


def _read_entry(meta_path: Path) -> RecoveryEntry | None:
    """The entry a sidecar describes, or ``None`` if it is unreadable or its map is gone."""
    try:
        doc: Any = orjson.loads(read_bytes(meta_path, limit=1024 * 1024))
    except (ArgmapError, orjson.JSONDecodeError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != "argmap-recovery":
        return None
    key = meta_path.stem
    map_path = meta_path.with_suffix(".argmap")
    if not map_path.is_file():
        return None

    def get(name: str, kind: type, default: Any) -> Any:
        value = doc.get(name)
        return value if isinstance(value, kind) and not isinstance(value, bool) else default

    original = get("original_path", str, None)
    return RecoveryEntry(
        key=key,
        map_path=map_path,
        meta_path=meta_path,
        original_path=original or None,
        saved_at=float(get("saved_at", float, 0.0)),
        title=get("title", str, ""),
        claims=get("claims", int, 0),
        pid=get("pid", int, 0),
        host=get("host", str, ""),
        boot=get("boot", str, ""),
    )


def list_recoveries(*, include_live: bool = False) -> list[RecoveryEntry]:
    """Maps with unsaved work left by argmap processes that are gone, newest first.

    With ``include_live`` also the work of running instances (this one included).
    """
    folder = recovery_dir()
    try:
        metas = sorted(folder.glob("*.json"))
    except OSError:
        return []
    entries = []
    for meta in metas:
        entry = _read_entry(meta)
        if entry is None:
            continue
        if not include_live and same_live_process(entry.pid, entry.host, entry.boot):
            continue
        entries.append(entry)
    entries.sort(key=lambda e: -e.saved_at)
    return entries


def restore(entry: RecoveryEntry, *, adopt: bool = True) -> tuple[ArgumentMap, str | None]:
    """The autosaved map and the path it belongs to.

    With ``adopt`` the entry becomes this process's (so no other instance offers it too);
    keep autosaving under ``entry.key`` and :func:`discard` it once the map is saved.
    """
    m = native.load(entry.map_path)
    if adopt:
        mine = dataclasses.replace(entry, pid=os.getpid(), host=hostname(), boot=boot_id())
        atomic_write(entry.meta_path, _sidecar(mine))
    return m, entry.original_path


def discard(entry: RecoveryEntry) -> None:
    """Delete a recovery (the user declined it, or the map was saved)."""
    discard_key(entry.key)


def discard_key(doc_key: str) -> None:
    """Delete the recovery of ``doc_key``, if any: sidecar first, so no half entry is offered."""
    key = _safe_key(doc_key)
    folder = recovery_dir()
    for suffix in (".json", ".argmap", ".argdown"):
        with contextlib.suppress(FileNotFoundError):
            (folder / f"{key}{suffix}").unlink()
