"""A random sequence of user commands, undone all the way, gives back the starting map; redone,
it gives the edited map again, and the scene shows exactly the map's claims and relations."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import load_map
from argmap.model import RelationKind
from desktop.document import Document

OPS = (
    "reason",
    "objection",
    "rebuttal",
    "delete",
    "connect",
    "move",
    "edit",
    "collapse",
    "paste",
    "kind",
    "thesis",
    "copremise",
)

op_lists = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 1000), st.integers(0, 1000)),
    min_size=1,
    max_size=12,
)


def _check_scene(dv) -> None:  # type: ignore[no-untyped-def]
    m = dv.doc.map
    assert set(dv.scene.claim_items) == {c.id for c in m.claims()}
    assert set(dv.scene.relation_items) == {r.id for r in m.relations()}
    for c in m.claims():
        assert dv.scene.claim_items[c.id].node.role is m.role(c.id)
        if c.position is not None:
            item = dv.scene.claim_items[c.id]
            assert (round(item.pos().x(), 2), round(item.pos().y(), 2)) == c.position


def _apply(w, dv, op: str, a: int, b: int) -> None:  # type: ignore[no-untyped-def]
    m = dv.doc.map
    scene = dv.scene
    claims = sorted(c.id for c in m.claims())
    relations = sorted(r.id for r in m.relations())
    if not claims:
        return
    ca, cb = claims[a % len(claims)], claims[b % len(claims)]
    if op in ("reason", "objection", "rebuttal", "copremise"):
        scene.clear_selection_to([ca])
        new = w.editing.add_copremise() if op == "copremise" else w.editing.add_related(op)
        commit = b % 3 != 0
        if scene.inline.editor is not None:
            scene.inline.editor.setPlainText(f"typed {a}")
            scene.inline.editor.finish(commit=commit)
        # A new claim whose editing is cancelled is taken back altogether.
        assert new is None or m.has_claim(new) == commit
    elif op == "delete":
        scene.clear_selection_to(
            [ca] + ([relations[b % len(relations)]] if relations and b % 2 else [])
        )
        w.editing.delete_selection()
    elif op == "connect":
        kind = (RelationKind.SUPPORT, RelationKind.ATTACK)[b % 2]
        scene.gestures.connect_claims([ca], cb, kind)
    elif op == "move":
        scene.gestures.commit_moves({ca: (float(a), float(b))})
    elif op == "edit":
        dv.doc.run("Edit", lambda: m.update_claim(ca, text=f"edited {b}"))
    elif op == "collapse":
        scene.clear_selection_to([ca])
        w.editing.toggle_collapse()
    elif op == "paste":
        scene.clear_selection_to([ca, cb])
        w.editing.copy()
        w.editing.paste()
    elif op == "kind" and relations:
        scene.clear_selection_to([relations[a % len(relations)]])
        w.editing.set_relation_kind((RelationKind.SUPPORT, RelationKind.ATTACK)[b % 2])
    elif op == "thesis":
        scene.clear_selection_to([ca])
        w.editing.set_thesis()


def test_random_commands_undo_to_the_start(make_window, small_map_file) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    start = load_map(small_map_file)

    @settings(
        max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(ops=op_lists)
    def run(ops) -> None:  # type: ignore[no-untyped-def]
        dv = w.add_document(Document(start.copy()))
        try:
            for op, a, b in ops:
                _apply(w, dv, op, a, b)
            end = dv.doc.map.copy()
            stack = dv.doc.undo_stack
            n = stack.count()
            stack.setIndex(0)
            assert dv.doc.map == start
            _check_scene(dv)
            stack.setIndex(n)
            assert dv.doc.map == end
            _check_scene(dv)
        finally:
            dv.doc.undo_stack.setClean()
            w.close_document(dv)

    run()
