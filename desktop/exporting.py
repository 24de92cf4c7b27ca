"""Export the map in front with the same core API as ``argmap export``
(:func:`argmap.export.api.render`), written atomically. PDF and PNG ask for the paper first
(``--page``/``--landscape``/``--fit``); a PNG on several pages is written as OUT.png, OUT-2.png…"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.export.api import PAGED, ExportOptions, page_paths, render
from argmap.fileio import atomic_write
from argmap.formats import for_path, formats
from argmap.model import ArgumentMap
from desktop import page_options
from desktop.page_options import PageChoice
from desktop.prompts import Prompts

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def export_filters() -> str:
    writable = [f for f in formats() if f.writer is not None]
    return ";;".join(f"{f.description} (*{f.extensions[0]})" for f in writable)


def export_map(
    m: ArgumentMap, path: str, prompts: Prompts, choice: PageChoice | None = None
) -> list[Path] | None:
    """Write ``m`` with the writer for ``path``'s extension, on ``choice``'s paper (PDF and
    PNG); the files written, or None after showing the failure in one line."""
    fmt = for_path(path, want="write")
    choice = choice or PageChoice()
    try:
        if fmt is None:
            raise ArgmapError("no exporter for this file extension", file=path)
        options = ExportOptions(page=choice.page, landscape=choice.landscape, fit=choice.fit)
        try:
            rendered = render(m, fmt, options if fmt.name in PAGED else ExportOptions())
        except ArgmapError as e:
            raise ArgmapError(e.message, file=e.file or path, place=e.place) from None
        blobs = [rendered.data, *rendered.more_pages]
        paths = page_paths(Path(path), len(blobs))
        for target, blob in zip(paths, blobs, strict=True):
            atomic_write(target, blob)
    except ArgmapError as e:
        prompts.show_error("Cannot export", e.line())
        return None
    except OSError as e:
        prompts.show_error("Cannot export", f"{path}: {e.strerror or e}")
        return None
    return paths


def ask_and_export(m: ArgumentMap, prompts: Prompts) -> list[Path] | None:
    """Ask where (and, for PDF and PNG, on what paper), then export; the files written."""
    path = prompts.ask_export_path(export_filters())
    if not path:
        return None
    fmt = for_path(path, want="write")
    choice = PageChoice()
    if fmt is not None and fmt.name in PAGED:
        asked = prompts.ask_page_options(fmt.name, page_options.last_choice())
        if asked is None:
            return None
        page_options.remember(asked)
        choice = asked
    return export_map(m, path, prompts, choice)


def _said(paths: list[Path]) -> str:
    more = f" and {len(paths) - 1} more page file{'s' if len(paths) > 2 else ''}"
    return f"Exported {paths[0]}" + (more if len(paths) > 1 else "")


def export_dialog(w: MainWindow) -> None:
    """File → Export: ask where, write the map in front, say so."""
    if w.current is not None:
        paths = ask_and_export(w.current.doc.map, w.prompts)
        if paths:
            w.message(_said(paths))


def export_current(w: MainWindow, path: str) -> bool:
    """Write the map in front with the registry writer for ``path``'s extension."""
    if w.current is None:
        return False
    paths = export_map(w.current.doc.map, path, w.prompts)
    if paths:
        w.message(_said(paths))
    return paths is not None
