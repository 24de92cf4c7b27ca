"""Rules for every pytest run here (core tests, desktop tests and the core's doctests).

1. **A private home.** Before any test module is imported, HOME and every XDG folder point into
   a temporary folder (so do ARGMAP_CONFIG_DIR and ARGMAP_DATA_DIR), and subprocesses inherit
   that. At the end the session fails if anything under the real user's argmap folders
   (configuration, data, cache, state) was created or changed.
2. **No silent skips in CI.** Under ``CI=true`` a skipped test, or a test module skipped at
   collection, is a failure unless its node id is on ``ALLOWED_SKIPS`` below; tests/README.md
   documents the list and a test keeps the two in step.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# ---------------------------------------------------------------------------- 1. private home


def _real_argmap_dirs() -> list[Path]:
    """Where platformdirs puts argmap's files for the real user (Linux/XDG and macOS)."""
    home = Path(os.path.expanduser("~"))
    env = os.environ
    bases = [
        Path(env.get("XDG_CONFIG_HOME") or home / ".config"),
        Path(env.get("XDG_DATA_HOME") or home / ".local" / "share"),
        Path(env.get("XDG_CACHE_HOME") or home / ".cache"),
        Path(env.get("XDG_STATE_HOME") or home / ".local" / "state"),
        home / "Library" / "Application Support",
        home / "Library" / "Caches",
        home / "Library" / "Preferences",
    ]
    dirs = [base / "argmap" for base in bases]
    dirs += [Path(env[v]) for v in ("ARGMAP_CONFIG_DIR", "ARGMAP_DATA_DIR") if env.get(v)]
    return dirs


def _snapshot(dirs: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``dirs`` with its size and modification time."""
    seen: dict[str, tuple[int, int]] = {}
    for d in dirs:
        if not d.exists():
            continue
        for path in [d, *d.rglob("*")]:
            try:
                st = path.lstat()
            except OSError:
                continue
            seen[str(path)] = (st.st_size, st.st_mtime_ns)
    return seen


_REAL_DIRS = _real_argmap_dirs()
_REAL_BEFORE = _snapshot(_REAL_DIRS)
_HOME = Path(tempfile.mkdtemp(prefix="argmap-tests-home-"))
_PRIVATE = {
    "HOME": _HOME,
    "XDG_CONFIG_HOME": _HOME / ".config",
    "XDG_DATA_HOME": _HOME / ".local" / "share",
    "XDG_CACHE_HOME": _HOME / ".cache",
    "XDG_STATE_HOME": _HOME / ".local" / "state",
    "XDG_RUNTIME_DIR": _HOME / "run",
    "ARGMAP_CONFIG_DIR": _HOME / "argmap-config",
    "ARGMAP_DATA_DIR": _HOME / "argmap-data",
}
for _name, _path in _PRIVATE.items():
    _path.mkdir(mode=0o700, parents=True, exist_ok=True)  # Qt wants a private runtime dir
    os.environ[_name] = str(_path)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    after = _snapshot(_REAL_DIRS)
    touched = sorted(p for p, stat in after.items() if _REAL_BEFORE.get(p) != stat)
    if touched:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "the tests wrote under the real user's folders: " + ", ".join(touched[:10])
        if reporter is not None:
            reporter.write_line(f"FAILED settings isolation: {message}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# ---------------------------------------------------------------------------- 2. skips in CI

# node id pattern -> why a skip there is acceptable even in CI (keep in step with tests/README.md)
ALLOWED_SKIPS: dict[str, str] = {
    "tests/argmap/test_safe_saving.py::*parent*": (
        "making a folder unreachable to another user needs root; CI runs as root"
    ),
}


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _allowed(nodeid: str) -> bool:
    return any(fnmatch.fnmatchcase(nodeid, pattern) for pattern in ALLOWED_SKIPS)


def _reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if (
        under_ci()
        and report.skipped
        and not hasattr(report, "wasxfail")
        and not _allowed(report.nodeid)
    ):
        report.outcome = "failed"
        report.longrepr = (
            f"skipped under CI=true, and not on the allow-list (tests/README.md): "
            f"{_reason(report.longrepr)}"
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if under_ci() and report.skipped and not _allowed(report.nodeid):
        report.outcome = "failed"
        report.longrepr = (
            f"{report.nodeid} skipped at collection under CI=true, and not on the allow-list "
            f"(tests/README.md): {_reason(report.longrepr)}"
        )
