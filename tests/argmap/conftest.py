"""The core's tests must pass with no Qt at all.

``make test`` runs this folder with ARGMAP_BLOCK_QT=1: then any import of PySide6, shiboken6
or the desktop package fails as if they were not installed, so a core module that needs Qt
fails its tests (DESIGN.md rule 1; napari runs its core tests the same way).
test_architecture.py proves the same in a subprocess, with or without the variable.
"""

from __future__ import annotations

import os

from tests.argmap.qt_blocker import install

if os.environ.get("ARGMAP_BLOCK_QT") == "1":
    install()
