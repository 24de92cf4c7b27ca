"""``argmap-desktop [FILE…] [--screenshot OUT.png]``: the desktop editor."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QApplication

from desktop import settings
from desktop.analysis_ui import install_analysis
from desktop.argdown_sync import install_argdown
from desktop.documents import DocumentService
from desktop.fonts import load_fonts
from desktop.main_window import MainWindow
from desktop.panels.library import seed_maps
from desktop.prompts import Prompts

SCREENSHOT_SIZE = (1400, 900)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="argmap-desktop", description="Edit argument maps.")
    p.add_argument("files", nargs="*", metavar="FILE", help="maps to open (any readable format)")
    p.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="render the whole window at 1400×900 after loading, save it and exit",
    )
    p.add_argument(
        "--select", metavar="CLAIM", help="select this claim of the first map (with its passage)"
    )
    p.add_argument("--argdown", action="store_true", help="show the Argdown pane (the map as text)")
    return p


def article_seed_maps() -> list[str]:
    """The seed maps of one article each (``000_…`` to ``004_…``), not the overview."""
    return [str(p) for p in seed_maps() if p.name[:1].isdigit()]


def create_window(
    files: Sequence[str],
    *,
    restore: bool = True,
    prompts: Prompts | None = None,
    seeds: bool = True,
) -> MainWindow:
    """The main window with ``files`` open; with none (and ``seeds``), the seed maps of the
    five articles, the first one in front. ``prompts`` asks the user's questions (tests pass
    scripted ones).

    With ``restore`` (a normal start, not a screenshot) the window takes its last geometry
    and, once the event loop runs, cleans up after a killed argmap and offers its unsaved work.
    """
    load_fonts()
    prompts = prompts or Prompts()
    documents = DocumentService(prompts)
    window = MainWindow(documents, prompts)
    install_analysis(window)
    install_argdown(window)
    geometry = settings.settings().value("geometry") if restore else None
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(*SCREENSHOT_SIZE)
    for f in files or (article_seed_maps() if seeds else []):
        window.open_path(f)
    if not files and window.views:
        window.set_current(window.views[0])
    if restore:  # never in a screenshot: nobody could answer the recovery dialog
        QTimer.singleShot(0, documents, documents.start_up)
    return window


def screenshot(window: MainWindow, out: str) -> bool:
    """Render the whole window (panels included) to a PNG."""
    window.setFixedSize(*SCREENSHOT_SIZE)
    window.show()
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
    if window.current is not None:
        window.current.view.show_opening()
    app.processEvents()
    return window.grab().save(out, "PNG")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("argmap")
    app.setOrganizationName("argmap")
    window = create_window(args.files, restore=args.screenshot is None)
    if args.select and window.current is not None:
        if not window.current.doc.map.has_claim(args.select):
            print(f"argmap-desktop: no claim {args.select!r} in the map", file=sys.stderr)
            return 2
        window.current.scene.clear_selection_to([args.select])
    if args.argdown:
        window.argdown.show(True)  # type: ignore[attr-defined]
    if args.screenshot:
        if not screenshot(window, args.screenshot):
            print(
                f"argmap-desktop: {args.screenshot}: cannot write the screenshot", file=sys.stderr
            )
            return 1
        return 0
    window.show()
    if window.current is not None:
        QTimer.singleShot(0, window.current.view.show_opening)
    status = int(app.exec())
    release_clipboard()
    return status


def release_clipboard() -> None:
    """Take back claims we put on the clipboard before the interpreter ends.

    Qt keeps clipboard data in a global it destroys after Python has finished; a QMimeData
    made from Python would then be freed by a dead interpreter and the process would crash
    on the way out.
    """
    from desktop import clipboard

    board = QApplication.clipboard()
    data = board.mimeData()
    if data is not None and data.hasFormat(clipboard.MIME_TYPE):
        board.clear()
        QApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
