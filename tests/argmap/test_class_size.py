"""No class over 25 methods (issue 11): a class that needs more does more than one job.

Parses argmap/ and desktop/ with ``ast`` (no import, so no Qt); an exception needs an entry in
ALLOWED with its reason, and the entry goes once the class is split.
"""

from __future__ import annotations

import ast
from pathlib import Path

import argmap

LIMIT = 25

# "package/module.py:Class" → why it may stay over the limit for now.
ALLOWED: dict[str, str] = {}


CORE = Path(argmap.__file__).parent
# The desktop package sits beside the core (checkout or install); read as text, never imported,
# so this runs under ARGMAP_BLOCK_QT too.
ROOTS = (CORE, CORE.parent / "desktop")


def _method_count(cls: ast.ClassDef) -> int:
    """Functions defined in the class body, also under ``if``/``try`` there (not nested ones)."""
    count = 0
    todo: list[ast.stmt] = list(cls.body)
    while todo:
        stmt = todo.pop()
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            count += 1
        elif isinstance(stmt, ast.If):
            todo += stmt.body + stmt.orelse
        elif isinstance(stmt, ast.Try):
            todo += stmt.body + stmt.orelse + stmt.finalbody
            todo += [s for handler in stmt.handlers for s in handler.body]
        elif isinstance(stmt, ast.With):
            todo += stmt.body
    return count


def class_sizes(source: str) -> dict[str, int]:
    """``{class name: method count}`` for every class in ``source`` (nested ones too)."""
    return {
        node.name: _method_count(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef)
    }


def _all_classes() -> dict[str, int]:
    sizes: dict[str, int] = {}
    for root in ROOTS:
        for path in sorted(root.rglob("*.py")):
            rel = path.relative_to(root.parent).as_posix()
            for name, n in class_sizes(path.read_text(encoding="utf-8")).items():
                sizes[f"{rel}:{name}"] = n
    return sizes


def test_counts_methods_in_the_class_body() -> None:
    source = (
        "class A:\n"
        "    def a(self): pass\n"
        "    async def b(self): pass\n"
        "    if True:\n"
        "        def c(self): pass\n"
        "    def d(self):\n"
        "        def inner(): pass\n"
        "    class B:\n"
        "        def e(self): pass\n"
    )
    assert class_sizes(source) == {"A": 4, "B": 1}


def test_a_class_over_the_limit_is_found() -> None:
    body = "".join(f"    def m{i}(self): pass\n" for i in range(LIMIT + 1))
    assert class_sizes("class Big:\n" + body) == {"Big": LIMIT + 1}


def test_no_class_over_the_limit() -> None:
    assert all((root / "__init__.py").is_file() for root in ROOTS), ROOTS
    sizes = _all_classes()
    assert len(sizes) > 100, "the walk found too few classes: wrong roots?"
    offenders = sorted(
        f"{key}: {n} methods" for key, n in sizes.items() if n > LIMIT and key not in ALLOWED
    )
    assert offenders == [], f"split these classes (or allow-list them with a reason): {offenders}"


def test_allow_list_is_current() -> None:
    """An allowed class that no longer exists or fits the limit leaves the list."""
    sizes = _all_classes()
    stale = sorted(key for key in ALLOWED if sizes.get(key, 0) <= LIMIT)
    assert stale == []
