"""Export the map in front with the same core API as ``argmap export``
(:func:`argmap.export.api.render`), written atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.export.api import render
from argmap.fileio import atomic_write
from argmap.formats import for_path, formats
from argmap.model import ArgumentMap
from desktop.prompts import Prompts

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def export_filters() -> str:
    writable = [f for f in formats() if f.writer is not None]
    return ";;".join(f"{f.description} (*{f.extensions[0]})" for f in writable)


def export_map(m: ArgumentMap, path: str, prompts: Prompts) -> bool:
    """Write ``m`` with the writer for ``path``'s extension; a failure shows one line."""
    fmt = for_path(path, want="write")
    try:
        if fmt is None:
            raise ArgmapError("no exporter for this file extension", file=path)
        atomic_write(path, render(m, fmt).data)
    except ArgmapError as e:
        prompts.show_error("Cannot export", e.line())
        return False
    except OSError as e:
        prompts.show_error("Cannot export", f"{path}: {e.strerror or e}")
        return False
    return True


def ask_and_export(m: ArgumentMap, prompts: Prompts) -> str | None:
    """Ask where, then export; the path written, or None."""
    path = prompts.ask_export_path(export_filters())
    if path and export_map(m, path, prompts):
        return path
    return None


def export_dialog(w: MainWindow) -> None:
    """File → Export: ask where, write the map in front, say so."""
    if w.current is not None:
        path = ask_and_export(w.current.doc.map, w.prompts)
        if path:
            w.message(f"Exported {path}")


def export_current(w: MainWindow, path: str) -> bool:
    """Write the map in front with the registry writer for ``path``'s extension."""
    if w.current is None:
        return False
    done = export_map(w.current.doc.map, path, w.prompts)
    if done:
        w.message(f"Exported {path}")
    return done
