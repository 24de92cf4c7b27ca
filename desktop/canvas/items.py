"""Canvas items: each paints one shape of the drawing contract exactly as given.

Geometry never comes from Qt: the boxes, wrapped lines, baselines, chips, Bézier paths and
arrowheads are computed by the core (``argmap.layout``), the same data the SVG export draws.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from argmap.layout import style
from argmap.layout.drawing import JUNCTION_RADIUS
from argmap.layout.textmetrics import metrics
from argmap.model import Role
from desktop.canvas.shapes import EdgeShape, NodeShape, Point
from desktop.fonts import draw_text

CLAIM_Z = 10.0
RELATION_Z = 0.0
SELECTION_COLOR = QColor("#1f6feb")
FIND_COLOR = QColor("#f2c200")
HANDLE_RADIUS = 6.0
# Stroke widths of the SVG export's heads, bars and junction dots.
HEAD_STROKE = 1.2
BAR_STROKE = 2.2
GREEK_BELOW = 0.35  # zoom level below which text is drawn as grey bars
BADGE_HEIGHT = 12.0  # the "+N hidden" pill of a collapsed claim
BADGE_PAD = 5.0


class ClaimItem(QGraphicsItem):
    """A claim's box, centred on its position: role label, wrapped text, tag chips."""

    def __init__(self, node: NodeShape) -> None:
        super().__init__()
        self.claim_id = node.id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(CLAIM_Z)
        # Repaints of unchanged claims (a drag passes over them) blit a cached picture.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.found = False  # highlighted by Find
        self.node = node
        self._rect = QRectF()
        self.set_node(node)

    def set_node(self, node: NodeShape) -> None:
        """Take a new shape (text, role, size or position changed)."""
        self.prepareGeometryChange()
        self.node = node
        w, h = node.width, node.height
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self.setPos(node.cx, node.cy)
        self.update()

    def set_found(self, found: bool) -> None:
        if found != self.found:
            self.found = found
            self.update()

    def text_rect(self) -> QRectF:
        """Where the wrapped text is, in item coordinates (the inline editor goes there)."""
        box = self.node.box
        r = self._rect
        top = box.lines[0].baseline - style.FONT_SIZE if box.lines else style.PADDING
        bottom = box.lines[-1].baseline + style.FONT_SIZE * 0.4 if box.lines else r.height()
        return QRectF(
            r.left() + style.PADDING - 2,
            r.top() + top - 2,
            r.width() - 2 * style.PADDING + 4,
            bottom - top + 4,
        )

    def boundingRect(self) -> QRectF:
        # Room above for the connect handle of a selected claim, below for the badge.
        return self._rect.adjusted(-4, -4 - HANDLE_RADIUS * 2, 4, 4 + BADGE_HEIGHT / 2)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedChange:
            self.prepareGeometryChange()  # the handle comes and goes with the selection
        return super().itemChange(change, value)

    def handle_rect(self) -> QRectF:
        """The connect handle (item coordinates): drag it onto another claim to connect."""
        r = HANDLE_RADIUS
        return QRectF(-r, self._rect.top() - r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, style.CORNER_RADIUS, style.CORNER_RADIUS)
        if self.isSelected():
            path.addEllipse(self.handle_rect())
        return path

    def _paint_far(self, painter: QPainter, fill: QColor, stroke: QColor) -> None:
        """Zoomed far out text is unreadable: draw the box and grey bars for its lines."""
        r = self._rect
        painter.setPen(QPen(SELECTION_COLOR if self.isSelected() else stroke, 2.0))
        if self.found:
            painter.setPen(QPen(FIND_COLOR, 8))
        painter.setBrush(QBrush(fill))
        painter.drawRect(r)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#9a9a9a")))
        for line in self.node.box.lines:
            width = min(r.width() - 2 * style.PADDING, len(line.text) * style.FONT_SIZE * 0.5)
            painter.drawRect(QRectF(r.left() + line.x, r.top() + line.baseline - 7, width, 6))
        if self.node.hidden_below:  # still there zoomed out: what is folded away counts
            painter.setBrush(QBrush(stroke))
            badge = self.hidden_badge_rect()
            painter.drawRoundedRect(badge, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        node = self.node
        rs = node.style
        r = self._rect
        radius = style.CORNER_RADIUS
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        fill = QColor(rs.fill)
        stroke = QColor(rs.stroke)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < GREEK_BELOW:
            self._paint_far(painter, fill, stroke)
            return
        if self.found:
            painter.setPen(QPen(FIND_COLOR, 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(r, radius, radius)
        selected = self.isSelected()
        # As the SVG: the thesis has a heavier border.
        border = style.BORDER_WIDTH * (1.6 if node.role is Role.THESIS else 1.0)
        pen = QPen(SELECTION_COLOR, 3.0) if selected else QPen(stroke, border)
        if node.box.border_dash and not selected:
            # As the SVG: a claim the map's editor added has a dashed border.
            pen.setDashPattern([d / border for d in node.box.border_dash])
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(r, radius, radius)
        if selected:
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.setPen(QPen(SELECTION_COLOR, 2.0))
            painter.drawEllipse(self.handle_rect())

        x0, y0 = r.left(), r.top()
        box = node.box
        label = box.role_label
        painter.setPen(stroke)
        draw_text(
            painter, x0 + label.x, y0 + label.baseline, label.text, style.ROLE_FONT_SIZE, True
        )
        painter.setPen(QColor(style.TEXT_COLOR))
        for line in box.lines:
            draw_text(painter, x0 + line.x, y0 + line.baseline, line.text, style.FONT_SIZE)
        for chip in box.chips:
            painter.setPen(QPen(QColor(style.TAG_STROKE), 0.8))
            painter.setBrush(QBrush(QColor(style.TAG_FILL)))
            rect = QRectF(x0 + chip.x, y0 + chip.y, chip.width, chip.height)
            painter.drawRoundedRect(rect, chip.height / 2, chip.height / 2)
            painter.setPen(QColor(style.TAG_TEXT))
            draw_text(
                painter, x0 + chip.text_x, y0 + chip.baseline, "#" + chip.tag, style.TAG_FONT_SIZE
            )
        if node.hidden_below:
            self._paint_hidden_badge(painter, stroke)

    def hidden_badge_rect(self) -> QRectF:
        """The "+N hidden" pill of a collapsed claim, straddling the bottom border's middle."""
        note = f"+{self.node.hidden_below} hidden"
        width = metrics().width(note, style.TAG_FONT_SIZE) + 2 * BADGE_PAD
        r = self._rect
        return QRectF(-width / 2, r.bottom() - BADGE_HEIGHT / 2, width, BADGE_HEIGHT)

    def _paint_hidden_badge(self, painter: QPainter, stroke: QColor) -> None:
        rect = self.hidden_badge_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(stroke))
        painter.drawRoundedRect(rect, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
        painter.setPen(QColor("#ffffff"))
        draw_text(
            painter,
            rect.left() + BADGE_PAD,
            rect.bottom() - BADGE_HEIGHT * 0.3,
            f"+{self.node.hidden_below} hidden",
            style.TAG_FONT_SIZE,
        )


def _chain(points: tuple[Point, ...]) -> QPainterPath:
    """A cubic Bézier chain p0, c1, c2, p1, c1, c2, p2… as a painter path."""
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    i = 1
    while i + 2 < len(points):
        path.cubicTo(QPointF(*points[i]), QPointF(*points[i + 1]), QPointF(*points[i + 2]))
        i += 3
    for p in points[i:]:  # a chain that is not a whole number of segments: straight ends
        path.lineTo(*p)
    return path


class RelationItem(QGraphicsItem):
    """A relation: its path, linked-premise feeders and junction, arrowhead and attack bar."""

    def __init__(self, edge: EdgeShape) -> None:
        super().__init__()
        self.relation_id = edge.relation_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(RELATION_Z)
        self.edge = edge
        self._painted: tuple[QPainterPath, QPolygonF] | None = None
        self._bounds = QRectF()
        self._hit: QPainterPath | None = None
        self.set_edge(edge)

    def set_edge(self, edge: EdgeShape) -> None:
        self.prepareGeometryChange()
        self.edge = edge
        # Bounds from the points alone (a Bézier curve stays inside its control points); the
        # painter path is built when the relation is first painted: on a big map most are not.
        xs = [p[0] for p in edge.path] + [p[0] for p in edge.head]
        ys = [p[1] for p in edge.path] + [p[1] for p in edge.head]
        for feeder in edge.feeders:
            xs += [p[0] for p in feeder]
            ys += [p[1] for p in feeder]
        if edge.bar is not None:
            xs += [edge.bar[0][0], edge.bar[1][0]]
            ys += [edge.bar[0][1], edge.bar[1][1]]
        x0, y0 = min(xs, default=0.0), min(ys, default=0.0)
        x1, y1 = max(xs, default=0.0), max(ys, default=0.0)
        self._bounds = QRectF(x0 - 6, y0 - 6, x1 - x0 + 12, y1 - y0 + 12)
        self._painted = None
        self._hit = None  # built when first needed: most relations are never hit-tested
        self.update()

    @property
    def _path(self) -> QPainterPath:
        return self._geometry()[0]

    @property
    def _head(self) -> QPolygonF:
        return self._geometry()[1]

    def _geometry(self) -> tuple[QPainterPath, QPolygonF]:
        if self._painted is None:
            path = _chain(self.edge.path)
            for feeder in self.edge.feeders:
                path.addPath(_chain(feeder))
            head = QPolygonF([QPointF(*p) for p in self.edge.head])
            self._painted = (path, head)
        return self._painted

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(8.0)
            hit = stroker.createStroke(self._path)
            hit.addPolygon(self._head)
            self._hit = hit
        return self._hit

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        edge = self.edge
        es = edge.style
        color = QColor(es.color)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < GREEK_BELOW:
            # Far out: solid hairlines (dash patterns cost a lot and do not read at that size).
            # The path is a line, never an area: no brush, or a curve closes into a blob.
            painter.setPen(QPen(SELECTION_COLOR if self.isSelected() else color, 0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
            painter.setBrush(QBrush(color))
            painter.drawPolygon(self._head)
            return
        if self.isSelected():
            painter.setPen(QPen(SELECTION_COLOR.lighter(160), 7.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
        # Pens as in the SVG: butt caps, miter joins, dash lengths in points.
        pen = QPen(color, style.EDGE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        if es.dash:
            pen.setDashPattern([d / style.EDGE_WIDTH for d in es.dash])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)

        solid = QPen(color, HEAD_STROKE)
        solid.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(solid)
        if edge.head:
            painter.setBrush(QBrush(QColor("#ffffff") if es.head == "open" else color))
            painter.drawPolygon(self._head)
        if edge.bar is not None:
            (ax, ay), (bx, by) = edge.bar
            bar_pen = QPen(color, BAR_STROKE)
            bar_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(bar_pen)
            painter.drawLine(QPointF(ax, ay), QPointF(bx, by))
        if edge.junction is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color))
            painter.drawEllipse(QPointF(*edge.junction), JUNCTION_RADIUS, JUNCTION_RADIUS)
