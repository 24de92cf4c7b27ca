"""One registry of the window's actions; the menu bar and the toolbar are built from it.

Each action is declared once (:class:`ActionSpec`: id, text, shortcuts, handler, where it
goes); panels and plug-ins (the analysis UI, future canvas tools) register theirs the same way
and find others by id, never by a menu's label::

    registry.add(ActionSpec("view.minimap", "&Overview", toggle_minimap, ("Ctrl+M",),
                            menu="view", group=3, checkable=True))
    registry["view.minimap"].setChecked(True)

Menus are ``"file"``, ``"edit"``, ``"map"``, ``"view"``, ``"help"`` and any added with
:meth:`ActionRegistry.add_menu` (top level or submenu). Within a menu or the toolbar, items
sort by ``group`` (a separator between groups) and then by registration order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

Shortcut = str | QKeySequence.StandardKey

STANDARD_MENUS = (("file", "&File"), ("edit", "&Edit"), ("map", "&Map"), ("view", "&View"))
HELP_MENU = ("help", "&Help")  # always last


@dataclass(frozen=True)
class ActionSpec:
    """One user command."""

    id: str  # "area.name", e.g. "file.save", "map.reason"
    text: str
    handler: Callable[[], object] | None = None  # None: the caller connects the action itself
    shortcuts: tuple[Shortcut, ...] = ()
    menu: str | None = None  # menu id; None: only a shortcut (and context menus)
    group: int = 0
    toolbar: int | None = None  # toolbar group; None: not on the toolbar
    canvas: bool = False  # shortcut only while the canvas has the focus
    checkable: bool = False
    tooltip: str = ""


class _Slots:
    """Items of one menu or toolbar, kept sorted by (group, order); separators between groups."""

    def __init__(self, widget: QMenu | QToolBar) -> None:
        self.widget = widget
        self.keys: list[tuple[int, int]] = []
        self.items: list[QAction] = []
        self.order = 0

    def _insert_at(self, key: tuple[int, int], make: Callable[[QAction | None], QAction]) -> None:
        i = bisect.bisect(self.keys, key)
        before = self.items[i] if i < len(self.items) else None
        self.keys.insert(i, key)
        self.items.insert(i, make(before))

    def insert(
        self, group: int, action: QAction | None = None, widget: QWidget | None = None
    ) -> None:
        if self.keys and all(k[0] != group for k in self.keys):
            self._insert_at((group, -1), self._separator)
        self.order += 1

        def make(before: QAction | None) -> QAction:
            if widget is not None:
                assert isinstance(self.widget, QToolBar)
                return self.widget.insertWidget(before, widget)  # type: ignore[arg-type]
            assert action is not None
            self.widget.insertAction(before, action)  # type: ignore[arg-type]
            return action

        self._insert_at((group, self.order), make)

    def _separator(self, before: QAction | None) -> QAction:
        return self.widget.insertSeparator(before)  # type: ignore[arg-type]


class ActionRegistry(QObject):
    """The actions of one main window, by id, placed in its menus and toolbar."""

    def __init__(self, window: QMainWindow, canvas_scope: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.canvas_scope = canvas_scope
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self._slots: dict[str, _Slots] = {}
        bar = window.menuBar()
        for menu_id, title in (*STANDARD_MENUS, HELP_MENU):
            menu = bar.addMenu(title)
            self.menus[menu_id] = menu
            self._slots[menu_id] = _Slots(menu)
        self.toolbar = window.addToolBar("Edit")
        self.toolbar.setObjectName("edit-toolbar")
        self._toolbar = _Slots(self.toolbar)

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def __contains__(self, action_id: object) -> bool:
        return action_id in self.actions

    def add(self, spec: ActionSpec) -> QAction:
        """Create the action ``spec`` describes and place it."""
        action = QAction(spec.text, self.window)
        action.setObjectName(spec.id)
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setCheckable(spec.checkable)
        if spec.tooltip:
            action.setToolTip(spec.tooltip)
        if spec.canvas:
            # Keys like Delete or Ctrl+C must reach the text fields of the panels, so these
            # shortcuts only work while the canvas has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.canvas_scope.addAction(action)
        handler = spec.handler
        if handler is not None:
            action.triggered.connect(lambda _checked=False: handler())
        return self.add_action(
            spec.id, action, menu=spec.menu, group=spec.group, toolbar=spec.toolbar
        )

    def add_action(
        self,
        action_id: str,
        action: QAction,
        *,
        menu: str | None = None,
        group: int = 0,
        toolbar: int | None = None,
    ) -> QAction:
        """Register an action made elsewhere (undo/redo of a QUndoGroup, a dock's toggle)."""
        if action_id in self.actions:
            raise ValueError(f"action {action_id!r} is already registered")
        self.actions[action_id] = action
        if menu is not None:
            self.place(action_id, menu, group)
        elif action.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut:
            self.window.addAction(action)  # its shortcut works without a menu
        if toolbar is not None:
            self._toolbar.insert(toolbar, action)
        return action

    def place(self, action_id: str, menu: str, group: int = 0) -> None:
        """Show a registered action in (another) menu."""
        self._slots[menu].insert(group, self.actions[action_id])

    def place_on_toolbar(self, action_id: str, group: int) -> None:
        """Show a registered action on the toolbar too (after the group's earlier items)."""
        self._toolbar.insert(group, self.actions[action_id])

    def add_menu(
        self, menu_id: str, title: str, *, parent: str | None = None, group: int = 0
    ) -> QMenu:
        """A submenu of ``parent``, or a top-level menu before Help."""
        if menu_id in self.menus:
            raise ValueError(f"menu {menu_id!r} is already registered")
        menu = QMenu(title, self.window)
        if parent is None:
            self.window.menuBar().insertMenu(self.menus["help"].menuAction(), menu)
        else:
            self._slots[parent].insert(group, menu.menuAction())
        self.menus[menu_id] = menu
        self._slots[menu_id] = _Slots(menu)
        return menu

    def add_toolbar_widget(self, widget: QWidget, group: int) -> None:
        self._toolbar.insert(group, widget=widget)
