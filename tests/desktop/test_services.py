"""The window's services on their own: the document service without any window, and the
action registry that menus, the toolbar and plug-ins share."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow, QWidget

from argmap import locks, recovery
from argmap.formats import native
from desktop.actions import ActionRegistry, ActionSpec
from desktop.document import Document
from desktop.documents import DocumentService, read_only
from tests.desktop.conftest import SEEDS
from tests.desktop.scripted import ScriptedPrompts


@pytest.fixture
def service(qapp: Any) -> Any:
    prompts = ScriptedPrompts()
    docs = DocumentService(prompts)
    yield docs, prompts
    docs.shut_down()


def test_open_save_close_without_a_window(service: Any, small_map_file: Path) -> None:
    docs, prompts = service
    added: list[Document] = []
    closed: list[Document] = []
    docs.added.connect(added.append)
    docs.closed.connect(closed.append)
    doc = docs.open(str(small_map_file))
    assert doc is not None and added == [doc] and doc.path == str(small_map_file)
    assert docs.open(str(small_map_file)) is doc  # never twice
    assert locks.holder(small_map_file, include_self=True) is not None
    doc.run("edit", lambda: doc.map.update_map(title="Edited"))
    assert docs.save(doc) and native.load(small_map_file).title == "Edited"
    doc.run("again", lambda: doc.map.update_map(title="Again"))
    prompts.unsaved = "cancel"
    assert not docs.close(doc) and closed == []
    prompts.unsaved = "discard"
    assert docs.close(doc) and closed == [doc]
    assert prompts.asked_unsaved == ["About cats (cats.argmap)"] * 2
    assert locks.holder(small_map_file, include_self=True) is None
    assert native.load(small_map_file).title == "Edited"


def test_typed_text_is_autosaved_without_a_window(
    service: Any, small_map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, _ = service
    doc = docs.open(str(small_map_file))
    doc.set_pending("r", "They purr, and that calms people", initial="They purr", fresh=False)
    assert doc.has_unsaved_work and not doc.is_modified
    docs.autosaver.autosave(doc)
    docs.autosaver.flush()
    [entry] = recovery.list_recoveries(include_live=True)
    assert native.load(entry.map_path).claim("r").text == "They purr, and that calms people"
    assert doc.map.claim("r").text == "They purr"  # the live map is untouched
    doc.clear_pending()
    docs.autosaver.autosave(doc)  # nothing unsaved any more: the recovery goes
    docs.autosaver.flush()
    assert recovery.list_recoveries(include_live=True) == []


def test_seeds_are_read_only(service: Any, tmp_path: Path) -> None:
    docs, prompts = service
    assert read_only(SEEDS[0]) and not read_only(tmp_path / "x.argmap")
    doc = docs.open(str(SEEDS[0]))
    assert doc.path is None and doc.source == str(SEEDS[0])
    prompts.save_path = ""
    assert not docs.save(doc)  # asks where; cancelled
    # Save As proposes the article's title, not the seed's cryptic file name.
    slug = "putin-on-the-ritz-in-iraq-here-is-why-russia-wants-to-beat.argmap"
    assert prompts.asked_save == [slug]
    copy = tmp_path / "copy.argmap"
    shutil.copy(SEEDS[0], copy)
    assert not read_only(copy)


def test_registry_places_plugins_by_id_and_group(qapp: Any) -> None:
    window = QMainWindow()
    registry = ActionRegistry(window, QWidget())
    ran: list[str] = []
    registry.add(ActionSpec("view.zoom", "Zoom", lambda: ran.append("zoom"), menu="view"))
    registry.add(ActionSpec("view.dock", "Dock", menu="view", group=2))
    # A plug-in registers later, between the two groups, and into a menu of its own.
    registry.add(
        ActionSpec("view.minimap", "Overview", lambda: ran.append("map"), ("Ctrl+M",), "view", 1)
    )
    registry.add_menu("tools", "&Tools")
    registry.add(ActionSpec("tools.find", "Find", menu="tools", toolbar=0))
    texts = [a.text() or "|" for a in registry.menus["view"].actions()]
    assert texts == ["Zoom", "|", "Overview", "|", "Dock"]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Map", "&View", "&Tools", "&Help"]
    assert registry["view.minimap"].shortcut().toString() == "Ctrl+M"
    registry["view.minimap"].trigger()
    assert ran == ["map"]
    assert registry["tools.find"] in registry.toolbar.actions()
    with pytest.raises(ValueError):
        registry.add(ActionSpec("view.zoom", "Again"))
    window.deleteLater()


def test_the_analysis_ui_registers_its_menus(make_window: Any, small_map_file: Path) -> None:
    w = make_window(small_map_file)
    view = [a.text() for a in w.registry.menus["view"].actions()]
    assert "Claim status &semantics" in view and "Gaps" in view
    analysis = [a.objectName() for a in w.registry.menus["analysis"].actions()]
    assert "analysis.rehearse" in analysis and "analysis.semantics.grounded" in analysis
