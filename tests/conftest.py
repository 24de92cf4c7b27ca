"""Fixtures shared by the core and desktop tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_MAPS = sorted((ROOT / "seeds" / "maps").glob("[0-9]*.argmap"))
SHARED = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True)
def _private_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings, recent files and recovery files of every test go to a temporary place."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ARGMAP_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
