"""Shared helpers of the analysis tests (seed maps)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argmap import formats
from argmap.model import ArgumentMap

ROOT = Path(__file__).resolve().parents[2]
SEED_MAPS = sorted((ROOT / "seeds" / "maps").glob("*.argmap"))
ARTICLE_MAPS = [p for p in SEED_MAPS if p.stem != "overview"]


@cache
def load_seed_maps() -> tuple[ArgumentMap, ...]:
    return tuple(formats.load_map(p) for p in SEED_MAPS)
