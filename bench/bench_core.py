"""Core: load + validate and save of synthetic maps at 1,000, 10,000 and 100,000 claims.

Each figure is measured in a fresh interpreter (so peak memory is the process's own), as the
median of several runs. Targets (issue 2): 10,000 claims load + validate <= 0.5 s and save
<= 0.3 s; 100,000 claims load + validate <= 5 s with peak memory <= 500 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.generate import generate_map
from bench.report import machine, write_section

SIZES = (1_000, 10_000, 100_000)
RUNS = 5

# Runs in a fresh interpreter: times one load (+ validation, which loading includes) and one
# save, and reports the process's peak resident memory.
# Peak memory is VmHWM (this address space's high-water mark), not ru_maxrss, which Linux
# carries over from the parent across fork and exec.
_PROBE = r"""
import json, sys, time
from argmap.formats import native
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
path, out = sys.argv[1], sys.argv[2]
base = hwm()
t = time.perf_counter(); m = native.load(path); load = time.perf_counter() - t
peak = hwm()
t = time.perf_counter(); native.save(m, out); save = time.perf_counter() - t
print(json.dumps({"load": load, "save": save, "peak_mb": peak, "base_mb": base,
                  "claims": m.claim_count}))
"""


def measure(n: int, folder: Path) -> dict[str, float]:
    from argmap.formats import native

    path = folder / f"synthetic-{n}.argmap"
    if not path.exists():
        native.save(generate_map(n, seed=1), path)
    runs = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, str(path), str(folder / "out.argmap")],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    med = {
        k: sorted(r[k] for r in runs)[len(runs) // 2]
        for k in ("load", "save", "peak_mb", "base_mb")
    }
    med["size_mb"] = path.stat().st_size / 1e6
    med["claims"] = runs[0]["claims"]
    return med


def main(flags: list[str]) -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            r = measure(n, Path(tmp))
            rows.append((n, r))
            print(
                f"{n:>7} claims ({r['size_mb']:.1f} MB file): load+validate {r['load']:.3f} s, "
                f"save {r['save']:.3f} s, peak {r['peak_mb']:.0f} MB",
                flush=True,
            )
    table = [
        "| claims | file | load + validate | save | peak memory (process) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for n, r in rows:
        table.append(
            f"| {n:,} | {r['size_mb']:.1f} MB | {r['load']:.3f} s | {r['save']:.3f} s | "
            f"{r['peak_mb']:.0f} MB (of which {r['base_mb']:.0f} MB before loading) |"
        )
    body = (
        f"`python -m bench core`: fresh process per run, median of {RUNS}.\n"
        f"Machine: {machine()}.\n\n"
        + "\n".join(table)
        + "\n\nTargets: 10,000 claims load + validate <= 0.5 s, save <= 0.3 s; 100,000 claims "
        "load + validate <= 5 s with peak memory <= 500 MB."
    )
    if "--write" in flags:
        write_section("Core: load, validate, save", body)
    return 0
