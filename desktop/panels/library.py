"""The library: open maps and the seed maps, by article title; a click switches maps."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.formats import fields
from argmap.model.elements import Article
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


def seed_byline(path: Path) -> str:
    """Outlet, author, date and language of a one-article seed map's article, for its
    tooltip (empty when the map joins several articles or says none of these)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        articles = doc.get("articles") or []
        if len(articles) != 1:
            return ""
        article: Article = fields.read_one(Article, articles[0], "article")
        return article.byline()
    except (OSError, ValueError, AttributeError):
        return ""


class _WrappingTree(QTreeWidget):
    """A tree whose rows wrap long titles and are as tall as their wrapped text at the
    panel's current width (Qt's own row heights assume one line)."""

    def __init__(self) -> None:
        super().__init__()
        self.setItemDelegate(_WrapDelegate(self))

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return max(40, self.viewport().width() - self.indentation() * depth - 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.doItemsLayout()  # heights follow the new width


class _WrapDelegate(QStyledItemDelegate):
    def __init__(self, tree: _WrappingTree) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self.tree.text_width(index)
        flags = Qt.TextFlag.TextWordWrap
        rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, opt.text)
        return QSize(width, rect.height() + 6)


class LibraryPanel(QWidget):
    """Emits ``open_requested(key)``: ``"doc:N"`` for an open map, ``"seed:PATH"`` for a seed."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = _WrappingTree()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        # Long titles wrap onto more lines instead of being cut: the one column always spans
        # the panel, so the rows are laid out again at its width.
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
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
            title = seed_title(path)
            item = QTreeWidgetItem([title])
            item.setData(0, ROLE, f"seed:{path}")
            byline = seed_byline(path)
            item.setToolTip(0, "\n".join(p for p in (title, byline, path.name) if p))
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
