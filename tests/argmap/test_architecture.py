"""The core never imports Qt or the desktop app (DESIGN.md rule 1)."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import argmap

FORBIDDEN = ("PySide6", "shiboken6", "desktop")
CORE = Path(argmap.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_desktop() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for name in _imported_modules(path):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(CORE.parent)} imports {name}")
    assert offenders == []


def _core_without_qt(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter where Qt and the desktop package cannot be imported
    (the blocker raises ModuleNotFoundError, as if they were not installed)."""
    return subprocess.run(
        [sys.executable, "-c", "from tests.argmap.qt_blocker import install\ninstall()\n" + code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=CORE.parent,
        env={**os.environ, "PYTHONPATH": str(CORE.parent)},
    )


def test_the_blocker_really_blocks_qt() -> None:
    result = _core_without_qt("import PySide6\n")
    assert result.returncode == 1
    assert "No module named 'PySide6' (blocked" in result.stderr


def test_every_core_module_imports_and_runs_without_qt(tmp_path: Path) -> None:
    """Import every module of argmap with Qt blocked, then load, export, lay out and evaluate
    a seed map through the CLI: a core module that needed Qt, even lazily, fails here."""
    modules = [
        m.name
        for m in pkgutil.walk_packages(argmap.__path__, "argmap.")
        if not m.name.endswith("__main__")
    ]
    assert "argmap.formats.native" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from argmap.cli import main\n"
        "from argmap.resources import seed_maps\n"
        "seed = str(seed_maps()[0])\n"
        f"out = {str(tmp_path / 'map.svg')!r}\n"
        "assert main(['export', seed, '-o', out]) == 0\n"
        "assert main(['evaluate', seed]) == 0\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "sys.exit(f'imported {bad}' if bad else 0)\n"
    )
    result = _core_without_qt(code)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "map.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    labels = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert labels and labels <= {"in", "out", "undecided"}, result.stdout[:500]
