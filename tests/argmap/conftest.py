"""The core's tests must pass with no Qt at all.

``make test`` runs this folder with ARGMAP_BLOCK_QT=1: then any import of PySide6, shiboken6
or the desktop package fails as if they were not installed, so a core module that needs Qt
fails its tests (DESIGN.md rule 1; napari runs its core tests the same way).
"""

from __future__ import annotations

import importlib.abc
import os
import sys

BLOCKED = ("PySide6", "shiboken6", "desktop")


class _QtBlocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (blocked: core tests run without Qt)"
            )
        return None


if os.environ.get("ARGMAP_BLOCK_QT") == "1":
    for name in list(sys.modules):
        if name.split(".")[0] in BLOCKED:
            raise RuntimeError(f"{name} was imported before the core tests started")
    sys.meta_path.insert(0, _QtBlocker())
