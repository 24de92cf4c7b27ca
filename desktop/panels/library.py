"""The library: open maps and the seed maps, by article title; a click switches maps."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from argmap.resources import seed_maps, seed_maps_dir

ROLE = Qt.ItemDataRole.UserRole


def seed_dir() -> Path:
    """Where the shipped seed maps are (package data; a map opened from here is a seed)."""
    return seed_maps_dir()


def seed_title(path: Path) -> str:
    """The article title of a one-article seed map, else the map's own title (the overview
    joins several articles); read cheaply, the map is loaded only when opened."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        articles = doc.get("articles") or []
        if len(articles) == 1 and articles[0].get("title"):
            return str(articles[0]["title"])
        return str(doc.get("title") or path.stem)
    except (OSError, ValueError, AttributeError):
        return path.stem


class LibraryPanel(QWidget):
    """Emits ``open_requested(key)``: ``"doc:N"`` for an open map, ``"seed:PATH"`` for a seed."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.open_group = QTreeWidgetItem(["Open maps"])
        self.seed_group = QTreeWidgetItem(["Seed maps"])
        for group in (self.open_group, self.seed_group):
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        for path in seed_maps():
            item = QTreeWidgetItem([seed_title(path)])
            item.setData(0, ROLE, f"seed:{path}")
            item.setToolTip(0, str(path))
            self.seed_group.addChild(item)

    def set_open(self, entries: list[tuple[str, str, bool]], current: str | None) -> None:
        """``entries``: (key, name, modified) of every open map; ``current`` is selected."""
        self.open_group.takeChildren()
        for key, name, modified in entries:
            item = QTreeWidgetItem([("• " if modified else "") + name])
            item.setData(0, ROLE, key)
            item.setToolTip(0, name)
            self.open_group.addChild(item)
            if key == current:
                self.tree.setCurrentItem(item)
        self.open_group.setExpanded(True)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, ROLE)
        if key:
            self.open_requested.emit(str(key))
