"""The Themes view: the open maps (articles) × themes matrix of argmap.analysis.themes.

Each cell shows how many of the article's claims touch the theme and their stance marks
(+ supports the article's thesis, − attacks it, = is the thesis); its tooltip lists the claims.
Clicking a cell emits :attr:`ThemesPanel.cell_clicked` with the map's key and the claim ids.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.themes import ThemeMatrix, theme_matrix
from argmap.model import ArgumentMap

MARK = {"supports": "+", "attacks": "−", "thesis": "=", "unrelated": "·"}
CELL_ROLE = Qt.ItemDataRole.UserRole


class ThemesPanel(QWidget):
    cell_clicked = Signal(str, list)  # map key, claim ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.cellClicked.connect(self._clicked)
        self.table.cellActivated.connect(self._clicked)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.legend = QLabel(
            "Claims per article and theme: + supports the article's thesis, − attacks it, "
            "= is the thesis. Click a cell to select its claims."
        )
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.legend)
        layout.addWidget(self.table)
        self.matrix: ThemeMatrix | None = None

    def set_maps(self, named: list[tuple[str, ArgumentMap]], titles: dict[str, str]) -> None:
        """Show the matrix for ``(key, map)`` pairs; ``titles`` names the rows by key."""
        tm = theme_matrix(named)
        self.matrix = tm
        self.table.clear()
        self.table.setRowCount(len(tm.rows))
        self.table.setColumnCount(len(tm.themes))
        self.table.setHorizontalHeaderLabels(tm.themes)
        self.table.setVerticalHeaderLabels([titles.get(r.name, r.title) for r in tm.rows])
        for i, row in enumerate(tm.rows):
            for j, theme in enumerate(tm.themes):
                claims = row.cells[theme]
                marks = " ".join(MARK[c.stance] for c in claims)
                item = QTableWidgetItem(f"{len(claims)}  {marks}" if claims else "")
                item.setData(CELL_ROLE, [c.id for c in claims])
                item.setToolTip(
                    "\n".join(f"{MARK[c.stance]} {c.text} ({c.role})" for c in claims)
                    or "No claim on this theme."
                )
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, item)

    def cell(self, key: str, theme: str) -> tuple[int, int]:
        """Row and column of a map's cell for ``theme``."""
        assert self.matrix is not None
        rows = [r.name for r in self.matrix.rows]
        return rows.index(key), self.matrix.themes.index(theme)

    def _clicked(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if self.matrix is None or item is None:
            return
        ids = item.data(CELL_ROLE) or []
        self.cell_clicked.emit(self.matrix.rows[row].name, list(ids))
