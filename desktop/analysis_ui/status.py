"""Claim status on the canvas: an outline and a badge per claim, kept live from the model.

The decoration is a child item of each claim's box, so it moves and hides with it, and it
has an empty shape, so clicks, hit tests and the context menu still find the claim itself.
Status reads without colour: a solid dark outline and a filled "✓ in" badge for ``in``; a
grey dotted outline, a grey veil and a struck "✗ out" badge for ``out``; a dashed outline and
"? undecided" for ``undecided``. The badge sits on the box's top-right corner, inside the
padding, so it never covers the role label or the text.
"""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHelpEvent,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from argmap.analysis import Evaluation, Semantics, evaluate, explain
from argmap.analysis.dung import IN, OUT, UNDEC, Label
from argmap.errors import ArgmapError
from argmap.layout import style
from argmap.model import MapEvent
from argmap.model.elements import Assumption
from argmap.text import shorten
from desktop.canvas.items import GREEK_BELOW, ClaimItem
from desktop.canvas.scene import MapScene
from desktop.canvas.shapes import NodeShape
from desktop.document import Document
from desktop.fonts import canvas_font, draw_text

STATUS_Z = 1.0  # above the box it decorates (relative to the parent)
BADGE_FONT = 7.0
BADGE_HEIGHT = 12.0
OUTLINE_GAP = 3.5  # the outline runs this far outside the box's own border
DARK = QColor("#1a1a1a")
GREY = QColor("#8c8c8c")

BADGE_TEXT: dict[Label, str] = {IN: "✓ in", OUT: "✗ out", UNDEC: "? undecided"}


def badge_text(label: Label, assumption: Assumption | None) -> str:
    """The words on the badge; a what-if mark says so, since the label is then forced."""
    text = BADGE_TEXT[label]
    if assumption is not None:
        text += " (assumed)"
    return text


class StatusItem(QGraphicsItem):
    """The status decoration of one claim box (a child of its :class:`ClaimItem`)."""

    def __init__(self, parent: ClaimItem) -> None:
        super().__init__(parent)
        # Which box this decorates, without a Python reference to it (that would make a cycle
        # with the parent's own hold on its children); asking Qt for parentItem() in a loop
        # over every claim is slow.
        self.owner_id = id(parent)
        self.label: Label = UNDEC
        self.assumption: Assumption | None = None
        self.setZValue(STATUS_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self._box = QRectF()
        self._badge = QRectF()
        self._node: object = None
        self._sync_geometry(parent.node)

    @property
    def claim_item(self) -> ClaimItem:
        parent = self.parentItem()
        assert isinstance(parent, ClaimItem)
        return parent

    @property
    def text(self) -> str:
        return badge_text(self.label, self.assumption)

    def set_status(
        self, label: Label, assumption: Assumption | None, node: NodeShape | None = None
    ) -> None:
        """Show ``label``; ``node`` is the box's current shape (looked up when not given)."""
        node = node or self.claim_item.node
        if node is self._node and (label, assumption) == (self.label, self.assumption):
            return  # the common case after an edit elsewhere: nothing to do
        self._node = node
        box_changed = self._sync_geometry(node)
        if box_changed or (label, assumption) != (self.label, self.assumption):
            self.prepareGeometryChange()
            self.label, self.assumption = label, assumption
            self._sync_geometry(node, force=True)
            self.update()

    def _sync_geometry(self, node: NodeShape, *, force: bool = False) -> bool:
        box = QRectF(-node.width / 2, -node.height / 2, node.width, node.height)
        if box == self._box and not force:
            return False
        self._box = box
        metrics = QFontMetricsF(canvas_font(BADGE_FONT, True))
        w = metrics.horizontalAdvance(self.text) / _scale() + 10
        # Straddles the top border at the right: at most BADGE_HEIGHT/2 inside the box, which
        # is less than the padding above the role label and the text.
        self._badge = QRectF(
            box.right() - w - style.CORNER_RADIUS, box.top() - BADGE_HEIGHT / 2, w, BADGE_HEIGHT
        )
        return True

    def badge_rect(self) -> QRectF:
        """Where the badge is, in the claim item's coordinates."""
        return QRectF(self._badge)

    def boundingRect(self) -> QRectF:
        g = OUTLINE_GAP + 2
        return self._box.adjusted(-g, -g, g, g).united(self._badge.adjusted(-1, -1, 1, 1))

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks and hit tests go to the claim

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        box = self._box
        g = OUTLINE_GAP
        radius = style.CORNER_RADIUS + g
        outline = box.adjusted(-g, -g, g, g)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.label == IN:
            painter.setPen(QPen(DARK, 1.6))
        elif self.label == OUT:
            pen = QPen(GREY, 1.6, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            # A light veil greys the box out; the text stays readable through it.
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(255, 255, 255, 95)))
            painter.drawRoundedRect(box, style.CORNER_RADIUS, style.CORNER_RADIUS)
            painter.restore()
        else:
            pen = QPen(DARK, 1.6)
            pen.setDashPattern([4.0, 2.5])
            painter.setPen(pen)
        painter.drawRoundedRect(outline, radius, radius)

        badge = self._badge
        h = badge.height() / 2
        if self.label == IN:
            painter.setPen(QPen(DARK, 1.0))
            painter.setBrush(QBrush(DARK))
            text_color = QColor("#ffffff")
        elif self.label == OUT:
            painter.setPen(QPen(GREY, 1.0))
            painter.setBrush(QBrush(QColor("#ffffff")))
            text_color = QColor("#5a5a5a")
        else:
            pen = QPen(DARK, 1.0)
            pen.setDashPattern([2.0, 1.5])
            painter.setPen(pen)
            painter.setBrush(QBrush(QColor("#ffffff")))
            text_color = DARK
        painter.drawRoundedRect(badge, h, h)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < GREEK_BELOW:
            return  # too small to read, like the claim's own text: shapes only
        painter.setPen(text_color)
        draw_text(painter, badge.left() + 5, badge.bottom() - 3.3, self.text, BADGE_FONT, True)


def _scale() -> float:
    from desktop.fonts import SCALE

    return float(SCALE)


class SceneStatus(QObject):
    """Keeps the status decorations of one scene in step with its map.

    Every model event marks the labels stale; they are recomputed when the document's undo
    stack moves (the end of every recorded gesture, undo and redo) or, for changes made
    outside a gesture, on the next turn of the event loop.
    """

    def __init__(
        self,
        doc: Document,
        scene: MapScene,
        semantics: Semantics,
        on_evaluated: Callable[[SceneStatus], None] | None = None,
    ) -> None:
        super().__init__(scene)
        self.doc = doc
        self.scene = scene
        self.map = doc.map
        self.semantics: Semantics = semantics
        self.shown = True
        self.evaluation: Evaluation | None = None
        self.error: str | None = None
        self.last_ms = 0.0
        self.items: dict[str, StatusItem] = {}
        self._on_evaluated = on_evaluated
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh_if_stale)
        self._unsubscribe = self.map.subscribe(self._on_event)
        doc.undo_stack.indexChanged.connect(self._index_changed)
        scene.installEventFilter(self)
        scene.shapes_previewed.connect(self._follow_shapes)
        self.refresh()

    def detach(self) -> None:
        """Stop following the document (it is closing)."""
        self._unsubscribe()
        self._timer.stop()
        self._on_evaluated = None
        with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # already disconnected: fine
            self.doc.undo_stack.indexChanged.disconnect(self._index_changed)

    # ------------------------------------------------------------------ following the model

    def _on_event(self, _event: MapEvent) -> None:
        self._stale = True
        if not self._timer.isActive():
            self._timer.start()

    def _index_changed(self, _index: int) -> None:
        self.refresh_if_stale()

    def _follow_shapes(self, ids: list[str]) -> None:
        for cid in ids:
            item = self.items.get(cid)
            claim_item = self.scene.claim_items.get(cid)
            if item is not None and claim_item is not None and shiboken6.isValid(item):
                item.set_status(item.label, item.assumption, claim_item.node)

    def refresh_if_stale(self) -> None:
        if self._stale and shiboken6.isValid(self.scene):
            self.refresh()

    def set_semantics(self, semantics: Semantics) -> None:
        self.semantics = semantics
        self.refresh()

    def set_shown(self, shown: bool) -> None:
        self.shown = shown
        for item in self.items.values():
            item.setVisible(shown)

    def refresh(self) -> None:
        """Evaluate the map and update every decoration (only changed ones repaint)."""
        self._stale = False
        self._timer.stop()
        start = time.perf_counter()
        try:
            ev = evaluate(self.map, self.semantics)
            self.error = None
        except (ArgmapError, ValueError) as e:
            # e.g. too many preferred extensions: say so and show grounded instead.
            self.error = f"{self.semantics} semantics failed ({e}); showing grounded"
            ev = evaluate(self.map, "grounded")
        self.evaluation = ev
        claims = self.scene.claim_items
        for cid in [c for c in self.items if c not in claims]:
            del self.items[cid]
        for cid, claim_item in claims.items():
            item = self.items.get(cid)
            if item is None or not shiboken6.isValid(item) or item.owner_id != id(claim_item):
                item = StatusItem(claim_item)
                item.setVisible(self.shown)
                self.items[cid] = item
            label = ev.labels.get(cid, UNDEC)
            item.set_status(label, self.map.claim(cid).assumption, claim_item.node)
        self.last_ms = (time.perf_counter() - start) * 1000
        if self._on_evaluated is not None:
            self._on_evaluated(self)

    # ------------------------------------------------------------------ explanations

    def label(self, cid: str) -> Label | None:
        return None if self.evaluation is None else self.evaluation.labels.get(cid)

    def tooltip(self, cid: str) -> str:
        """Why the claim has its status, from the analysis's explanation (plain text)."""
        if self._stale:
            self.refresh()
        ev = self.evaluation
        if ev is None or cid not in ev.labels:
            return ""
        why = explain(self.map, ev, cid)
        names = {"in": "IN (stands)", "out": "OUT (defeated)", "undecided": "UNDECIDED"}
        sem = ev.semantics
        head = f"{names[why.label]} under {sem} semantics"
        if sem != "grounded":
            head += " (sceptical)"
        quoted = [f"“{shorten(self.map.claim(c).text, 90)}”" for c in why.attackers or why.cycle]
        if why.label == OUT and why.attackers and why.reason.startswith("defeated by"):
            reason = "defeated by " + "; ".join(quoted)
        elif why.label == UNDEC and why.cycle:
            reason = "sits in or depends on the attack cycle " + " → ".join(quoted)
        else:
            reason = why.reason
        lines = [head, reason[:1].upper() + reason[1:]]
        if sem != "grounded" and ev.extensions:
            inside = sum(cid in e for e in ev.extensions)
            lines.append(f"In {inside} of {len(ev.extensions)} {sem} extensions.")
        if self.error:
            lines.append(self.error)
        return "\n".join(lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.GraphicsSceneHelp and isinstance(
            event, QGraphicsSceneHelpEvent
        ):
            if not self.shown:
                return False
            for item in self.scene.items(event.scenePos()):
                if isinstance(item, ClaimItem) and item.isVisible():
                    QToolTip.showText(event.screenPos(), self.tooltip(item.claim_id))
                    event.accept()
                    return True
        return False
