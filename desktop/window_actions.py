"""The main window's own actions, registered in its :class:`desktop.actions.ActionRegistry`,
when each is enabled, and the canvas context menu built from them."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from argmap.formats import formats
from argmap.model import RelationKind
from desktop import chrome, exporting, printing
from desktop.actions import ActionSpec
from desktop.canvas.items import ClaimItem, RelationItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsItem

    from desktop.main_window import MainWindow

SHORTCUTS: list[tuple[str, str]] = [
    ("Insert or Tab", "Add a reason to the selected claim"),
    ("Shift+Insert or Shift+Tab", "Add an objection to the selected claim"),
    ("Ctrl+R", "Add a rebuttal (an objection to the selected objection)"),
    ("Ctrl+Shift+B", 'Add a concession: the author\'s "yes, but" (qualifies, attacks nothing)'),
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
    ("Ctrl+Shift+L", "Auto layout: place new claims, keep the picture (one undo step)"),
    ("Ctrl+Alt+Shift+L", "Fresh layout of the whole map; pinned claims stay (one undo step)"),
    ("Ctrl+wheel, Ctrl++ / Ctrl+-", "Zoom"),
    ("Ctrl+0", "Fit the map to the window"),
    ("Middle-drag / Space+drag", "Pan"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"),
    ("Ctrl+Shift+D", "Argdown pane: the map as text; edit either, the other follows"),
    ("Ctrl+E", "Export the map (PDF and PNG: on A4, Letter or A3 paper, or the drawing's size)"),
    ("Ctrl+P", "Print the map (pages as export --page: one page or an overview and tiles)"),
]

Std = QKeySequence.StandardKey

# Enabled with exactly one claim selected / with a map open.
NEEDS_ONE_CLAIM = (
    "map.reason",
    "map.objection",
    "map.rebuttal",
    "map.concession",
    "map.edit",
    "map.thesis",
    "view.focus",
)
NEEDS_A_MAP = (
    "file.save",
    "file.save_as",
    "file.export",
    "file.print",
    "file.close",
    "edit.paste",
    "map.new_claim",
    "edit.select_all",
    "map.layout",
)
Sections = tuple[tuple[str, ...], ...]
CLAIM_MENU: Sections = (
    ("map.reason", "map.objection", "map.rebuttal", "map.concession", "map.copremise"),
    ("map.edit", "map.thesis", "map.collapse", "view.focus"),
    ("edit.cut", "edit.copy", "edit.delete"),
)
RELATION_KINDS = (
    (RelationKind.SUPPORT, "Make support"),
    (RelationKind.ATTACK, "Make attack"),
    (RelationKind.QUALIFY, "Make concession (qualifies, attacks nothing)"),
    (RelationKind.SUPERSEDE, "Make later position (supersedes an earlier one)"),
)
RELATION_MENU: Sections = (
    tuple(f"map.kind.{kind.value}" for kind, _ in RELATION_KINDS),
    ("edit.delete",),
)
CANVAS_MENU: Sections = (("map.new_claim", "edit.paste"), ("map.layout", "view.fit"))


def register_standard_actions(w: MainWindow) -> None:
    """File, Edit, Map, View and Help, with the toolbar."""
    r, e, docs = w.registry, w.editing, w.documents
    for spec in (
        ActionSpec("file.new", "&New map", docs.new, (Std.New,), menu="file"),
        ActionSpec(
            "file.open", "&Open…", lambda: open_dialog(w), (Std.Open,), menu="file", toolbar=0
        ),
        ActionSpec("file.save", "&Save", w.save, (Std.Save,), "file", 2, toolbar=0),
        ActionSpec("file.save_as", "Save &as…", w.save_as, ("Ctrl+Shift+S",), "file", 2),
        ActionSpec(
            "file.export", "&Export…", lambda: exporting.export_dialog(w), ("Ctrl+E",), "file", 2
        ),
        ActionSpec(
            "file.print", "&Print…", lambda: printing.print_dialog(w), (Std.Print,), "file", 2
        ),
        ActionSpec("file.close", "&Close map", w.close_current, (Std.Close,), "file", 2),
        ActionSpec("file.quit", "&Quit", w.close, (Std.Quit,), "file", 3),
    ):
        r.add(spec)
    w.recent_menu = r.add_menu("file.recent", "Open &recent", parent="file", group=1)

    undo, redo = chrome.undo_actions(w.undo_group, w)  # fixed labels: the toolbar keeps still
    r.add_action("edit.undo", undo, menu="edit", toolbar=0)
    r.add_action("edit.redo", redo, menu="edit", toolbar=0)
    for spec in (
        ActionSpec("edit.cut", "Cu&t", e.cut, (Std.Cut,), "edit", 1, canvas=True),
        ActionSpec("edit.copy", "&Copy", e.copy, (Std.Copy,), "edit", 1, canvas=True),
        ActionSpec("edit.paste", "&Paste", e.paste, (Std.Paste,), "edit", 1, canvas=True),
        ActionSpec(
            "edit.delete", "&Delete", e.delete_selection, ("Delete",), "edit", 1, canvas=True
        ),
        ActionSpec(
            "edit.select_all", "Select &all", e.select_all, ("Ctrl+A",), "edit", 2, canvas=True
        ),
        ActionSpec("edit.find", "&Find…", w.finder.focus, (Std.Find,), "edit", 2),
        # Laptops often have no Insert key: Tab and Shift+Tab too.
        ActionSpec(
            "map.reason",
            "Add &reason",
            lambda: e.add_related("reason"),
            ("Insert", "Tab"),
            "map",
            toolbar=1,
            canvas=True,
        ),
        ActionSpec(
            "map.objection",
            "Add &objection",
            lambda: e.add_related("objection"),
            ("Shift+Insert", "Shift+Tab"),
            "map",
            toolbar=1,
            canvas=True,
        ),
        ActionSpec(
            "map.rebuttal",
            "Add re&buttal",
            lambda: e.add_related("rebuttal"),
            ("Ctrl+R",),
            "map",
            toolbar=1,
            canvas=True,
        ),
        ActionSpec(
            "map.concession",
            "Add con&cession",
            lambda: e.add_related("concession"),
            ("Ctrl+Shift+B",),
            "map",
            canvas=True,
            tooltip='The author\'s "yes, but": limits the claim without attacking it '
            "(Ctrl+Shift+B)",
        ),
        ActionSpec(
            "map.copremise", "Add &co-premise", e.add_copremise, ("Ctrl+L",), "map", canvas=True
        ),
        ActionSpec(
            "map.new_claim", "New &claim", e.add_free_claim, ("Ctrl+Shift+N",), "map", canvas=True
        ),
        ActionSpec("map.edit", "&Edit text", e.edit_selected, ("F2",), "map", 1, canvas=True),
        ActionSpec("map.thesis", "Set as &thesis", e.set_thesis, (), "map", 1),
        ActionSpec(
            "map.collapse",
            "Collapse / e&xpand",
            e.toggle_collapse,
            ("Ctrl+Shift+C",),
            "map",
            1,
            canvas=True,
        ),
        ActionSpec(
            "map.layout",
            "Auto &layout",
            lambda: auto_layout(w),
            ("Ctrl+Shift+L",),
            "map",
            3,
            toolbar=2,
            tooltip="Place new claims and redraw the arrows, keeping the picture (Ctrl+Shift+L)",
        ),
        ActionSpec(
            "map.layout_fresh",
            "&Fresh layout",
            lambda: auto_layout(w, fresh=True),
            ("Ctrl+Alt+Shift+L",),
            "map",
            3,
            tooltip="Lay out the whole map again; pinned claims stay (Ctrl+Alt+Shift+L)",
        ),
    ):
        r.add(spec)
    r.place_on_toolbar("edit.delete", group=1)  # after the three ways to add
    r.add_menu("map.kind", "Relation &kind", parent="map", group=2)
    for kind, text in RELATION_KINDS:
        r.add(
            ActionSpec(
                f"map.kind.{kind.value}",
                text,
                functools.partial(e.set_relation_kind, kind),
                menu="map.kind",
            )
        )

    def view(what: str) -> None:
        if w.current is not None:
            getattr(w.current.view, what)()

    for spec in (
        ActionSpec(
            "view.zoom_in", "Zoom &in", lambda: view("zoom_in"), ("Ctrl++", "Ctrl+="), "view"
        ),
        ActionSpec("view.zoom_out", "Zoom &out", lambda: view("zoom_out"), ("Ctrl+-",), "view"),
        ActionSpec(
            "view.fit", "&Fit to window", lambda: view("fit"), ("Ctrl+0",), "view", toolbar=2
        ),
        ActionSpec(
            "view.focus",
            "&Focus on claim",
            w.focus.focus_selected,
            ("Ctrl+Shift+F",),
            "view",
            2,
            canvas=True,
        ),
        ActionSpec(
            "view.unfocus", "Show &whole map", w.focus.leave, ("Alt+Left",), "view", 2, canvas=True
        ),
        ActionSpec("help.shortcuts", "&Keyboard shortcuts", lambda: show_shortcuts(w), menu="help"),
    ):
        r.add(spec)
    for dock in (w.library_dock, w.overview_dock, w.article_dock, w.inspector_dock):
        r.add_action(
            f"view.dock.{dock.objectName()}", dock.toggleViewAction(), menu="view", group=1
        )
    r.add_toolbar_widget(w.finder.box, group=3)


def update_enabled(w: MainWindow) -> None:
    """Enable what applies to the map in front and its selection."""
    r, dv = w.registry, w.current
    claims = dv.scene.selected_claims() if dv else []
    relations = dv.scene.selected_relations() if dv else []
    one = len(claims) == 1
    for name in NEEDS_ONE_CLAIM:
        r[name].setEnabled(one)
    r["map.copremise"].setEnabled(
        one
        and dv is not None
        and any(rel.kind is RelationKind.SUPPORT for rel in dv.doc.map.relations_from(claims[0]))
    )
    for name in ("edit.delete", "edit.cut"):
        r[name].setEnabled(bool(claims or relations))
    r["edit.copy"].setEnabled(bool(claims))
    r["map.collapse"].setEnabled(bool(claims))
    for kind, _ in RELATION_KINDS:
        r[f"map.kind.{kind.value}"].setEnabled(bool(relations))
    for name in NEEDS_A_MAP:
        r[name].setEnabled(dv is not None)


def context_menu(w: MainWindow, item: QGraphicsItem | None) -> QMenu:
    """The canvas menu for a claim, a relation or the empty canvas."""
    if isinstance(item, ClaimItem):
        sections = CLAIM_MENU
    elif isinstance(item, RelationItem):
        sections = RELATION_MENU
    else:
        sections = CANVAS_MENU
    menu = QMenu(w)
    for i, section in enumerate(sections):
        if i:
            menu.addSeparator()
        for name in section:
            menu.addAction(w.registry[name])
    return menu


def auto_layout(w: MainWindow, fresh: bool = False) -> None:
    if w.current is not None:
        w.layout_runner.run(w.current, fresh=fresh)


def open_dialog(w: MainWindow) -> None:
    readable = sorted({e for f in formats() if f.reader for e in f.extensions})
    pattern = " ".join("*" + e for e in readable)
    for path in w.prompts.ask_open_paths(f"Argument maps ({pattern});;All files (*)"):
        w.open_path(path)


def show_shortcuts(w: MainWindow) -> None:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    QMessageBox.information(w, "Keyboard shortcuts", f"<table>{rows}</table>")
