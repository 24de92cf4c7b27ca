"""The Gaps panel: where the case is open (argmap.analysis.gaps), one click from the claim."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from argmap.analysis.acceptability import Semantics, evaluate, explain
from argmap.analysis.gaps import GapReport, gap_report
from argmap.model import ArgumentMap

CLAIM_ROLE = Qt.ItemDataRole.UserRole
# The what-if search evaluates the map once per claim above the thesis; above this many claims
# the live panel leaves it out (the CLI's `argmap gaps` still does it).
FLIP_SEARCH_LIMIT = 150


class GapsPanel(QWidget):
    """A tree of gaps; clicking a claim row emits :attr:`claim_clicked` with its id."""

    claim_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self.report: GapReport | None = None

    def set_map(self, m: ArgumentMap | None, semantics: Semantics = "grounded") -> None:
        """Recompute the report for ``m`` (``None``: no map open)."""
        self.tree.clear()
        if m is None:
            self.report = None
            self.summary.setText("No map open.")
            return
        report = gap_report(m, semantics, with_flips=m.claim_count <= FLIP_SEARCH_LIMIT)
        self.report = report

        def text(cid: str) -> str:
            return " ".join(m.claim(cid).text.split())

        if report.thesis is None:
            self.summary.setText("No thesis is marked: set one to see its status.")
        else:
            label = (report.thesis_label or "").upper()
            self.summary.setText(
                f"Thesis is <b>{label}</b> under {semantics} semantics. "
                f"{len(report.unanswered_objections)} unanswered objections, "
                f"{len(report.unsupported_reasons)} reasons with no support or source."
            )
            thesis = self._group(f"Thesis: {label}", [report.thesis], text, count=False)
            if report.defeaters:
                self._group("Defeated by", report.defeaters, text, parent=thesis)
            why = explain(m, evaluate(m, semantics), report.thesis)
            if why.cycle:
                self._group("In or below the attack cycle", why.cycle, text, parent=thesis)
            flips = QTreeWidgetItem(thesis, ["What would change it"])
            for f in report.flips:
                row = QTreeWidgetItem(
                    flips, [f"Assume “{text(f.claim)}” {f.assume} → thesis {f.thesis_becomes}"]
                )
                row.setData(0, CLAIM_ROLE, f.claim)
                row.setToolTip(0, row.text(0))
            if not report.flips:
                msg = (
                    "(no single what-if changes it)"
                    if report.flips_complete
                    else "(not searched: the map is too large for a live search)"
                )
                QTreeWidgetItem(flips, [msg])
            flips.setExpanded(True)
            thesis.setExpanded(True)
        self._group("Unanswered objections", report.unanswered_objections, text)
        self._group("Reasons with no support and no source", report.unsupported_reasons, text)
        self._group("Claims with no source anchor", report.unanchored_claims, text, open=False)

    def _group(
        self,
        title: str,
        ids: list[str],
        text: object,
        *,
        parent: QTreeWidgetItem | None = None,
        open: bool = True,
        count: bool = True,
    ) -> QTreeWidgetItem:
        head = QTreeWidgetItem([f"{title} ({len(ids)})" if count else title])
        if parent is None:
            self.tree.addTopLevelItem(head)
        else:
            parent.addChild(head)
        for cid in ids:
            row = QTreeWidgetItem(head, [text(cid)])  # type: ignore[operator]
            row.setData(0, CLAIM_ROLE, cid)
            row.setToolTip(0, row.text(0))
        head.setExpanded(open)
        return head

    def rows_for(self, cid: str) -> list[QTreeWidgetItem]:
        """The rows that name claim ``cid`` (for tests and keyboard navigation)."""
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            if item.data(0, CLAIM_ROLE) == cid:
                out.append(item)
            stack += [item.child(i) for i in range(item.childCount())]
        return out

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        cid = item.data(0, CLAIM_ROLE)
        if isinstance(cid, str):
            self.claim_clicked.emit(cid)
