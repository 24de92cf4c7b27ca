"""Focus on one claim: only its neighbourhood stays on the canvas (the chain of claims from it
up to the thesis, and its direct reasons and objections), with a breadcrumb bar to climb the
chain or go back to the whole map.

Focus is a way of looking, not an edit: the map does not change and there is nothing to undo.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from argmap.model import ArgumentMap, RelationKind

if TYPE_CHECKING:
    from desktop.canvas.view import MapView

CRUMB_CHARS = 28


def chain_to_thesis(m: ArgumentMap, cid: str) -> list[str]:
    """The shortest chain of claims from the thesis down to ``cid`` (following what each
    claim supports or attacks); just ``[cid]`` if it does not bear on the thesis.

    >>> m = ArgumentMap(); _ = [m.add_claim(t, id=t) for t in "tra"]
    >>> _ = m.connect(["r"], "t"); _ = m.connect(["a"], "r", "attack"); m.update_map(thesis="t")
    >>> chain_to_thesis(m, "a")
    ['t', 'r', 'a']
    """
    thesis = m.thesis
    came_from: dict[str, str | None] = {cid: None}
    queue = deque([cid])
    while queue:
        node = queue.popleft()
        if node == thesis:
            chain = []
            step: str | None = node
            while step is not None:
                chain.append(step)
                step = came_from[step]
            return chain
        for rel in m.relations_from(node):
            target: str | None = rel.target
            if rel.kind is RelationKind.UNDERCUT:  # an undercut bears on its relation's target
                target = _claim_target(m, rel.target)
            if target is not None and target not in came_from:
                came_from[target] = node
                queue.append(target)
    return [cid]


def _claim_target(m: ArgumentMap, rid: str) -> str | None:
    seen = set()
    while rid not in seen:
        seen.add(rid)
        rel = m.relation(rid)
        if rel.kind is not RelationKind.UNDERCUT:
            return rel.target
        rid = rel.target
    return None


def neighbourhood(m: ArgumentMap, cid: str) -> set[str]:
    """The claims shown when focusing on ``cid``: its chain to the thesis, its direct
    reasons and objections, and what undercuts those."""
    shown = set(chain_to_thesis(m, cid))
    for rel in m.relations_into(cid):
        shown.update(rel.premises)
        for u in m.relations_into(rel.id):
            shown.update(u.premises)
    return shown


class FocusBar(QFrame):
    """The breadcrumb: "Whole map › thesis › … › focused claim"; a click goes there."""

    chosen = Signal(object)  # a claim id, or None for the whole map

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("focus-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(6, 2, 6, 2)
        self.row.setSpacing(2)
        self.crumbs: list[QToolButton] = []
        self.hide()

    def show_chain(self, m: ArgumentMap, chain: list[str]) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.crumbs = []
        self._add_crumb("Whole map", None, "Show the whole map again (Alt+Left)")
        for cid in chain:
            self.row.addWidget(QLabel("›"))
            text = " ".join(m.claim(cid).text.split())
            short = text if len(text) <= CRUMB_CHARS else text[: CRUMB_CHARS - 1] + "…"
            self._add_crumb(short, cid, text)
        self.crumbs[-1].setEnabled(False)  # where we are
        self.adjustSize()
        self.show()
        self.raise_()

    def _add_crumb(self, text: str, target: str | None, tip: str) -> None:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False, t=target: self.chosen.emit(t))
        self.row.addWidget(button)
        self.crumbs.append(button)


class Focus(QObject):
    """Focus for the map in front: ``focus_on(cid)``, ``leave()``; follows ``set_view``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view: MapView | None = None
        self.bar = FocusBar()
        self.bar.chosen.connect(self._crumb)
        # Per view: the claim in focus and how the view looked before (restored on leaving).
        self._before: dict[int, tuple[QTransform, QPointF, int, int]] = {}

    @property
    def root(self) -> str | None:
        return self.view.map_scene.visibility.focus_root if self.view is not None else None

    def set_view(self, view: MapView | None) -> None:
        self.view = view
        if view is None:
            self.bar.setParent(None)
            self.bar.hide()
            return
        self.bar.setParent(view)
        self._show_bar()

    def focus_selected(self) -> None:
        if self.view is None:
            return
        claims = self.view.map_scene.selected_claims()
        if len(claims) == 1:
            self.focus_on(claims[0])

    def focus_on(self, cid: str) -> None:
        view = self.view
        if view is None or not view.map_scene.map.has_claim(cid):
            return
        scene = view.map_scene
        if scene.visibility.focus_root is None:
            self._before[id(view)] = (
                view.transform(),
                view.visible_scene_rect().center(),
                view.horizontalScrollBar().value(),
                view.verticalScrollBar().value(),
            )
        scene.visibility.set_focus(cid)
        scene.clear_selection_to([cid])
        view.fit()
        self._show_bar()

    def leave(self) -> None:
        view = self.view
        if view is None or view.map_scene.visibility.focus_root is None:
            self._show_bar()  # the focused claim may have been deleted meanwhile
            return
        scene = view.map_scene
        root = scene.visibility.focus_root
        scene.visibility.set_focus(None)
        # The breadcrumb goes first, so nothing that follows sees a focus any more.
        self._show_bar()
        # Select the claim we were on before restoring the view: selecting scrolls to it
        # (ensureVisible), which would otherwise move the view the user comes back to.
        if root is not None and scene.map.has_claim(root):
            scene.clear_selection_to([root])
        before = self._before.pop(id(view), None)
        if before is not None:
            transform, centre, h, v = before
            view.setTransform(transform)
            view.centre_at(centre)
            # The scroll position itself, where the range allows: centring alone lands off by
            # whatever the range clamped when the view was remembered.
            view.horizontalScrollBar().setValue(h)
            view.verticalScrollBar().setValue(v)
            view.moved.emit()

    def _crumb(self, target: str | None) -> None:
        if target is None:
            self.leave()
        else:
            self.focus_on(target)

    def _show_bar(self) -> None:
        view = self.view
        root = self.root
        if view is None or root is None or not view.map_scene.map.has_claim(root):
            self.bar.hide()
            return
        m = view.map_scene.map
        self.bar.show_chain(m, chain_to_thesis(m, root))
        self.bar.move(8, 8)
