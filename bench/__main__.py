"""Run benchmarks: ``python -m bench`` (all) or ``python -m bench core layout …``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def main(argv: list[str]) -> int:
    names = sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules(bench.__path__)
        if m.name.startswith("bench_")
    )
    wanted = [a for a in argv if not a.startswith("-")] or names
    flags = [a for a in argv if a.startswith("-")]
    status = 0
    for name in wanted:
        if name not in names:
            print(f"bench: no benchmark {name!r} (have: {', '.join(names)})", file=sys.stderr)
            return 2
        print(f"== {name}", flush=True)
        status |= importlib.import_module(f"bench.bench_{name}").main(flags)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
