"""Kill saves of a 100,000-claim map with SIGKILL: ``python -m bench reliability`` (200 kills;
``--kills=N``). See :mod:`bench.killsave`; the test suite does 20."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench import killsave
from bench.report import machine, write_section


def main(flags: list[str]) -> int:
    kills = next((int(f.split("=", 1)[1]) for f in flags if f.startswith("--kills=")), 200)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = killsave.make_versions(Path(tmp) / "versions")
        report = killsave.run_kills(Path(tmp) / "work", old, new, kills, seed=kills)
        size_mb = old.stat().st_size / 1e6
    print(report.summary(), flush=True)
    for failure in report.failures:
        print("FAILED:", failure)
    if "--write" in flags:
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(report.outcomes.items()))
        write_section(
            "Reliability",
            f"SIGKILL during saves of a 100,000-claim map ({size_mb:.0f} MB "
            "file, with backup): "
            f"{report.kills} kills in {report.rounds} rounds, {len(report.failures)} failures. "
            f"Found after the kills: {outcomes}. An unkilled save takes "
            f"{report.save_seconds:.2f} s; at most {report.max_temporaries} temporaries left at "
            f"once, none after the next save. {report.seconds:.0f} s in all.\n\n"
            f"Machine: {machine()}",
        )
    return 1 if report.failures else 0
