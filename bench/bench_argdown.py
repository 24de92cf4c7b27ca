"""Argdown import against the reference parser, in one run (target: at least 5× faster).

``python -m bench argdown [--write] [--quick]``: a generated map of 5,000 claims is written as
Argdown once; then ``argmap``'s reader and ``argdown json`` of @argdown/cli from .cache/argdown
(Node start-up included, as a user runs it) read that same file, in interleaved rounds so that
both see the same load; medians of wall and CPU time (CPU includes the Node child process).
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.formats import argdown
from bench.generate import generate_map
from bench.report import machine, write_section

TARGET_RATIO = 5.0
ROUNDS = 5
# where the Argdown tests install @argdown/cli once per machine
CACHE = Path(
    os.environ.get(
        "ARGMAP_ARGDOWN_CACHE", Path(__file__).resolve().parents[1] / ".cache" / "argdown"
    )
)
CLI = CACHE / "node_modules" / ".bin" / "argdown"


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the Node parser)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _once(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    gc.collect()
    t, c = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - t, _cpu() - c


def _summary(samples: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(median wall, worst wall, median CPU)."""
    walls = [w for w, _ in samples]
    return statistics.median(walls), max(walls), statistics.median(c for _, c in samples)


def main(flags: list[str]) -> int:
    n = 500 if "--quick" in flags else 5_000
    if not CLI.exists():
        print(f"bench argdown: {CLI} is missing (the Argdown tests install it)")
        return 1
    m = generate_map(n, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.argdown"
        data = argdown.write(m)
        path.write_bytes(data)

        def reference() -> None:
            subprocess.run([str(CLI), "json", str(path), tmp], check=True, capture_output=True)

        # Interleaved rounds, so that both readers see the same load on a shared machine.
        mine: list[tuple[float, float]] = []
        theirs_samples: list[tuple[float, float]] = []
        for _ in range(ROUNDS):
            mine.append(_once(lambda: argdown.read(data, str(path))))
            theirs_samples.append(_once(reference))
        ours, ours_worst, ours_cpu = _summary(mine)
        theirs, theirs_worst, theirs_cpu = _summary(theirs_samples)
    ratio, cpu_ratio = theirs / ours, theirs_cpu / ours_cpu
    print(
        f"argmap {ours * 1000:.0f} ms ({ours_cpu * 1000:.0f} ms CPU), argdown json "
        f"{theirs * 1000:.0f} ms ({theirs_cpu * 1000:.0f} ms CPU): {ratio:.1f}x wall, "
        f"{cpu_ratio:.1f}x CPU"
    )
    load = os.getloadavg()[0]
    lines = [
        f"One generated map of {n:,} claims and {m.relation_count:,} relations (seed 0) written "
        f"as Argdown ({len(data) / 2**20:.1f} MiB), read in the same run by argmap's reader and "
        f"by `argdown json` of @argdown/cli 1.7 (Node start-up included), in {ROUNDS} "
        f"interleaved rounds; medians. Target: argmap at least {TARGET_RATIO:.0f}× faster.",
        "",
        "| reader | median wall time | worst wall time | median CPU time |",
        "| --- | ---: | ---: | ---: |",
        f"| argmap (`argmap.formats.argdown.read`) | {ours * 1000:.0f} ms "
        f"| {ours_worst * 1000:.0f} ms | {ours_cpu * 1000:.0f} ms |",
        f"| `argdown json` | {theirs * 1000:.0f} ms | {theirs_worst * 1000:.0f} ms "
        f"| {theirs_cpu * 1000:.0f} ms |",
        "",
        f"Ratio of the medians: argmap is {ratio:.1f}× faster in wall time and "
        f"{cpu_ratio:.1f}× in CPU time "
        f"({'meets' if ratio >= TARGET_RATIO else 'MISSES'} the target in wall time).",
        "",
        f"Machine: {machine()}. Load average when measured: {load:.1f} (other work shares "
        "the cores; CPU time is the steadier figure).",
    ]
    if "--write" in flags and "--quick" not in flags:
        write_section("Argdown import vs the reference parser", "\n".join(lines))
    return 0 if ratio >= TARGET_RATIO else 1
