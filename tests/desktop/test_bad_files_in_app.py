"""Every hostile file of tests/data/bad/ opened in the app gives one error dialog with one line
naming the file, opens nothing and raises nothing; the lenient formats' files open a valid map."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.model.validation import validate_map
from tests.argmap.test_bad_inputs import BAD, COMMITTED, KNOWN_BUGS, MAY_LOAD

ICCMA = (".apx", ".tgf", ".af")  # frameworks, not maps: the app opens none of them
FILES = [n for n in COMMITTED if n not in KNOWN_BUGS]


@pytest.mark.slow
def test_bad_files_give_one_error_dialog_each(make_window: Any) -> None:
    w = make_window()
    errors = w.prompts.errors
    for name in FILES:
        path = str(BAD / name)
        before = len(w.views)
        errors.clear()
        dv = w.open_path(path)
        if dv is None:
            assert len(errors) == 1, (name, errors)
            assert errors[0].startswith(path + ": ") and "\n" not in errors[0], errors[0]
            assert len(w.views) == before
        else:
            assert name in MAY_LOAD and not name.endswith(ICCMA), name
            assert [p for p in validate_map(dv.doc.map) if p.severity == "error"] == []
            w.close_document(dv)
