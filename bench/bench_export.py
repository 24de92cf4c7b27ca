"""Layout and export: Graphviz layout + SVG of synthetic maps, beside raw Graphviz and Argdown.

For each size (100, 1,000, 5,000, 10,000 claims, from :func:`bench.generate.generate_map`):

- *ours*: ``compute_layout`` + ``apply_layout`` + ``to_svg`` in this process (wall time, median);
- *raw*: ``dot -Tsvg`` on the DOT file we export for the same map (Graphviz alone, same graph);
- *Argdown*: ``argdown map`` to SVG on the same map written as Argdown (``@argdown/cli``,
  installed with npm into ``.cache/argdown``; skipped with a note when npm cannot install it);
- peak memory of one export in a fresh process (Python's peak RSS, and dot's), and of raw dot.

Flags: ``--write`` replaces the ``## Layout and export`` section of BENCHMARKS.md; ``--quick``
runs only 100 and 1,000 claims with 3 runs; ``--sizes=100,1000`` picks sizes; ``--no-argdown``.
Graphviz's time grows faster than linearly, so large sizes get fewer runs (shown in the table)
and every external run has a time limit.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import machine, write_section

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN_DIR = ROOT / ".cache" / "argdown"
ARGDOWN_BIN = ARGDOWN_DIR / "node_modules" / ".bin" / "argdown"
SECTION = "## Layout and export"
SIZES = (100, 1000, 5000, 10000)
RUNS = {100: 7, 1000: 5, 5000: 3, 10000: 3}
ARGDOWN_RUNS = {100: 5, 1000: 3, 5000: 3}  # Argdown at 10,000 is not attempted
RAW_UP_TO = 1000  # raw `dot -Tsvg` takes minutes beyond this (see "Layout engines")
ENGINE = "tree"  # --engine=dot measures Graphviz instead
LIMIT = 1800.0  # seconds for any one external run


@dataclass
class Row:
    n: int
    relations: int
    runs: int
    ours: float
    worst: float
    read: float  # of ours: reading the .argdown file
    drawn: float  # of ours: layout, storing it in the map and writing the SVG (issue 12's figure)
    drawn_worst: float
    in_dot: float
    raw: float
    raw_mib: float
    py_mib: float
    dot_mib: float
    argdown: float | None
    argdown_note: str
    svg_kib: float


def _ours(n: int, seed: int = 0, engine: str = ENGINE) -> tuple[float, float, float, str]:
    """One export of the Argdown file Argdown gets too: (total seconds, of which reading the
    file, seconds in dot, svg text). Timed: reading the .argdown file, the layout
    (``ENGINE``), storing it, the SVG."""
    from argmap import formats
    from argmap.export.svg import to_svg
    from argmap.formats import argdown
    from argmap.layout import graphviz
    from argmap.layout.engine import apply_layout, compute_layout
    from bench.generate import generate_map

    source = Path(tempfile.mkdtemp()) / f"map{n}.argdown"
    source.write_text(argdown.dumps(generate_map(n, seed)), encoding="utf-8")
    in_dot = 0.0
    real_run = graphviz.run_dot

    def timed_run(source: str, *, output_format: str = "json0", timeout: float = 60.0) -> bytes:
        nonlocal in_dot
        t = time.perf_counter()
        out = real_run(source, output_format=output_format, timeout=timeout)
        in_dot += time.perf_counter() - t
        return out

    graphviz.run_dot = timed_run  # bench only: to report the share of time inside dot
    try:
        start = time.perf_counter()
        m = formats.load_map(source)
        read = time.perf_counter() - start
        apply_layout(m, compute_layout(m, engine=engine, timeout=LIMIT))
        svg = to_svg(m)
        total = time.perf_counter() - start
    finally:
        graphviz.run_dot = real_run
        shutil.rmtree(source.parent, ignore_errors=True)
    return total, read, in_dot, svg


def _child(n: int, dot_out: str, engine: str = ENGINE) -> None:
    """Run in a fresh process: one export, timed inside (imports and map generation left
    out); prints its times, peak RSS of Python and of dot (MiB), and writes our DOT export."""
    from argmap.formats import dot_format
    from argmap.formats.svg_format import read_embedded_map

    total, read, in_dot, svg = _ours(n, engine=engine)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    laid = read_embedded_map(svg.encode("utf-8"))
    Path(dot_out).write_text(dot_format.dumps(laid), encoding="utf-8")
    result = {
        "total": total,
        "read": read,
        "in_dot": in_dot,
        "python_mib": own,
        "dot_mib": kids,
        "relations": laid.relation_count,
        "svg_kib": len(svg.encode("utf-8")) / 1024,
    }
    print(json.dumps(result))


def _run_child(n: int, dot_out: Path, engine: str) -> dict[str, float]:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from bench.bench_export import _child; _child({n}, {str(dot_out)!r}, {engine!r})",
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=LIMIT * 2,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return result


def _raw(dot_file: Path, out: Path) -> tuple[float, float]:
    """``dot -Tsvg`` on our DOT file: (seconds, peak MiB)."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        f"subprocess.run(['dot', '-Tsvg', {str(dot_file)!r}, '-o', {str(out)!r}], check=True, "
        f"timeout={LIMIT})\n"
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    seconds, mib = done.stdout.decode().split()
    return float(seconds), float(mib)


def _argdown_available() -> str | None:
    """The argdown command, installing @argdown/cli into .cache/argdown if needed; None if not."""
    if ARGDOWN_BIN.exists():
        return str(ARGDOWN_BIN)
    npm = shutil.which("npm")
    if npm is None:
        return None
    ARGDOWN_DIR.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "@argdown/cli"],
            cwd=ARGDOWN_DIR,
            capture_output=True,
            timeout=900,
            check=True,
        )
    except (subprocess.SubprocessError, OSError):
        return None
    return str(ARGDOWN_BIN) if ARGDOWN_BIN.exists() else None


def _argdown(argdown: str, source: Path, outdir: Path) -> float | None:
    """Seconds for ``argdown map SOURCE OUTDIR --format svg``; None past the time limit."""
    start = time.perf_counter()
    try:
        subprocess.run(
            [argdown, "map", str(source), str(outdir), "--format", "svg"],
            capture_output=True,
            timeout=LIMIT,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    if not list(outdir.glob("*.svg")):
        raise RuntimeError(f"argdown wrote no SVG for {source}")
    return time.perf_counter() - start


def _machine(load: tuple[float, float, float]) -> str:
    dot = subprocess.run(["dot", "-V"], capture_output=True, check=False).stderr.decode().strip()
    averages = ", ".join(f"{x:.2f}" for x in load)
    return f"{machine()}, {dot}; load average when the run began (1, 5, 15 min) {averages}"


def _fmt(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:  # None or NaN: not measured
        return "—"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def main(flags: list[str]) -> int:
    from argmap.formats import argdown
    from argmap.formats import native as _native  # noqa: F401  (registers formats)
    from bench.generate import generate_map

    sizes: tuple[int, ...] = SIZES
    runs = dict(RUNS)
    if "--quick" in flags:
        sizes = (100, 1000)
        runs = {100: 3, 1000: 3}
    for f in flags:
        if f.startswith("--sizes="):
            sizes = tuple(int(s) for s in f.split("=", 1)[1].split(","))
    use_argdown = "--no-argdown" not in flags
    engine = next((f.split("=", 1)[1] for f in flags if f.startswith("--engine=")), ENGINE)
    argdown_cmd = _argdown_available() if use_argdown else None
    load = os.getloadavg()  # other work on the machine slows every figure below
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in load)}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in sizes:
            k = runs.get(n, 3)
            dot_file = tmp / f"map{n}.dot"
            # Each export in a fresh process, so its peak memory is its own; the DOT file it
            # writes (our export of the same map) is what raw Graphviz gets.
            ours = [_run_child(n, dot_file, engine) for _ in range(k)]
            raws = (
                [_raw(dot_file, tmp / f"raw{n}.svg") for _ in range(k)]
                if n <= RAW_UP_TO
                else [(float("nan"), float("nan"))]
            )
            ad_time: float | None = None
            ad_note = "not run"
            if argdown_cmd and n in ARGDOWN_RUNS:
                source = tmp / f"map{n}.argdown"
                source.write_text(argdown.dumps(generate_map(n)), encoding="utf-8")
                times = []
                for i in range(ARGDOWN_RUNS[n]):
                    out = tmp / f"argdown{n}-{i}"
                    out.mkdir()
                    t = _argdown(argdown_cmd, source, out)
                    if t is None:
                        ad_note = f"> {LIMIT:.0f} s"
                        break
                    times.append(t)
                if times and len(times) == ARGDOWN_RUNS[n]:
                    ad_time = statistics.median(times)
                    ad_note = f"{_fmt(ad_time)} ({len(times)} runs)"
            elif use_argdown and not argdown_cmd:
                ad_note = "npm could not install @argdown/cli"
            row = Row(
                n=n,
                relations=int(ours[0]["relations"]),
                runs=k,
                ours=statistics.median(o["total"] for o in ours),
                worst=max(o["total"] for o in ours),
                read=statistics.median(o["read"] for o in ours),
                drawn=statistics.median(o["total"] - o["read"] for o in ours),
                drawn_worst=max(o["total"] - o["read"] for o in ours),
                in_dot=statistics.median(o["in_dot"] for o in ours),
                raw=statistics.median(r[0] for r in raws),
                raw_mib=max(r[1] for r in raws),
                py_mib=max(o["python_mib"] for o in ours),
                dot_mib=max(o["dot_mib"] for o in ours),
                argdown=ad_time,
                argdown_note=ad_note,
                svg_kib=ours[0]["svg_kib"],
            )
            rows.append(row)
            print(
                f"{n:>6} claims: ours {_fmt(row.ours)} s (worst {_fmt(row.worst)}, "
                f"reading {_fmt(row.read)} s, layout + SVG {_fmt(row.drawn)} s "
                f"(worst {_fmt(row.drawn_worst)}), dot {_fmt(row.in_dot)} s), "
                f"raw dot -Tsvg {_fmt(row.raw)} s, ratio {row.ours / row.raw:.2f}; "
                f"argdown {ad_note}; peak {row.py_mib:.0f} MiB + dot {row.dot_mib:.0f} MiB",
                flush=True,
            )
    if "--write" in flags:
        _write(rows, load, engine)
    return 0


def _write(rows: list[Row], load: tuple[float, float, float], engine: str = ENGINE) -> None:
    lines = [
        SECTION,
        "",
        "`python -m bench export --write` (bench/bench_export.py). *Ours* is the whole export "
        f"in-process, engine `{engine}`: reading the .argdown file, the layout, storing positions "
        "and routes in the map, and writing the SVG (the map embedded). *Argdown* is `argdown map "
        "--format svg` (@argdown/cli) on the same .argdown file (from `bench.generate`, written "
        "by our Argdown writer). *Raw* is `dot -Tsvg` on the DOT file we export for the same map: "
        "Graphviz alone laying out and drawing it (only up to 1,000 claims: minutes beyond). "
        "Times are wall-clock medians of the runs shown (worst in brackets), each run in a fresh "
        "process; memory is the peak RSS of one export (Python, and any dot it runs). *Reading* "
        "and *layout + SVG* split *ours*: layout + SVG (issue 12's figure) is the layout, storing "
        "it in the map and writing the SVG, without reading the file.",
        "",
        "| claims | relations | runs | ours (s) | reading (s) | layout + SVG (s) "
        "| of which dot (s) | raw `dot -Tsvg` (s) "
        "| peak MiB ours (Python + dot) | Argdown (s) | Argdown / ours | SVG KiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio_ad = f"{r.argdown / r.ours:.1f}×" if r.argdown is not None else "—"
        lines.append(
            f"| {r.n:,} | {r.relations:,} | {r.runs} | {_fmt(r.ours)} ({_fmt(r.worst)}) "
            f"| {_fmt(r.read)} | {_fmt(r.drawn)} ({_fmt(r.drawn_worst)}) "
            f"| {_fmt(r.in_dot)} | {_fmt(r.raw)} | {r.py_mib:.0f} + {r.dot_mib:.0f} "
            f"| {r.argdown_note} | {ratio_ad} | {r.svg_kib:.0f} |"
        )
    by_n = {r.n: r for r in rows}
    if 1000 in by_n and 10000 in by_n:
        lines += [
            "",
            f"10,000 claims cost {by_n[10000].ours / by_n[1000].ours:.1f}× what 1,000 cost "
            f"(medians, same run); layout + SVG alone "
            f"{by_n[10000].drawn / by_n[1000].drawn:.1f}×.",
        ]
    lines += ["", f"Machine: {_machine(load)}.", ""]
    write_section(SECTION.removeprefix("## "), "\n".join(lines[1:]))
