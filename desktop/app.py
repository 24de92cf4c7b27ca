"""``argmap-desktop [FILE…] [--screenshot OUT.png]``: the desktop editor."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QApplication

from desktop import settings
from desktop.analysis_ui import install_analysis
from desktop.fonts import load_fonts
from desktop.main_window import MainWindow
from desktop.panels.library import seed_maps
from desktop.reliability import install_reliability

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
    return p


def create_window(files: Sequence[str], *, restore: bool = True) -> MainWindow:
    """The main window with ``files`` open, or the first seed map when there are none."""
    load_fonts()
    window = MainWindow()
    install_analysis(window)
    # Autosave, recovery, safe saving, open-file warnings; no recovery dialog in a screenshot.
    install_reliability(window, offer_recovery=restore)
    if restore:
        s = settings.settings()
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        else:
            window.resize(*SCREENSHOT_SIZE)
    else:
        window.resize(*SCREENSHOT_SIZE)
    if files:
        for f in files:
            window.open_path(f)
    else:
        seeds = seed_maps()
        if seeds:
            window.open_path(str(seeds[0]))
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
