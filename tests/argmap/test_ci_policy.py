"""The suite's own rules (conftest.py at the top): skips fail under CI=true unless allowed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import conftest

ROOT = Path(__file__).resolve().parents[2]


def test_the_allow_list_is_documented() -> None:
    readme = (ROOT / "tests" / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Skips allowed under CI=true", 1)[1]
    documented = re.findall(r"^\| `([^`]+)` \|", table, re.M)
    assert documented == list(conftest.ALLOWED_SKIPS)


def _run(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    """Run pytest on a small folder that uses this repository's conftest.py."""
    (tmp_path / "conftest.py").write_text((ROOT / "conftest.py").read_text(encoding="utf-8"))
    (tmp_path / "test_some.py").write_text(
        "import pytest\n"
        "def test_runs():\n    assert True\n"
        "@pytest.mark.skipif(True, reason='no tool')\n"
        "def test_marked():\n    pass\n"
        "def test_skips_inside():\n    pytest.skip('no corpus')\n"
        "@pytest.mark.xfail(reason='known')\n"
        "def test_known_bug():\n    assert False\n"
    )
    (tmp_path / "test_collect.py").write_text(
        "import pytest\npytest.importorskip('no_such_module_here')\n"
    )
    env = {**os.environ, "CI": ci}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:pytest-qt",
         "-o", "addopts=", "--continue-on-collection-errors", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )  # fmt: skip


def test_under_ci_every_skip_fails(tmp_path: Path) -> None:
    result = _run(tmp_path, "true")
    summary = result.stdout.strip().splitlines()[-1]
    # A skip in the call fails; one in setup (a marker) or at collection is an error.
    assert "1 passed" in summary and "1 failed" in summary and "2 errors" in summary, summary
    assert "1 xfailed" in summary and "skipped" not in summary, summary  # xfail stays xfail
    assert "skipped under CI=true" in result.stdout


def test_outside_ci_skips_stay_skips(tmp_path: Path) -> None:
    result = _run(tmp_path, "")
    summary = result.stdout.strip().splitlines()[-1]
    assert "1 passed" in summary and "3 skipped" in summary, summary
    assert not re.search(r"\b(failed|errors?)\b", summary), summary


def test_a_write_under_the_real_config_folder_fails_the_session(tmp_path: Path) -> None:
    real = tmp_path / "real-home"
    leak = real / ".config" / "argmap" / "desktop.ini"
    run = tmp_path / "run"
    run.mkdir()
    (run / "conftest.py").write_text((ROOT / "conftest.py").read_text(encoding="utf-8"))
    (run / "test_leak.py").write_text(
        "import os, pathlib\n"
        "def test_home_is_private():\n"
        f"    assert not os.environ['HOME'].startswith({str(real)!r})\n"
        "def test_leaks():\n"
        "    p = pathlib.Path(os.environ['LEAK_TO'])\n"
        "    p.parent.mkdir(parents=True, exist_ok=True)\n"
        "    p.write_text('[window]')\n"
    )
    env = {**os.environ, "HOME": str(real), "XDG_CONFIG_HOME": str(real / ".config")}
    env["LEAK_TO"] = str(leak)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:pytest-qt",
         "-o", "addopts=", str(run)],
        capture_output=True, text=True, cwd=run, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-1000:]
    assert "2 passed" in result.stdout
    assert "FAILED settings isolation: the tests wrote under the real user's folders: " in (
        result.stdout
    )
    assert str(leak) in result.stdout
