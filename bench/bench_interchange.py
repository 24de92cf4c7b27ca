"""Import and export of a 10,000-claim map in each interchange format (target: under 2 s each).

``python -m bench interchange [--write] [--quick]``. Times are medians of 5 runs; peak memory is
the tracemalloc peak of one more run (Python allocations, the parsers' included). The
microtext corpus has no writer, so its import reads an arggraph XML generated here from the
same map (one EDU and ADU per claim, sup/reb/und edges, add edges for linked premises).
"""

from __future__ import annotations

import gc
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from argmap.formats import aif, argdown, graphml, microtext
from argmap.model import ArgumentMap, RelationKind
from bench.generate import generate_map
from bench.report import machine, write_section

TARGET_S = 2.0
RUNS = 5


def microtext_xml(m: ArgumentMap) -> bytes:
    """The map as an arggraph document (for the import benchmark only)."""
    ids = {c.id: i for i, c in enumerate(m.claims(), 1)}
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<arggraph id="bench">']
    out += [f'<edu id="e{i}">{escape(m.claim(c).text)}</edu>' for c, i in ids.items()]
    out += [f'<adu id="a{i}" type="pro"/>' for i in ids.values()]
    out += [f'<edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in ids.values()]
    kind = {RelationKind.SUPPORT: "sup", RelationKind.ATTACK: "reb", RelationKind.UNDERCUT: "und"}
    for r in m.relations():
        first, *rest = r.premises
        trg = r.target if r.kind is RelationKind.UNDERCUT else f"a{ids[r.target]}"
        out.append(
            f'<edge id={quoteattr(r.id)} src="a{ids[first]}" trg={quoteattr(trg)} '
            f'type="{kind[r.kind]}"/>'
        )
        out += [
            f'<edge id="{r.id}-add{k}" src="a{ids[p]}" trg={quoteattr(r.id)} type="add"/>'
            for k, p in enumerate(rest)
        ]
    out.append("</arggraph>")
    return "\n".join(out).encode("utf-8")


def _measure(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median wall seconds, median CPU seconds, peak MiB)."""
    times, cpu = [], []
    for _ in range(runs):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), statistics.median(cpu), peak / 2**20


def main(flags: list[str]) -> int:
    n = 1000 if "--quick" in flags else 10_000
    runs = 2 if "--quick" in flags else RUNS
    m = generate_map(n, seed=0)
    rows: list[tuple[str, str, float, float, float, int]] = []
    cases: list[tuple[str, Callable[[ArgumentMap], bytes] | None, Callable[[bytes, str], object]]]
    cases = [
        ("Argdown", argdown.write, argdown.read),
        ("AIF JSON", aif.write, aif.read),
        ("GraphML", graphml.write, graphml.read),
        ("Microtext XML", None, microtext.read),
    ]
    for name, writer, reader in cases:
        if writer is not None:
            w = writer
            data = w(m)
            t, c, mem = _measure(lambda w=w: w(m), runs)  # type: ignore[misc]
            rows.append((name, "export", t, c, mem, len(data)))
        else:
            data = microtext_xml(m)
        r = reader
        t, c, mem = _measure(lambda r=r, d=data: r(d, "bench"), runs)  # type: ignore[misc]
        rows.append((name, "import", t, c, mem, len(data)))
    status = 0
    lines = [
        f"A generated map of {n:,} claims and {m.relation_count:,} relations "
        "(`bench/generate.py`, seed 0); median of "
        f"{runs} runs; peak memory by tracemalloc. Target: every one under {TARGET_S:.0f} s.",
        "",
        "| format | direction | median wall time | median CPU time | peak memory | file size "
        "| under target |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, direction, t, c, mem, size in rows:
        ok = t < TARGET_S
        status |= 0 if ok else 1
        lines.append(
            f"| {name} | {direction} | {t * 1000:.0f} ms | {c * 1000:.0f} ms | {mem:.1f} MiB | "
            f"{size / 2**20:.1f} MiB | {'yes' if ok else 'NO'} |"
        )
        print(f"{name:14} {direction:6} {t * 1000:8.0f} ms {c * 1000:8.0f} ms cpu {mem:8.1f} MiB")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += [
        "",
        f"Machine: {machine()}. Load average when measured: {load:.1f} (other work shares "
        "the cores; the CPU time column is the one to compare between runs).",
    ]
    if "--write" in flags and "--quick" not in flags:
        write_section("Interchange", "\n".join(lines))
    return status
