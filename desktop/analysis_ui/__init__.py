"""Debate preparation in the desktop app: live claim status, what-if marks, gaps, themes,
rehearsal. ``install_analysis(window)`` adds all of it to a main window from outside: it
follows the window's open documents through its stacked widget, registers its actions and
menus in the window's action registry (``window.registry``), adds docks, and extends the
canvas context menu through ``MainWindow.context_menu_built``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu

from argmap.analysis import SEMANTICS, Semantics
from argmap.model.elements import Assumption
from desktop.actions import ActionSpec
from desktop.analysis_ui.status import SceneStatus
from desktop.canvas.items import ClaimItem
from desktop.panels.gaps import GapsPanel
from desktop.panels.themes import ThemesPanel
from desktop.rehearse import RehearseDialog

if TYPE_CHECKING:
    from desktop.main_window import DocumentView, MainWindow

# Panels recompute this long after the last edit (the gap report's what-if search is slow).
PANEL_DELAY_MS = 250

ASSUME_TEXT = {
    Assumption.ACCEPTED: "Assume accepted",
    Assumption.REJECTED: "Assume rejected",
    None: "Clear assumption",
}


class AnalysisController(QObject):
    """Everything analysis adds to one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.semantics: Semantics = "grounded"
        self.statuses: dict[int, SceneStatus] = {}  # id(view) → its scene's status
        self.rehearse_dialog: RehearseDialog | None = None
        self._themes_sized = False
        self._build_actions()
        self._build_docks()
        self._build_menus()
        self.status_label = QLabel()
        window.statusBar().addPermanentWidget(self.status_label)
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(PANEL_DELAY_MS)
        self._panel_timer.timeout.connect(self.refresh_panels)
        window.stack.currentChanged.connect(self._current_changed)
        window.stack.widgetRemoved.connect(lambda _i: self._forget_closed())
        window.context_menu_built.connect(self._extend_context_menu)
        for dv in window.views:
            self._attach(dv)
        self._current_changed()

    # ------------------------------------------------------------------ building

    def _build_actions(self) -> None:
        r = self.window.registry
        r.add_menu("analysis", "&Analysis")
        r.add_menu("view.semantics", "Claim status &semantics", parent="view", group=5)
        self.semantics_group = QActionGroup(self)
        self.semantics_group.setExclusive(True)
        self.act_semantics: dict[str, QAction] = {}
        for s in SEMANTICS:
            act = r.add(
                ActionSpec(
                    f"analysis.semantics.{s}",
                    s.capitalize(),
                    functools.partial(self.set_semantics, s),
                    menu="analysis",
                    checkable=True,
                    tooltip="Claim status: in, out or undecided under grounded semantics"
                    if s == "grounded"
                    else f"Claim status under {s} semantics (sceptical: in every extension)",
                )
            )
            act.setChecked(s == self.semantics)
            r.place(act.objectName(), "view.semantics")
            self.semantics_group.addAction(act)
            self.act_semantics[s] = act
        self.act_show_status = r.add(
            ActionSpec(
                "analysis.show_status", "Show claim &status", menu="analysis", checkable=True
            )
        )
        r.place("analysis.show_status", "view", group=5)
        self.act_show_status.setChecked(True)
        self.act_show_status.toggled.connect(self.set_status_shown)
        self.act_assume: dict[Assumption | None, QAction] = {}
        for value, text in ASSUME_TEXT.items():
            name = value.value if value is not None else "clear"
            self.act_assume[value] = r.add(
                ActionSpec(
                    f"analysis.assume.{name}",
                    text,
                    functools.partial(self.assume, value),
                    menu="analysis",
                    group=1,
                )
            )
        self.act_rehearse = r.add(
            ActionSpec(
                "analysis.rehearse",
                "&Rehearse objections…",
                self.open_rehearse,
                menu="analysis",
                group=2,
            )
        )

    def _build_docks(self) -> None:
        w = self.window
        self.gaps = GapsPanel()
        self.gaps.claim_clicked.connect(self.select_claim)
        self.gaps_dock = QDockWidget("Gaps", w)
        self.gaps_dock.setObjectName("gaps")
        self.gaps_dock.setWidget(self.gaps)
        w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.gaps_dock)
        w.tabifyDockWidget(w.inspector_dock, self.gaps_dock)
        w.inspector_dock.raise_()
        self.gaps_dock.visibilityChanged.connect(self._dock_visibility)

        self.themes = ThemesPanel()
        self.themes.cell_clicked.connect(self.select_in_map)
        self.themes_dock = QDockWidget("Themes", w)
        self.themes_dock.setObjectName("themes")
        self.themes_dock.setWidget(self.themes)
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.themes_dock)
        self.themes_dock.hide()
        self.themes_dock.visibilityChanged.connect(self._dock_visibility)

    def _build_menus(self) -> None:
        r = self.window.registry
        for dock in (self.gaps_dock, self.themes_dock):
            action_id = f"view.dock.{dock.objectName()}"
            r.add_action(action_id, dock.toggleViewAction(), menu="view", group=1)
            r.place(action_id, "analysis", group=2)

    # ------------------------------------------------------------------ documents

    def _attach(self, dv: DocumentView) -> SceneStatus:
        status = self.statuses.get(id(dv.view))
        if status is None or status.scene is not dv.scene:
            status = SceneStatus(dv.doc, dv.scene, self.semantics, self._evaluated)
            status.set_shown(self.act_show_status.isChecked())
            self.statuses[id(dv.view)] = status
        return status

    def status_of(self, dv: DocumentView) -> SceneStatus:
        """The live status of a document's scene (attached on first use)."""
        return self._attach(dv)

    def _current_changed(self, _index: int = 0) -> None:
        self._forget_closed()
        for dv in self.window.views:
            self._attach(dv)
        self._update_label()
        self._update_actions()
        self._schedule_panels()

    def _forget_closed(self) -> None:
        alive = {id(dv.view) for dv in self.window.views}
        for key in [k for k in self.statuses if k not in alive]:
            self.statuses.pop(key).detach()
        # A rehearsal of a map that was closed would record marks nobody can save.
        d = self.rehearse_dialog
        if (
            d is not None
            and shiboken6.isValid(d)
            and all(dv.doc is not d.doc for dv in self.window.views)
        ):
            d.close()
            self.rehearse_dialog = None

    def _evaluated(self, status: SceneStatus) -> None:
        self._update_label()
        self._schedule_panels()

    def _update_label(self) -> None:
        dv = self.window.current
        if dv is None:
            self.status_label.setText("")
            return
        status = self.statuses.get(id(dv.view))
        ev = status.evaluation if status else None
        if ev is None or status is None:
            return
        counts = {k: 0 for k in ("in", "out", "undecided")}
        for label in ev.labels.values():
            counts[label] += 1
        self.status_label.setText(
            f"{ev.semantics}: {counts['in']} in · {counts['out']} out · "
            f"{counts['undecided']} undecided"
        )
        self.status_label.setToolTip(status.error or f"evaluated in {status.last_ms:.1f} ms")

    def _update_actions(self) -> None:
        has = self.window.current is not None
        self.act_rehearse.setEnabled(has)
        for act in self.act_assume.values():
            act.setEnabled(has)

    # ------------------------------------------------------------------ semantics

    def set_semantics(self, semantics: Semantics) -> None:
        """Switch every open map's status to ``semantics``."""
        self.semantics = semantics
        self.act_semantics[semantics].setChecked(True)
        for status in self.statuses.values():
            status.set_semantics(semantics)
        self._update_label()

    def set_status_shown(self, shown: bool) -> None:
        for status in self.statuses.values():
            status.set_shown(shown)

    # ------------------------------------------------------------------ what-if

    def assume(self, value: Assumption | None) -> None:
        """Mark the selected claims (one undo step); the labels follow at once."""
        dv = self.window.current
        if dv is None:
            return
        ids = dv.scene.selected_claims()
        if not ids:
            return
        m = dv.doc.map
        dv.doc.run(ASSUME_TEXT[value], lambda: [m.update_claim(c, assumption=value) for c in ids])

    def _extend_context_menu(self, menu: QMenu, item: object) -> None:
        if not isinstance(item, ClaimItem) or self.window.current is None:
            return
        m = self.window.current.doc.map
        current = m.claim(item.claim_id).assumption if m.has_claim(item.claim_id) else None
        menu.addSeparator()
        for value, act in self.act_assume.items():
            act.setEnabled(value is not current)
            menu.addAction(act)

    # ------------------------------------------------------------------ selection from panels

    def select_claim(self, cid: str) -> None:
        dv = self.window.current
        if dv is None or cid not in dv.scene.claim_items:
            return
        dv.scene.clear_selection_to([cid])
        dv.view.centerOn(dv.scene.claim_items[cid])

    def select_in_map(self, key: str, ids: list[str]) -> None:
        """Switch to the map ``key`` (if needed) and select ``ids`` there."""
        for dv in self.window.views:
            if dv.key == key:
                if self.window.current is not dv:
                    self.window.set_current(dv)
                present = [c for c in ids if c in dv.scene.claim_items]
                dv.scene.clear_selection_to(present)
                if present:
                    dv.view.centerOn(dv.scene.claim_items[present[0]])
                return

    # ------------------------------------------------------------------ panels

    def _dock_visibility(self, visible: bool) -> None:
        if visible and self.themes_dock.isVisible() and not self._themes_sized:
            # A bottom dock first takes half the window; the matrix needs a few rows.
            self._themes_sized = True
            self.window.resizeDocks([self.themes_dock], [190], Qt.Orientation.Vertical)
        if visible:
            self._schedule_panels()

    def _schedule_panels(self) -> None:
        if self.gaps_dock.isVisible() or self.themes_dock.isVisible():
            self._panel_timer.start()

    def refresh_panels(self) -> None:
        """Recompute the visible panels now (they are also refreshed shortly after edits)."""
        if not shiboken6.isValid(self.window):
            return
        dv = self.window.current
        if self.gaps_dock.isVisible():
            self.gaps.set_map(dv.doc.map if dv else None, self.semantics)
        if self.themes_dock.isVisible():
            views = list(self.window.views)
            self.themes.set_maps(
                [(v.key, v.doc.map) for v in views], {v.key: v.doc.display_name for v in views}
            )

    # ------------------------------------------------------------------ rehearse

    def open_rehearse(self) -> RehearseDialog | None:
        dv = self.window.current
        if dv is None:
            return None
        if self.rehearse_dialog is not None and shiboken6.isValid(self.rehearse_dialog):
            self.rehearse_dialog.close()
            self.rehearse_dialog.deleteLater()
        dialog = RehearseDialog(dv.doc, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.rehearse_dialog = dialog
        dialog.show()
        return dialog


def install_analysis(window: MainWindow) -> AnalysisController:
    """Add claim status, what-if marks, the Gaps and Themes docks and Rehearse to ``window``."""
    controller = AnalysisController(window)
    window.analysis = controller  # type: ignore[attr-defined]
    return controller
