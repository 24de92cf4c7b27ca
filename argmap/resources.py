"""The files argmap reads at run time, found as package data through ``importlib.resources``.

Two data packages ship beside ``argmap`` and ``desktop`` (see docs/PACKAGING.md):
``resources`` (fonts; icons and stylesheets would go there too) and ``seeds`` (the seed
articles, their curation sources and their maps). Nothing here knows where the checkout is, so
an installed wheel and a source checkout find their files the same way.

>>> font_path().name
'DejaVuSans.ttf'
>>> sorted(p.name for p in seed_maps())[0]
'000_c9735eb6699b3f22.argmap'
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

# Files of a package imported from a zip are extracted on first use and removed at exit.
_extracted = ExitStack()
atexit.register(_extracted.close)


def _real_path(ref: Traversable) -> Path:
    """A file-system path for ``ref``: Qt, cairo's fontconfig and reportlab need real files."""
    if isinstance(ref, Path):
        return ref.resolve()
    return _extracted.enter_context(as_file(ref)).resolve()


@cache
def resources_dir() -> Path:
    """The shipped ``resources`` package: ``fonts/`` and their metric tables."""
    return _real_path(files("resources"))


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def font_path(bold: bool = False) -> Path:
    return fonts_dir() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


@cache
def seeds_dir() -> Path:
    """The shipped ``seeds`` package: ``articles/``, ``curation/`` and ``maps/``."""
    return _real_path(files("seeds"))


def seed_maps_dir() -> Path:
    return seeds_dir() / "maps"


def seed_maps() -> list[Path]:
    """Every shipped seed map (the five articles' maps and the overview), by file name."""
    return sorted(seed_maps_dir().glob("*.argmap"))
