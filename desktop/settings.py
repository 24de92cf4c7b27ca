"""Where the app keeps its settings (recent files, window geometry).

``ARGMAP_CONFIG_DIR`` overrides the platform's config folder, so tests never touch the
user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 10


def config_dir() -> Path:
    override = os.environ.get("ARGMAP_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("argmap", appauthor=False))


def settings() -> QSettings:
    """The app's settings file (an INI file in :func:`config_dir`)."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "desktop.ini"), QSettings.Format.IniFormat)


def flag(s: QSettings, key: str) -> bool:
    """A yes/no setting (the INI file keeps it as text: "true", "false"); no: when unset."""
    return str(s.value(key, "false")).lower() in ("true", "1")


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def add_recent(path: str) -> list[str]:
    """Put ``path`` first in the recent files and return the new list."""
    path = os.path.abspath(path)
    items = [p for p in recent_files() if p != path]
    items.insert(0, path)
    items = items[:MAX_RECENT]
    s = settings()
    s.setValue("recent", items)
    s.sync()
    return items
