"""The user's data folder (recovery files, locks): platformdirs' ``user_data_dir("argmap")``,
or ``ARGMAP_DATA_DIR`` when set (tests point it at a temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder for argmap's data; created on first use by whoever writes there."""
    override = os.environ.get("ARGMAP_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("argmap", appauthor=False))


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (private to the user, since it holds unsaved work) and return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
