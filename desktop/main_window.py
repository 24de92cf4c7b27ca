"""The main window: library (left), canvas (centre), article and inspector (right).

Each open map is a :class:`DocumentView` (document + scene + view); the undo group follows
the current one, so Edit → Undo always acts on the map in front.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QMimeData,
    QObject,
    QPoint,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write
from argmap.formats import Format, for_path, formats
from argmap.model import ArgumentMap, RelationKind, Role
from desktop import chrome, clipboard, navigation, settings
from desktop.canvas import find, placement
from desktop.canvas.focus import Focus
from desktop.canvas.items import ClaimItem, RelationItem
from desktop.canvas.minimap import Overview
from desktop.canvas.scene import MapScene
from desktop.canvas.view import MapView
from desktop.document import Document
from desktop.panels.article import ArticlePanel
from desktop.panels.inspector import InspectorPanel
from desktop.panels.library import LibraryPanel, seed_dir
from desktop.perf import paused_gc

# Above this many claims the layout shows a progress bar while Graphviz works.
LAYOUT_PROGRESS_THRESHOLD = 0
DEFER_ARTICLE_ABOVE = 1000  # claims

SHORTCUTS: list[tuple[str, str]] = [
    ("Insert or Tab", "Add a reason to the selected claim"),
    ("Shift+Insert or Shift+Tab", "Add an objection to the selected claim"),
    ("Ctrl+R", "Add a rebuttal (an objection to the selected objection)"),
    ("Ctrl+L", "Add a co-premise (linked) to the selected reason"),
    (
        "F2 / double-click",
        "Edit the claim's text (Enter commits, Shift+Enter new line, Esc cancels)",
    ),
    ("Delete", "Delete the selected claims and relations (with their relations)"),
    ("Alt+drag", "Connect: drag from a claim onto a claim (support) or a relation (undercut)"),
    ("Drag", "Move the selected claims (Esc during the drag cancels)"),
    ("Ctrl+click / rubber band", "Select several claims"),
    ("Up / Down", "Go to the claim this one supports or attacks / to its first reason"),
    ("Left / Right", "Go to the previous / next sibling"),
    ("Ctrl+F, Enter", "Find claims by text, quoted passage or tag (#tag); Enter steps through"),
    (
        "Ctrl+X / Ctrl+C / Ctrl+V",
        "Cut, copy, paste claims with their relations (also between maps)",
    ),
    ("Ctrl+Shift+C", "Collapse or expand the selected claim's subtree"),
    ("Ctrl+Shift+F", "Focus on the selected claim: its chain to the thesis and its reasons"),
    ("Alt+Left", "Leave the focus: show the whole map again"),
    ("Ctrl+Shift+L", "Auto layout (one undo step)"),
    ("Ctrl+wheel, Ctrl++ / Ctrl+-", "Zoom"),
    ("Ctrl+0", "Fit the map to the window"),
    ("Middle-drag / Space+drag", "Pan"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
]

PLACEHOLDER = {
    "reason": "New reason",
    "objection": "New objection",
    "rebuttal": "New rebuttal",
    "co-premise": "New co-premise",
    "claim": "New claim",
}


@dataclass
class DocumentView:
    key: str
    doc: Document
    scene: MapScene
    view: MapView


class _LayoutSignals(QObject):
    done = Signal(object, object)  # layout, error message


class _LayoutJob(QRunnable):
    """Runs Graphviz on a copy of the map, off the UI thread."""

    def __init__(self, m: ArgumentMap) -> None:
        super().__init__()
        self.map = m
        self.signals = _LayoutSignals()

    def run(self) -> None:
        try:
            from argmap.layout import graphviz

            layout = graphviz.compute_layout(self.map)
        except ArgmapError as e:
            self.signals.done.emit(None, e.line())
            return
        except Exception as e:  # reported in the status bar, never a crash
            self.signals.done.emit(None, f"{type(e).__name__}: {e}")
            return
        self.signals.done.emit(layout, None)


def export_bytes(m: ArgumentMap, fmt: Format) -> bytes:
    """The file ``argmap export`` would write for ``m`` (same defaults, same code)."""
    from argmap.export.api import render

    return render(m, fmt).data


def layout_available() -> bool:
    """Whether the Graphviz layout module is there, without importing it (and pydot) yet:
    start-up time matters more than knowing early."""
    return importlib.util.find_spec("argmap.layout.graphviz") is not None


class MainWindow(QMainWindow):
    # Emitted with the canvas context menu and the item under the cursor before it pops up,
    # so other parts (desktop.analysis_ui) can add their actions.
    context_menu_built = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("argmap")
        self.setAcceptDrops(True)
        self.views: list[DocumentView] = []
        self.current: DocumentView | None = None
        self._counter = 0
        self._find_matches: list[str] = []
        self._find_index = -1
        self._layout_job: _LayoutJob | None = None
        self.undo_group = QUndoGroup(self)

        self.stack = QStackedWidget()
        self.empty = QLabel("Open a map (Ctrl+O) or pick one from the library.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.setCentralWidget(self.stack)

        self.library = LibraryPanel()
        self.library.open_requested.connect(self._library_open)
        self.article = ArticlePanel()
        self.article.claim_clicked.connect(self._select_from_article)
        self.article.new_claim_requested.connect(self.new_claim_from_selection)
        self.article.anchor_requested.connect(self.anchor_to_selection)
        self.inspector = InspectorPanel()
        self.library_dock = self._dock(
            "Library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.article_dock = self._dock(
            "Article", self.article, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.overview = Overview()
        self.overview_dock = self._dock(
            "Overview", self.overview, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.focus = Focus(self)
        self.resizeDocks([self.library_dock], [220], Qt.Orientation.Horizontal)
        self.resizeDocks([self.article_dock], [380], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.article_dock, self.inspector_dock], [560, 280], Qt.Orientation.Vertical
        )

        self.counts = QLabel()
        self.saved_state = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.saved_state)
        chrome.separate_status_fields(self.statusBar())

        self._build_actions()
        self._build_menus()
        self._update_actions()

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.lower())
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    # ------------------------------------------------------------------ actions

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: str | QKeySequence.StandardKey | None = None,
        *,
        canvas: bool = False,
        shortcuts: list[str] | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if canvas:
            # Keys like Delete or Ctrl+C must reach the text fields of the panels, so these
            # shortcuts only work while the canvas has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.stack.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_new = a("&New map", self.new_map, QKeySequence.StandardKey.New)
        self.act_open = a("&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.act_save = a("&Save", self.save, QKeySequence.StandardKey.Save)
        self.act_save_as = a("Save &as…", self.save_as, "Ctrl+Shift+S")
        self.act_export = a("&Export…", self.export_dialog, "Ctrl+E")
        self.act_close = a("&Close map", self.close_current, QKeySequence.StandardKey.Close)
        self.act_quit = a("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_undo, self.act_redo = chrome.undo_actions(self.undo_group, self)
        self.act_cut = a("Cu&t", self.cut, QKeySequence.StandardKey.Cut, canvas=True)
        self.act_copy = a("&Copy", self.copy, QKeySequence.StandardKey.Copy, canvas=True)
        self.act_paste = a("&Paste", self.paste, QKeySequence.StandardKey.Paste, canvas=True)
        self.act_delete = a("&Delete", self.delete_selection, "Delete", canvas=True)
        self.act_select_all = a("Select &all", self.select_all, "Ctrl+A", canvas=True)
        self.act_find = a("&Find…", self.focus_find, QKeySequence.StandardKey.Find)
        self.act_reason = a(
            "Add &reason",
            lambda: self.add_related("reason"),
            canvas=True,
            shortcuts=["Insert", "Tab"],  # laptops often have no Insert key
        )
        self.act_objection = a(
            "Add &objection",
            lambda: self.add_related("objection"),
            canvas=True,
            shortcuts=["Shift+Insert", "Shift+Tab"],
        )
        self.act_rebuttal = a(
            "Add re&buttal", lambda: self.add_related("rebuttal"), "Ctrl+R", canvas=True
        )
        self.act_copremise = a("Add &co-premise", self.add_copremise, "Ctrl+L", canvas=True)
        self.act_new_claim = a("New &claim", self.add_free_claim, "Ctrl+Shift+N", canvas=True)
        self.act_edit = a("&Edit text", self.edit_selected, "F2", canvas=True)
        self.act_thesis = a("Set as &thesis", self.set_thesis)
        self.act_collapse = a(
            "Collapse / e&xpand", self.toggle_collapse, "Ctrl+Shift+C", canvas=True
        )
        focus = self.focus
        self.act_focus = a("&Focus on claim", focus.focus_selected, "Ctrl+Shift+F", canvas=True)
        self.act_unfocus = a("Show &whole map", self.focus.leave, "Alt+Left", canvas=True)
        self.act_layout = a("Auto &layout", self.auto_layout, "Ctrl+Shift+L")
        self.act_kind = {
            kind: a(f"Make {kind.value}", lambda k=kind: self.set_relation_kind(k))
            for kind in (RelationKind.SUPPORT, RelationKind.ATTACK)
        }
        self.act_zoom_in = a(
            "Zoom &in", lambda: self._view_do("zoom_in"), shortcuts=["Ctrl++", "Ctrl+="]
        )
        self.act_zoom_out = a("Zoom &out", lambda: self._view_do("zoom_out"), "Ctrl+-")
        self.act_fit = a("&Fit to window", lambda: self._view_do("fit"), "Ctrl+0")
        self.act_shortcuts = a("&Keyboard shortcuts", self.show_shortcuts)

        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find claims (Ctrl+F)")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(260)
        self.find_box.textChanged.connect(self._find_changed)
        self.find_box.returnPressed.connect(self.find_next)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for act in (self.act_new, self.act_open):
            file_menu.addAction(act)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._rebuild_recent()
        file_menu.addSeparator()
        for act in (self.act_save, self.act_save_as, self.act_export, self.act_close):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit = bar.addMenu("&Edit")
        for act in (self.act_undo, self.act_redo):
            edit.addAction(act)
        edit.addSeparator()
        for act in (self.act_cut, self.act_copy, self.act_paste, self.act_delete):
            edit.addAction(act)
        edit.addSeparator()
        edit.addAction(self.act_select_all)
        edit.addAction(self.act_find)

        map_menu = bar.addMenu("&Map")
        for act in (
            self.act_reason,
            self.act_objection,
            self.act_rebuttal,
            self.act_copremise,
            self.act_new_claim,
        ):
            map_menu.addAction(act)
        map_menu.addSeparator()
        for act in (self.act_edit, self.act_thesis, self.act_collapse):
            map_menu.addAction(act)
        kinds = map_menu.addMenu("Relation &kind")
        for act in self.act_kind.values():
            kinds.addAction(act)
        map_menu.addSeparator()
        map_menu.addAction(self.act_layout)

        view = bar.addMenu("&View")
        for act in (self.act_zoom_in, self.act_zoom_out, self.act_fit):
            view.addAction(act)
        view.addSeparator()
        for act in (self.act_focus, self.act_unfocus, self.act_collapse):
            view.addAction(act)
        view.addSeparator()
        for dock in (self.library_dock, self.overview_dock, self.article_dock, self.inspector_dock):
            view.addAction(dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_shortcuts)

        tools = self.addToolBar("Edit")
        tools.setObjectName("edit-toolbar")
        for act in (
            self.act_open,
            self.act_save,
            self.act_undo,
            self.act_redo,
        ):
            tools.addAction(act)
        tools.addSeparator()
        for act in (self.act_reason, self.act_objection, self.act_rebuttal, self.act_delete):
            tools.addAction(act)
        tools.addSeparator()
        tools.addAction(self.act_layout)
        tools.addAction(self.act_fit)
        tools.addSeparator()
        tools.addWidget(self.find_box)

    # ------------------------------------------------------------------ documents

    def add_document(self, doc: Document) -> DocumentView:
        """Show a new document (its own scene, view and undo stack) and make it current."""
        self._counter += 1
        with paused_gc():
            scene = MapScene(doc, self)
        view = MapView(scene)
        view.navigate = self.navigate
        view.first_painted.connect(self._view_painted)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        dv = DocumentView(f"doc:{self._counter}", doc, scene, view)
        self.views.append(dv)
        self.stack.addWidget(view)
        doc.setParent(self)  # the window keeps its documents (and their undo stacks) alive
        self.undo_group.addStack(doc.undo_stack)
        doc.changed.connect(self._doc_changed)
        doc.undo_stack.indexChanged.connect(self._update_status)
        scene.selectionChanged.connect(self._selection_changed)
        scene.status_message.connect(lambda msg: self.statusBar().showMessage(msg, 5000))
        self.set_current(dv)
        return dv

    def set_current(self, dv: DocumentView | None) -> None:
        self.current = dv
        self.overview.set_view(dv.view if dv is not None else None)
        self.focus.set_view(dv.view if dv is not None else None)
        if dv is None:
            self.stack.setCurrentWidget(self.empty)
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]
            self.article.set_map(None)
            self.inspector.set_claim(None, None)
        else:
            self.stack.setCurrentWidget(dv.view)
            self.undo_group.setActiveStack(dv.doc.undo_stack)
            # A big map's article (thousands of highlights) loads once its canvas has painted.
            defer = dv.doc.map.claim_count > DEFER_ARTICLE_ABOVE and not dv.view.painted
            self.article.set_map(dv.doc.map, defer=defer)
            dv.view.setFocus()
            self._selection_changed()
        self._find_changed(self.find_box.text())
        self._doc_changed()

    def _view_painted(self) -> None:
        QTimer.singleShot(0, self.article.flush)

    def open_path(self, path: str) -> DocumentView | None:
        """Open a file (any readable format); a failure shows one line and changes nothing."""
        for dv in self.views:
            if dv.doc.source and os.path.abspath(dv.doc.source) == os.path.abspath(path):
                self.set_current(dv)
                return dv
        seed = Path(path).resolve().parent == seed_dir()
        try:
            with paused_gc():
                doc = Document.open(path, seed=seed)
        except ArgmapError as e:
            self.show_error("Cannot open the file", e.line())
            return None
        if not seed:
            settings.add_recent(path)
            self._rebuild_recent()
        return self.add_document(doc)

    def _library_open(self, key: str) -> None:
        if key.startswith("seed:"):
            self.open_path(key[5:])
            return
        for dv in self.views:
            if dv.key == key:
                self.set_current(dv)

    def new_map(self) -> None:
        self.add_document(Document(ArgumentMap()))

    def open_dialog(self) -> None:
        readable = sorted({e for f in formats() if f.reader for e in f.extensions})
        pattern = " ".join("*" + e for e in readable)
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open maps", "", f"Argument maps ({pattern});;All files (*)"
        )
        for p in paths:
            self.open_path(p)

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in settings.recent_files():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    # ------------------------------------------------------------------ saving and closing

    def save(self, dv: DocumentView | None = None) -> bool:
        dv = dv or self.current
        if dv is None:
            return False
        if dv.doc.path is None:
            return self.save_as(dv)
        return self._write(dv, dv.doc.path)

    def save_as(self, dv: DocumentView | None = None) -> bool:
        dv = dv or self.current
        if dv is None:
            return False
        path = self.ask_save_path(chrome.suggested_file_name(dv.doc.display_name, dv.doc.path))
        if not path:
            return False
        if not path.endswith(".argmap"):
            path += ".argmap"
        return self._write(dv, path)

    def _write(self, dv: DocumentView, path: str) -> bool:
        try:
            dv.doc.save(path)
        except OSError as e:
            self.show_error("Cannot save the map", f"{path}: {e.strerror or e}")
            return False
        settings.add_recent(path)
        self._rebuild_recent()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def ask_save_path(self, suggested: str) -> str:
        """Ask where to save (tests replace this method)."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Save map", suggested, "Argument maps (*.argmap)"
        )
        return path

    def ask_unsaved(self, dv: DocumentView) -> str:
        """ "save", "discard" or "cancel" for a map with unsaved changes (tests replace this)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"“{dv.doc.display_name}” has unsaved changes.")
        box.setInformativeText("Save them before closing?")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def show_error(self, title: str, message: str) -> None:
        """Show a one-line error (tests replace this)."""
        QMessageBox.critical(self, title, message)

    def _may_close(self, dv: DocumentView) -> bool:
        if not dv.doc.is_modified:
            return True
        self.set_current(dv)
        answer = self.ask_unsaved(dv)
        if answer == "save":
            return self.save(dv)
        return answer == "discard"

    def close_document(self, dv: DocumentView) -> bool:
        if not self._may_close(dv):
            return False
        dv.scene.detach()
        self.views.remove(dv)
        self.undo_group.removeStack(dv.doc.undo_stack)
        self.stack.removeWidget(dv.view)
        dv.scene.selectionChanged.disconnect(self._selection_changed)
        self._disconnect_document(dv)
        dv.doc.setParent(None)
        dv.view.deleteLater()
        dv.scene.deleteLater()
        self.set_current(self.views[-1] if self.views else None)
        return True

    def close_current(self) -> None:
        if self.current is not None:
            self.close_document(self.current)

    def closeEvent(self, event: QCloseEvent) -> None:
        for dv in list(self.views):
            if dv.doc.is_modified and not self._may_close(dv):
                event.ignore()
                return
        s = settings.settings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("state", self.saveState())
        s.sync()
        # Undo stacks may outlive the window's widgets and emit while being destroyed at exit;
        # a slot of a half-destroyed window would then crash the process.
        for dv in self.views:
            self._disconnect_document(dv)
        event.accept()

    def _disconnect_document(self, dv: DocumentView) -> None:
        for signal, slot in (
            (dv.doc.changed, self._doc_changed),
            (dv.doc.undo_stack.indexChanged, self._update_status),
        ):
            with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # already disconnected: fine
                signal.disconnect(slot)

    # ------------------------------------------------------------------ export

    def export_dialog(self) -> None:
        if self.current is None:
            return
        writable = [f for f in formats() if f.writer is not None]
        filters = ";;".join(f"{f.description} (*{f.extensions[0]})" for f in writable)
        path, _ = QFileDialog.getSaveFileName(self, "Export map", "", filters)
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Write the current map with the registry writer for ``path``'s extension."""
        if self.current is None:
            return False
        fmt = for_path(path, want="write")
        try:
            if fmt is None:
                raise ArgmapError("no exporter for this file extension", file=path)
            atomic_write(path, export_bytes(self.current.doc.map, fmt))
        except ArgmapError as e:
            self.show_error("Cannot export", e.line())
            return False
        except OSError as e:
            self.show_error("Cannot export", f"{path}: {e.strerror or e}")
            return False
        self.statusBar().showMessage(f"Exported {path}", 4000)
        return True

    # ------------------------------------------------------------------ state display

    def _doc_changed(self) -> None:
        dv = self.current
        if dv is None:
            self.setWindowTitle("argmap")
            self.setWindowModified(False)
        else:
            self.setWindowTitle(f"{dv.doc.file_name}[*] — {dv.doc.display_name} — argmap")
            self.setWindowModified(dv.doc.is_modified)
        self.library.set_open(
            [(v.key, v.doc.display_name, v.doc.is_modified) for v in self.views],
            dv.key if dv else None,
        )
        self._update_status()

    def _update_status(self, _index: int = 0) -> None:
        dv = self.current
        if dv is None:
            self.counts.setText("")
            self.saved_state.setText("")
            return
        if not shiboken6.isValid(dv.doc.undo_stack):
            return
        m = dv.doc.map
        self.counts.setText(f"{m.claim_count} claims · {m.relation_count} relations")
        self.saved_state.setText("unsaved changes" if dv.doc.is_modified else "saved")
        if self.isWindowModified() != dv.doc.is_modified:
            self._doc_changed()

    def _selection_changed(self) -> None:
        dv = self.current
        if dv is None or not shiboken6.isValid(dv.scene):
            return
        claims = dv.scene.selected_claims()
        cid = claims[0] if len(claims) == 1 else None
        self.inspector.set_claim(dv.doc, cid)
        self.article.set_claim_selected(cid is not None)
        self.article.show_claim(cid)
        self._update_actions()

    def _update_actions(self) -> None:
        dv = self.current
        claims = dv.scene.selected_claims() if dv else []
        relations = dv.scene.selected_relations() if dv else []
        one = len(claims) == 1
        for act in (
            self.act_reason,
            self.act_objection,
            self.act_rebuttal,
            self.act_edit,
            self.act_thesis,
        ):
            act.setEnabled(one)
        self.act_copremise.setEnabled(
            one
            and dv is not None
            and any(r.kind is RelationKind.SUPPORT for r in dv.doc.map.relations_from(claims[0]))
        )
        for act in (self.act_delete, self.act_cut):
            act.setEnabled(bool(claims or relations))
        self.act_copy.setEnabled(bool(claims))
        self.act_collapse.setEnabled(bool(claims))
        self.act_focus.setEnabled(one)
        for act in self.act_kind.values():
            act.setEnabled(bool(relations))
        has_doc = dv is not None
        for act in (
            self.act_save,
            self.act_save_as,
            self.act_export,
            self.act_close,
            self.act_paste,
            self.act_new_claim,
            self.act_select_all,
        ):
            act.setEnabled(has_doc)
        self.act_layout.setEnabled(has_doc and layout_available())
        if not layout_available():
            self.act_layout.setToolTip("Auto layout needs argmap.layout.graphviz")

    # ------------------------------------------------------------------ editing

    def _selected_one(self) -> str | None:
        if self.current is None:
            return None
        claims = self.current.scene.selected_claims()
        return claims[0] if len(claims) == 1 else None

    def add_related(self, what: str) -> str | None:
        """Add a reason (support) or an objection/rebuttal (attack) to the selected claim,
        next to it, with its text open for editing; adding and typing are one undo step."""
        dv, target = self.current, self._selected_one()
        if dv is None or target is None:
            return None
        m = dv.doc.map
        kind = RelationKind.SUPPORT if what == "reason" else RelationKind.ATTACK
        cid = m.fresh_id("c")
        nodes = dv.scene.visible_nodes()
        spot = placement.choose(m, nodes, dv.scene.edges, target, kind, PLACEHOLDER[what])

        def gesture() -> None:
            placement.apply_shifts(m, spot.shifts, nodes)
            m.add_claim(PLACEHOLDER[what], id=cid, position=spot.centre)
            m.connect([cid], target, kind)

        try:
            dv.doc.run(f"Add {what}", gesture, merge_key=("new", cid))
        except (ValueError, KeyError) as e:
            self.statusBar().showMessage(f"Cannot add: {e}", 5000)
            return None
        dv.scene.edit_claim(cid, merge_key=("new", cid), fresh=True)
        return cid

    def add_copremise(self) -> str | None:
        """Add a claim that supports the same conclusion only together with the selected one."""
        dv, cid = self.current, self._selected_one()
        if dv is None or cid is None:
            return None
        m = dv.doc.map
        rel = next((r for r in m.relations_from(cid) if r.kind is RelationKind.SUPPORT), None)
        if rel is None:
            return None
        new = m.fresh_id("c")
        node = dv.scene.nodes[cid]
        pos = (node.cx + node.width + 40, node.cy)
        if dv.scene._overlaps(pos, (node.width, node.height)):
            pos = dv.scene.free_spot(rel.target)

        def gesture() -> None:
            m.add_claim(PLACEHOLDER["co-premise"], id=new, position=pos)
            m.add_premise(rel.id, new)

        dv.doc.run("Add co-premise", gesture, merge_key=("new", new))
        dv.scene.edit_claim(new, merge_key=("new", new), fresh=True)
        return new

    def add_free_claim(self) -> str | None:
        dv = self.current
        if dv is None:
            return None
        m = dv.doc.map
        cid = m.fresh_id("c")
        pos = dv.scene.free_spot(None)
        dv.doc.run(
            "New claim",
            lambda: m.add_claim(PLACEHOLDER["claim"], id=cid, position=pos),
            merge_key=("new", cid),
        )
        dv.scene.edit_claim(cid, merge_key=("new", cid), fresh=True)
        return cid

    def edit_selected(self) -> None:
        dv, cid = self.current, self._selected_one()
        if dv is not None and cid is not None:
            dv.scene.edit_claim(cid)

    def delete_selection(self) -> None:
        dv = self.current
        if dv is None:
            return
        ids = dv.scene.selected_claims() + dv.scene.selected_relations()
        if not ids:
            return
        m = dv.doc.map
        n = len(ids)
        dv.doc.run("Delete" if n == 1 else f"Delete {n} items", lambda: m.delete(ids))

    def set_thesis(self) -> None:
        dv, cid = self.current, self._selected_one()
        if dv is not None and cid is not None:
            dv.doc.run("Set thesis", lambda: dv.doc.map.set_thesis(cid))

    def set_relation_kind(self, kind: RelationKind) -> None:
        dv = self.current
        if dv is None:
            return
        m = dv.doc.map
        rids = [
            r
            for r in dv.scene.selected_relations()
            if m.relation(r).kind is not RelationKind.UNDERCUT
        ]
        try:
            dv.doc.run(f"Make {kind.value}", lambda: [m.set_relation_kind(r, kind) for r in rids])
        except ValueError as e:
            self.statusBar().showMessage(f"Cannot change the kind: {e}", 5000)

    def toggle_collapse(self) -> None:
        dv = self.current
        if dv is None:
            return
        m = dv.doc.map
        ids = dv.scene.selected_claims()
        if not ids:
            return
        collapse = not m.claim(ids[0]).collapsed
        dv.doc.run(
            "Collapse" if collapse else "Expand",
            lambda: [m.set_collapsed(c, collapse) for c in ids],
        )

    def select_all(self) -> None:
        if self.current is not None:
            scene = self.current.scene
            scene.clear_selection_to([c for c, i in scene.claim_items.items() if i.isVisible()])

    # ------------------------------------------------------------------ clipboard

    def copy(self) -> bool:
        dv = self.current
        if dv is None or not dv.scene.selected_claims():
            return False
        part = clipboard.subgraph(dv.doc.map, dv.scene.selected_claims())
        mime = QMimeData()
        mime.setData(clipboard.MIME_TYPE, clipboard.to_bytes(part))
        mime.setText(clipboard.plain_text(part))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selection()

    def paste(self) -> list[str]:
        dv = self.current
        mime = QGuiApplication.clipboard().mimeData()
        if dv is None or mime is None or not mime.hasFormat(clipboard.MIME_TYPE):
            return []
        data = bytes(mime.data(clipboard.MIME_TYPE).data())
        if not clipboard.parse_payload(data):
            return []
        m = dv.doc.map
        try:
            new = dv.doc.run("Paste", lambda: clipboard.paste(m, data, (40.0, 40.0)))
        except (ArgmapError, ValueError, KeyError) as e:
            self.statusBar().showMessage(f"Cannot paste: {e}", 5000)
            return []
        dv.scene.clear_selection_to(new)
        return new

    # ------------------------------------------------------------------ article

    def _select_from_article(self, cid: str) -> None:
        if self.current is not None:
            self.current.scene.clear_selection_to([cid])

    def new_claim_from_selection(self, article_id: str, start: int, end: int) -> str | None:
        dv = self.current
        if dv is None:
            return None
        m = dv.doc.map
        anchor = m.anchor(article_id, start, end)
        cid = m.fresh_id("c")
        pos = dv.scene.free_spot(None)
        text = " ".join(anchor.quote.split())
        dv.doc.run(
            "New claim from selection",
            lambda: m.add_claim(text, id=cid, anchors=[anchor], position=pos),
        )
        dv.scene.clear_selection_to([cid])
        return cid

    def anchor_to_selection(self, article_id: str, start: int, end: int) -> None:
        dv, cid = self.current, self._selected_one()
        if dv is None or cid is None:
            return
        m = dv.doc.map
        anchor = m.anchor(article_id, start, end)
        dv.doc.run("Anchor to selection", lambda: m.set_anchors(cid, [anchor]))

    # ------------------------------------------------------------------ navigation and find

    def navigate(self, direction: str) -> None:
        dv = self.current
        if dv is None:
            return
        m = dv.doc.map
        cid = self._selected_one()
        if cid is None:
            start = m.thesis or next((c.id for c in m.claims()), None)
            if start is not None:
                dv.scene.clear_selection_to([start])
            return
        nodes = dv.scene.nodes
        nxt = navigation.step(m, cid, direction, lambda c: nodes[c].cx if c in nodes else 0.0)
        if nxt is not None and dv.scene.claim_items[nxt].isVisible():
            dv.scene.clear_selection_to([nxt])

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def _find_changed(self, text: str) -> None:
        dv = self.current
        needle = text.casefold().strip()
        self._find_matches = []
        self._find_index = -1
        if dv is None:
            return
        if needle:
            nodes = dv.scene.nodes
            self._find_matches = sorted(
                (c.id for c in dv.doc.map.claims() if find.claim_matches(c, needle)),
                key=lambda c: (nodes[c].cy, nodes[c].cx) if c in nodes else (0.0, 0.0),
            )
        dv.scene.set_found(self._find_matches)
        if needle:
            find.show_matches(dv.view, self._find_matches)
            self.statusBar().showMessage(find.summary(dv.scene, self._find_matches), 3000)

    def find_next(self) -> str | None:
        dv = self.current
        if dv is None or not self._find_matches:
            return None
        for _ in self._find_matches:  # the next match on screen (not collapsed or unfocused)
            self._find_index = (self._find_index + 1) % len(self._find_matches)
            cid = self._find_matches[self._find_index]
            if dv.scene.claim_items[cid].isVisible():
                break
        else:
            return None
        dv.scene.clear_selection_to([cid])
        dv.view.centre_on(dv.scene.claim_items[cid])
        return cid

    # ------------------------------------------------------------------ layout

    def auto_layout(self) -> None:
        dv = self.current
        if dv is None or self._layout_job is not None or not layout_available():
            return
        job = _LayoutJob(dv.doc.map.copy())
        index = dv.doc.undo_stack.index()
        self._layout_job = job
        if dv.doc.map.claim_count > LAYOUT_PROGRESS_THRESHOLD:
            self.progress.show()
        self.statusBar().showMessage("Laying out…")

        def done(layout: Any, error: str | None) -> None:
            self._layout_job = None
            self.progress.hide()
            if error is not None or layout is None:
                self.statusBar().showMessage(f"Layout failed: {error}", 8000)
                return
            if dv not in self.views or dv.doc.undo_stack.index() != index:
                self.statusBar().showMessage("The map changed during layout; run it again.", 5000)
                return
            from argmap.layout import graphviz

            assert isinstance(layout, graphviz.Layout)
            dv.doc.run("Auto layout", lambda: graphviz.apply_layout(dv.doc.map, layout))
            dv.view.fit()
            self.statusBar().showMessage("Layout done", 3000)

        job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        QThreadPool.globalInstance().start(job)

    # ------------------------------------------------------------------ misc

    def _view_do(self, what: str) -> None:
        if self.current is not None:
            getattr(self.current.view, what)()

    def _context_menu(self, pos: QPoint) -> None:
        dv = self.current
        if dv is None:
            return
        item = dv.view.itemAt(pos)
        if isinstance(item, ClaimItem | RelationItem) and not item.isSelected():
            dv.scene.clear_selection_to(
                [item.claim_id if isinstance(item, ClaimItem) else item.relation_id]
            )
        menu = QMenu(self)
        if isinstance(item, ClaimItem):
            for act in (
                self.act_reason,
                self.act_objection,
                self.act_rebuttal,
                self.act_copremise,
                None,
                self.act_edit,
                self.act_thesis,
                self.act_collapse,
                self.act_focus,
                None,
                self.act_cut,
                self.act_copy,
                self.act_delete,
            ):
                menu.addSeparator() if act is None else menu.addAction(act)
        elif isinstance(item, RelationItem):
            for act in self.act_kind.values():
                menu.addAction(act)
            menu.addSeparator()
            menu.addAction(self.act_delete)
        else:
            for act in (self.act_new_claim, self.act_paste, None, self.act_layout, self.act_fit):
                menu.addSeparator() if act is None else menu.addAction(act)
        self.context_menu_built.emit(menu, item)
        menu.popup(dv.view.viewport().mapToGlobal(pos))

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(url.toLocalFile())
        event.acceptProposedAction()

    def role_of(self, cid: str) -> Role | None:
        return self.current.doc.map.role(cid) if self.current else None
