"""Where the shipped resources (fonts, icons, stylesheet) are: ``resources/`` beside the
packages, or the folder named by ``ARGMAP_RESOURCES``."""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("ARGMAP_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def font_path(bold: bool = False) -> Path:
    return resources_dir() / "fonts" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
