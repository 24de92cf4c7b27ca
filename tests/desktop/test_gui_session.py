"""A hypothesis-driven session of random user actions on each seed map, with autosave and
safe saving installed: add, delete, connect, move, edit, paste, undo, redo, layout, save,
autosave. No exception, the model valid after every action, the scene showing the model,
and every save and autosave reading back to the map as it was then."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap import recovery
from argmap.formats import native
from argmap.model.validation import validate_map
from desktop.document import Document
from tests.desktop.conftest import SEEDS
from tests.desktop.test_undo_property import OPS, _apply, _check_scene

ACTIONS = (*OPS, "undo", "redo", "layout", "save", "autosave")
sessions = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 1000), st.integers(0, 1000)),
    min_size=1,
    max_size=15,
)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_random_session_keeps_the_model_valid(
    make_window: Any, qtbot: Any, tmp_path: Path, seed: Path
) -> None:
    w = make_window(seed)
    autosaver = w.documents.autosaver
    start = native.load(seed)
    target = tmp_path / "session.argmap"
    done: dict[str, int] = {}
    w.prompts.save_path = str(target)

    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(actions=sessions)
    @example(actions=[(action, i * 7, i * 13) for i, action in enumerate(ACTIONS)])
    def session(actions: list[tuple[str, int, int]]) -> None:
        dv = w.add_document(Document(start.copy()))
        try:
            for action, a, b in actions:
                stack = dv.doc.undo_stack
                if action == "undo":
                    stack.undo()
                elif action == "redo":
                    stack.redo()
                elif action == "layout":
                    w.registry["map.layout"].trigger()
                    qtbot.waitUntil(lambda: w.layout_runner.job is None, timeout=60_000)
                elif action == "save":
                    assert w.save(dv), "the save failed"
                    assert native.load(target) == dv.doc.map
                    assert not dv.doc.is_modified
                elif action == "autosave":
                    autosaver.autosave(dv.doc)
                    autosaver.flush()
                    key = autosaver.key_of(dv.doc)
                    live = {e.key: e for e in recovery.list_recoveries(include_live=True)}
                    if dv.doc.is_modified:
                        assert native.load(live[key].map_path) == dv.doc.map
                    else:
                        assert key not in live
                else:
                    _apply(w, dv, action, a, b)
                done[action] = done.get(action, 0) + 1
                errors = [p for p in validate_map(dv.doc.map) if p.severity == "error"]
                assert errors == [], f"after {action}: {errors[0]}"
                _check_scene(dv)
        finally:
            dv.doc.undo_stack.setClean()
            w.close_document(dv)
            autosaver.flush()

    session()
    print(seed.stem[:3], sorted(done.items()))
    # The session really did the actions the issue names (hypothesis draws them all).
    assert {"save", "undo", "layout", "paste", "delete", "connect"} <= set(done)
