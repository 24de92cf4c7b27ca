"""Layout, analysis and export read maps; only a few named functions may change one.

They annotate their map parameters as ``MapView`` (the read side of the model), so mypy, run by
``make test``, proves they never call a mutation. This test keeps that promise from eroding: a
parameter annotated ``ArgumentMap`` there must be on the list below, with its reason.
Parsed with ``ast``, nothing imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import argmap

CORE = Path(argmap.__file__).parent
READ_ONLY = ("analysis", "export", "layout")

# "package/module.py:function" -> why it takes a changeable map
MAY_CHANGE: dict[str, str] = {
    "layout/engine.py:apply_layout": "stores a computed layout in the map (one undo step)",
    "export/api.py:prepare": "returns the map itself or a laid-out copy, for the writers",
    "export/api.py:render": "hands the map to prepare() and the format writers",
}


def changeable_parameters(source: str) -> list[str]:
    """Names of functions in ``source`` with a parameter annotated ``ArgumentMap``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
            if any("ArgumentMap" in ast.unparse(a.annotation) for a in every if a.annotation):
                found.append(node.name)
    return found


def test_finds_a_changeable_parameter() -> None:
    source = "def f(m: ArgumentMap) -> None: ...\ndef g(m: MapView, n: list[ArgumentMap]): ...\n"
    source += "def h(m: MapView) -> ArgumentMap: ...\n"
    assert changeable_parameters(source) == ["f", "g"]


def test_read_only_layers_take_map_views() -> None:
    seen = []
    for package in READ_ONLY:
        for path in sorted((CORE / package).glob("*.py")):
            rel = path.relative_to(CORE).as_posix()
            source = path.read_text(encoding="utf-8")
            seen += [f"{rel}:{name}" for name in changeable_parameters(source)]
    unexpected = sorted(set(seen) - set(MAY_CHANGE))
    assert unexpected == [], f"annotate these MapView, or list them with a reason: {unexpected}"
    assert sorted(set(MAY_CHANGE) - set(seen)) == [], "stale entries in MAY_CHANGE"
