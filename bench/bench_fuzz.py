"""Fuzz every reader for longer than the test suite does: ``python -m bench fuzz``.

With atheris installed, each reader gets a coverage-guided libFuzzer run seeded with its seed
files (``--seconds=N`` per reader, default 60); otherwise random mutations
(:func:`bench.fuzzing.mutate`) for the same time. Reports executions, time and findings per
reader; ``--write`` records them in BENCHMARKS.md. A finding is written to
``fuzz-findings/`` and makes the exit status 1.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import fuzzing
from bench.report import machine, write_section

ROOT = Path(__file__).resolve().parent.parent
FINDINGS = ROOT / "fuzz-findings"


def _flag(flags: list[str], name: str, default: float) -> float:
    for f in flags:
        if f.startswith(f"--{name}="):
            return float(f.split("=", 1)[1])
    return default


def run_atheris(target: fuzzing.Target, seconds: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, seed in enumerate(target.seeds):
            (corpus / f"seed{i}").write_bytes(seed)
        FINDINGS.mkdir(exist_ok=True)
        start = time.monotonic()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.fuzz_target",
                target.name,
                f"-max_total_time={int(seconds)}",
                "-timeout=10",
                "-rss_limit_mb=2048",
                f"-artifact_prefix={FINDINGS}/{target.name}-",
                "-max_len=65536",
                str(corpus),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            errors="replace",
        )
        elapsed = time.monotonic() - start
    log = proc.stdout + proc.stderr
    runs = re.findall(r"#(\d+)\s", log)
    cov = re.findall(r"cov: (\d+)", log)
    return {
        "engine": "atheris",
        "executions": int(runs[-1]) if runs else 0,
        "seconds": elapsed,
        "coverage": int(cov[-1]) if cov else 0,
        "finding": None if proc.returncode == 0 else log[-1500:],
    }


def run_random(target: fuzzing.Target, seconds: float) -> dict[str, object]:
    rng = random.Random(0)
    start = time.monotonic()
    n = 0
    finding = None
    while time.monotonic() - start < seconds:
        data = fuzzing.mutate(rng, rng.choice(target.seeds), target.seeds)
        try:
            fuzzing.run_one(target, data)
        except Exception as e:
            FINDINGS.mkdir(exist_ok=True)
            (FINDINGS / f"{target.name}-{n}").write_bytes(data)
            finding = f"{type(e).__name__}: {e}"
            break
        n += 1
    return {
        "engine": "random",
        "executions": n,
        "seconds": time.monotonic() - start,
        "coverage": 0,
        "finding": finding,
    }


def main(flags: list[str]) -> int:
    seconds = _flag(flags, "seconds", 60)
    try:
        import atheris  # noqa: F401

        engine = run_atheris
    except ImportError:
        engine = run_random
    rows = []
    status = 0
    for target in fuzzing.targets():
        r = engine(target, seconds)
        rows.append((target.name, r))
        found = r["finding"] or "nothing"
        print(
            f"{target.name:>10}: {r['executions']:>9,} executions in {r['seconds']:.0f} s "
            f"({r['engine']}, coverage {r['coverage']}), found: {str(found)[:300]}",
            flush=True,
        )
        if r["finding"]:
            status = 1
    if "--write" in flags:
        table = [
            "| reader | engine | executions | seconds | coverage | found |",
            "|---|---|---:|---:|---:|---|",
        ]
        for name, r in rows:
            found = "nothing" if not r["finding"] else "see fuzz-findings/"
            table.append(
                f"| {name} | {r['engine']} | {r['executions']:,} | {r['seconds']:.0f} | "
                f"{r['coverage']} | {found} |"
            )
        write_section("Fuzz", "\n".join([*table, "", f"Machine: {machine()}"]))
    return status
