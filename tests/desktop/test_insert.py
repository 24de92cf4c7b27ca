"""Insert puts a new reason where the eye expects it; Escape takes it back without a trace;
the inline editor lies on the box it edits."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest

from argmap.formats import native
from argmap.layout import style
from argmap.layout.drawing import EdgeShape, NodeShape
from argmap.model import ArgumentMap, RelationKind, Role
from desktop.canvas import placement
from desktop.main_window import MainWindow
from tests.desktop.conftest import SEEDS, claim_point, click_claim, key

Point = tuple[float, float]


def _polyline(path: tuple[Point, ...], steps: int = 10) -> list[Point]:
    pts = [path[0]]
    for i in range(1, len(path) - 2, 3):
        p0, c1, c2, p1 = path[i - 1], path[i], path[i + 1], path[i + 2]
        for k in range(1, steps + 1):
            t = k / steps
            pts.append(
                tuple(  # type: ignore[arg-type]
                    (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t**3 * d
                    for a, b, c, d in zip(p0, c1, c2, p1, strict=True)
                )
            )
    return pts


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def _bounds_meet(p: list[Point], q: list[Point]) -> bool:
    return (
        min(x for x, _ in p) <= max(x for x, _ in q)
        and min(x for x, _ in q) <= max(x for x, _ in p)
        and min(y for _, y in p) <= max(y for _, y in q)
        and min(y for _, y in q) <= max(y for _, y in p)
    )


def crossings(m: ArgumentMap, edges: dict[str, EdgeShape]) -> set[frozenset[str]]:
    """Pairs of drawn relations whose paths cross (relations sharing a claim excluded)."""
    lines = {rid: _polyline(e.path) for rid, e in edges.items() if e.path}
    ends = {rid: {*m.relation(rid).premises, m.relation(rid).target} for rid in lines}
    found = set()
    for a, b in itertools.combinations(sorted(lines), 2):
        if ends[a] & ends[b]:
            continue
        pa, pb = lines[a], lines[b]
        if not _bounds_meet(pa, pb):
            continue
        if any(
            _cross(pa[i], pa[i + 1], pb[j], pb[j + 1])
            for i in range(len(pa) - 1)
            for j in range(len(pb) - 1)
        ):
            found.add(frozenset((a, b)))
    return found


def _overlap(a: NodeShape, b: NodeShape) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def _claims_with_premises(path) -> list[str]:  # type: ignore[no-untyped-def]
    m = native.load(path)
    return [
        c.id
        for c in m.claims()
        if any(r.kind is not RelationKind.UNDERCUT for r in m.relations_into(c.id))
    ]


def _insert_under(w: MainWindow, target: str) -> str:
    dv = w.current
    before = {c.id for c in dv.doc.map.claims()}
    dv.scene.clear_selection_to([target])
    key(w, Qt.Key.Key_Insert)
    (new,) = [c.id for c in dv.doc.map.claims() if c.id not in before]
    return new


def _family(m: ArgumentMap, claims: set[str]) -> set[str]:
    """The claims and everything that bears on them, through any number of relations."""
    out, stack = set(), list(claims)
    while stack:
        c = stack.pop()
        if c not in out:
            out.add(c)
            stack.extend(p for r in m.relations_into(c) for p in r.premises)
    return out


Rect = tuple[float, float, float, float]  # left, top, right, bottom


def _rect(n: NodeShape, width: float | None = None) -> Rect:
    w = n.width if width is None else width
    return (n.cx - w / 2, n.y, n.cx + w / 2, n.y + n.height)


def _gap(a: Rect, b: Rect) -> float:
    """The distance between two boxes (0 when they touch or overlap)."""
    return max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3], 0.0)


def _aligned(a: Rect, b: Rect) -> bool:
    """In one row (tops level) or one column (left or right edges level)."""
    return abs(a[1] - b[1]) < 1 or abs(a[0] - b[0]) < 1 or abs(a[2] - b[2]) < 1


def _between(a: Rect, b: Rect) -> Rect:
    """The space between two boxes of a row (side by side) or a column (one above the other)."""
    if a[2] <= b[0] or b[2] <= a[0]:
        return (min(a[2], b[2]), max(a[1], b[1]), max(a[0], b[0]), min(a[3], b[3]))
    return (max(a[0], b[0]), min(a[3], b[3]), min(a[2], b[2]), max(a[1], b[1]))


def _meets(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_insert_places_a_reason_by_its_siblings_without_new_crossings(make_window, seed) -> None:  # type: ignore[no-untyped-def]
    w = make_window(seed)
    dv = w.current
    m = dv.doc.map
    start = m.copy()
    beside = under = 0
    for target in _claims_with_premises(seed):
        before = crossings(m, dict(dv.scene.edges))
        t = dv.scene.nodes[target]
        # The premises below the target; those bearing on nothing else hang from it (one
        # bearing on several claims may hang from another: a cross link).
        below = {
            p
            for r in m.relations_into(target)
            for p in r.premises
            if dv.scene.nodes[p].y >= t.y + t.height
        }
        own = {p for p in below if {r.target for r in m.relations_from(p)} == {target}}
        new = _insert_under(w, target)
        nodes, t, n = dv.scene.nodes, dv.scene.nodes[target], dv.scene.nodes[new]
        # Below the parent, overlapping nothing (what was in the way moved aside).
        assert n.y >= t.y + t.height, target
        assert not any(_overlap(n, x) for x in nodes.values() if x.id != new), target
        if own:
            # Beside a sibling: its nearest neighbour in its row or column is a sibling or hangs
            # below one (a column continues under the last sibling's own premises).
            # The room kept for it is a full line wide (typing does not run into neighbours).
            room = _rect(n, placement.new_box_size(Role.REASON)[0])
            family = _family(m, below)
            lined_up = [x for x in nodes.values() if x.id != new and _aligned(room, _rect(x))]
            assert lined_up, target
            gap = min(_gap(room, _rect(x)) for x in lined_up)
            nearest = [x for x in lined_up if _gap(room, _rect(x)) <= gap + 1]
            assert {x.id for x in nearest} & family, (target, [x.id for x in nearest])
            # ... with nothing in between.
            for x in nearest:
                between = _between(room, _rect(x))
                assert not any(_meets(between, _rect(y)) for y in nodes.values()), (target, x.id)
            beside += 1
        else:  # no premises of its own below it: right below it
            assert t.x <= n.cx <= t.x + t.width, target
            under += 1
        # The new relation crosses nothing, and no old pair crosses that did not before.
        after = crossings(m, dict(dv.scene.edges))
        assert after <= before, (target, after - before)
        assert dv.scene.inline.editor is not None
        QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Escape)
        assert m == start and dv.doc.undo_stack.count() == 0
    assert beside > 0  # every seed has claims with reasons below them


def test_escape_on_a_fresh_reason_removes_it_without_a_trace(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    m = dv.doc.map
    before = m.copy()
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert)
    assert m.claim_count == 4
    QTest.keyClicks(dv.view.viewport(), "Half a thought")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Escape)
    assert m == before
    assert not any(c.text.startswith("New ") for c in m.claims())
    assert dv.doc.undo_stack.count() == 0 and dv.doc.undo_stack.isClean()
    assert set(dv.scene.claim_items) == {"t", "r", "o"}
    assert not dv.doc.undo_stack.canRedo()  # no "Redo add reason" left behind either
    # Enter with nothing typed is no claim either; typed text makes exactly one step.
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    assert m == before and dv.doc.undo_stack.count() == 0
    click_claim(w, "t")
    key(w, Qt.Key.Key_Insert)
    QTest.keyClicks(dv.view.viewport(), "Cats are warm")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    assert m.claim_count == 4 and dv.doc.undo_stack.count() == 1
    dv.doc.undo_stack.undo()
    assert m == before


def test_escape_on_an_existing_claim_only_cancels_the_edit(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    click_claim(w, "r")
    key(w, Qt.Key.Key_F2)
    QTest.keyClicks(dv.view.viewport(), "")
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Escape)
    assert dv.doc.map.has_claim("r") and dv.doc.map.claim("r").text == "They purr"
    assert [line.text for line in dv.scene.nodes["r"].box.lines] == ["They purr"]


def test_the_inline_editor_lies_on_the_box_it_edits(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    dv = w.current
    m = dv.doc.map
    new = _insert_under(w, m.thesis)
    typed = "A reason typed long enough to wrap over two lines of the box at least"
    QTest.keyClicks(dv.view.viewport(), typed)
    editor, item = dv.scene.inline.editor, dv.scene.claim_items[new]
    assert editor is not None and editor.parentItem() is item
    node = dv.scene.nodes[new]
    # The box already shows the typed text (a preview: the model has the placeholder).
    assert " ".join(line.text for line in node.box.lines) == typed
    assert len(node.box.lines) >= 2
    text = editor.scene_text_rect()
    box = QRectF(node.x, node.y, node.width, node.height)
    assert box.contains(text)
    first = node.box.lines[0]
    assert text.left() == pytest.approx(node.x + first.x, abs=0.5)
    assert text.top() + editor.ascent == pytest.approx(node.y + first.baseline, abs=0.5)
    assert text.width() == pytest.approx(node.width - 2 * style.PADDING, abs=0.5)
    QTest.keyClick(dv.view.viewport(), Qt.Key.Key_Return)
    assert m.claim(new).text == typed and dv.doc.undo_stack.count() == 1


def test_double_click_edit_sits_on_the_box_too(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    dv = w.current
    QTest.mouseDClick(dv.view.viewport(), Qt.MouseButton.LeftButton, pos=claim_point(w, "o"))
    editor = dv.scene.inline.editor
    assert editor is not None
    node = dv.scene.nodes["o"]
    assert editor.scene_text_rect().left() == pytest.approx(node.x + node.box.lines[0].x, abs=0.5)
    assert editor.toPlainText() == "They scratch furniture"
