"""The main window: library (left), canvas (centre), article and inspector (right).

It is given its services (DESIGN.md rule 11): the :class:`DocumentService` opens, saves,
autosaves, recovers and closes maps; :class:`Prompts` asks every question. It builds its menus
and toolbar from one :class:`ActionRegistry` (``window.actions``, see
:mod:`desktop.window_actions`), and keeps one :class:`DocumentView` (document + scene + view)
per open map; the undo group follows the map in front.
"""

from __future__ import annotations

import contextlib
import warnings

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from desktop import chrome, settings, window_actions
from desktop.actions import ActionRegistry
from desktop.canvas.focus import Focus
from desktop.canvas.items import ClaimItem, RelationItem
from desktop.canvas.minimap import Overview
from desktop.canvas.scene import MapScene
from desktop.canvas.view import MapView
from desktop.document import Document
from desktop.document_view import DocumentView
from desktop.documents import DocumentService
from desktop.editing import EditCommands
from desktop.find import FindBar
from desktop.layout_runner import LayoutRunner
from desktop.panels.article import ArticlePanel
from desktop.panels.inspector import InspectorPanel
from desktop.panels.library import LibraryPanel
from desktop.perf import paused_gc
from desktop.prompts import Prompts

DEFER_ARTICLE_ABOVE = 1000  # claims: a big map's article loads after its canvas has painted
MESSAGE_MS = 5000


class MainWindow(QMainWindow):
    # Emitted with the canvas context menu and the item under the cursor before it pops up,
    # so other parts (desktop.analysis_ui) can add their actions.
    context_menu_built = Signal(object, object)

    def __init__(self, documents: DocumentService, prompts: Prompts) -> None:
        super().__init__()
        self.setWindowTitle("argmap")
        self.setAcceptDrops(True)
        self.documents = documents
        documents.setParent(self)
        self.prompts = prompts
        prompts.parent = self
        self.views: list[DocumentView] = []
        self.current: DocumentView | None = None
        self._counter = 0
        self.undo_group = QUndoGroup(self)

        self.stack = QStackedWidget()
        self.empty = QLabel("Open a map (Ctrl+O) or pick one from the library.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.setCentralWidget(self.stack)
        self._build_docks()
        self.counts, self.saved_state = QLabel(), QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy, no percentage
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        for widget in (self.progress, self.counts, self.saved_state):
            self.statusBar().addPermanentWidget(widget)
        chrome.separate_status_fields(self.statusBar())
        self.focus = Focus(self)

        self.editing = EditCommands(lambda: self.current, self.message)
        self.finder = FindBar(lambda: self.current, self.message, self)
        self.layout_runner = LayoutRunner(lambda dv: dv in self.views, self.message, self)
        self.layout_runner.busy.connect(self.progress.setVisible)
        self.article.claim_clicked.connect(self.editing.select_from_article)
        self.article.new_claim_requested.connect(self.editing.new_claim_from_selection)
        self.article.anchor_requested.connect(self.editing.anchor_to_selection)

        self.registry = ActionRegistry(self, self.stack)
        self.recent_menu: QMenu
        window_actions.register_standard_actions(self)
        self._rebuild_recent()
        window_actions.update_enabled(self)

        documents.added.connect(self._show_document)
        documents.closed.connect(self._drop_document)
        documents.shown.connect(lambda doc: self.set_current(self.view_of(doc)))
        documents.saved.connect(lambda _doc, path: self._rebuild_recent(f"Saved {path}"))
        for doc in documents.docs:
            self._show_document(doc)

    def _build_docks(self) -> None:
        self.library = LibraryPanel()
        # Docks added later (analysis, Argdown) re-balance the areas; without a floor the
        # library was squeezed to a sliver where no title could be read.
        self.library.setMinimumWidth(200)
        self.library.open_requested.connect(self._library_open)
        self.article = ArticlePanel()
        self.inspector = InspectorPanel()
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.library_dock = add_dock(self, "Library", self.library, left)
        self.article_dock = add_dock(self, "Article", self.article, right)
        self.inspector_dock = add_dock(self, "Inspector", self.inspector, right)
        self.overview = Overview()
        self.overview_dock = add_dock(self, "Overview", self.overview, left)
        self.resizeDocks([self.library_dock], [220], Qt.Orientation.Horizontal)
        self.resizeDocks([self.article_dock], [380], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.article_dock, self.inspector_dock], [560, 280], Qt.Orientation.Vertical
        )

    def message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    # ------------------------------------------------------------------ documents on screen

    def view_of(self, doc: Document | None) -> DocumentView | None:
        return next((dv for dv in self.views if dv.doc is doc), None)

    def _show_document(self, doc: Document) -> None:
        """A document the service took in gets its own scene, view and undo stack."""
        self._counter += 1
        with paused_gc():
            scene = MapScene(doc, self)
        view = MapView(scene)
        view.navigate = self.editing.navigate
        view.first_painted.connect(lambda: QTimer.singleShot(0, self.article.flush))
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
        scene.status_message.connect(self.message)
        self.set_current(dv)

    def _drop_document(self, doc: Document) -> None:
        dv = self.view_of(doc)
        if dv is None:
            return
        dv.scene.detach()
        self.views.remove(dv)
        self.undo_group.removeStack(doc.undo_stack)
        self.stack.removeWidget(dv.view)
        dv.scene.selectionChanged.disconnect(self._selection_changed)
        self._disconnect_document(dv)
        doc.setParent(None)
        dv.view.deleteLater()
        dv.scene.deleteLater()
        self.set_current(self.views[-1] if self.views else None)

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
            defer = dv.doc.map.claim_count > DEFER_ARTICLE_ABOVE and not dv.view.painted
            self.article.set_map(dv.doc.map, defer=defer)
            dv.view.setFocus()
            self._selection_changed()
        self.finder.refresh()
        self._doc_changed()

    # ------------------------------------------------------------------ file commands

    def add_document(self, doc: Document) -> DocumentView:
        """Show ``doc`` (made elsewhere, e.g. a test's map) as a new open map."""
        self.documents.add(doc)
        dv = self.view_of(doc)
        assert dv is not None
        return dv

    def open_path(self, path: str) -> DocumentView | None:
        """Open a file (any readable format); a failure shows one line and changes nothing."""
        doc = self.documents.open(path)
        self._rebuild_recent()
        return self.view_of(doc)

    def _library_open(self, key: str) -> None:
        if key.startswith("seed:"):
            self.open_path(key[5:])
            return
        self.set_current(next((dv for dv in self.views if dv.key == key), self.current))

    def _rebuild_recent(self, message: str = "") -> None:
        if message:
            self.message(message)
        self.recent_menu.clear()
        for path in settings.recent_files():
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def save(self, dv: DocumentView | None = None) -> bool:
        dv = dv or self.current
        return dv is not None and self.documents.save(dv.doc)

    def save_as(self, dv: DocumentView | None = None) -> bool:
        dv = dv or self.current
        return dv is not None and self.documents.save_as(dv.doc)

    def close_document(self, dv: DocumentView) -> bool:
        return self.documents.close(dv.doc)

    def close_current(self) -> None:
        if self.current is not None:
            self.close_document(self.current)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.may_quit():
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
        self.documents.shut_down()
        event.accept()

    def _disconnect_document(self, dv: DocumentView) -> None:
        for signal, slot in (
            (dv.doc.changed, self._doc_changed),
            (dv.doc.undo_stack.indexChanged, self._update_status),
        ):
            with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # already disconnected: fine
                signal.disconnect(slot)

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
        window_actions.update_enabled(self)

    def _context_menu(self, pos: QPoint) -> None:
        dv = self.current
        if dv is None:
            return
        item = dv.view.itemAt(pos)
        if isinstance(item, ClaimItem | RelationItem) and not item.isSelected():
            dv.scene.clear_selection_to(
                [item.claim_id if isinstance(item, ClaimItem) else item.relation_id]
            )
        menu = window_actions.context_menu(self, item)
        self.context_menu_built.emit(menu, item)
        menu.popup(dv.view.viewport().mapToGlobal(pos))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(url.toLocalFile())
        event.acceptProposedAction()


def add_dock(
    window: QMainWindow, title: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(title.lower())
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(area, dock)
    return dock
