"""A save of a 100,000-claim map killed with SIGKILL at random moments leaves on disk either
the complete old file or the complete new one, never anything else, and the next save removes
the killed one's temporary. ``ARGMAP_KILLS`` sets the number of kills (default 20);
``python -m bench reliability`` runs 200."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from bench import killsave
from tests.conftest import ROOT

KILLS = int(os.environ.get("ARGMAP_KILLS", "20"))


@pytest.fixture(scope="session")
def versions(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The two versions of the big map, made once and kept in pytest's cache (keyed by the
    generator and the writer, so a change to either makes them anew)."""
    key = hashlib.sha256(
        b"".join((ROOT / p).read_bytes() for p in ("bench/generate.py", "argmap/formats/native.py"))
    ).hexdigest()[:12]
    cache = getattr(request.config, "cache", None)
    folder = (
        Path(cache.mkdir(f"argmap-kill-{key}"))
        if cache is not None
        else tmp_path_factory.mktemp("big")
    )
    return killsave.make_versions(folder)


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_killed_saves_leave_the_old_or_the_new_file(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = versions
    report = killsave.run_kills(tmp_path / "work", old, new, KILLS, seed=KILLS)
    print(report.summary())
    assert report.failures == []
    assert report.kills >= KILLS
    # Each save removes what dead saves left, so leftovers never pile up.
    assert report.max_temporaries <= 2
    # Once the new file is in place the save has nothing of its own left on disk.
    assert report.outcomes["new complete + temporary"] == 0
    assert killsave.temporaries(tmp_path / "work", "debate.argmap") == []
