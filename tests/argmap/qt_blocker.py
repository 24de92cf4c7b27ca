"""An import hook that makes Qt and the desktop package look uninstalled.

Used two ways: ``make test`` runs tests/argmap with ARGMAP_BLOCK_QT=1 (conftest.py installs it
for the whole run), and tests/argmap/test_architecture.py installs it in a fresh interpreter
that then imports and runs the core, so the proof holds whichever way pytest was started.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

BLOCKED = ("PySide6", "shiboken6", "desktop")


class QtBlocker(importlib.abc.MetaPathFinder):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (blocked: the core runs without Qt)"
            )
        return None


def install() -> None:
    """Block Qt from now on; refuse if some of it was imported already."""
    loaded = [name for name in sys.modules if name.split(".")[0] in BLOCKED]
    if loaded:
        raise RuntimeError(f"{loaded[0]} was imported before Qt was blocked")
    sys.meta_path.insert(0, QtBlocker())
