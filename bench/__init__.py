"""Benchmarks: ``python -m bench [NAME…]`` runs every ``bench/bench_*.py`` (or the named ones).

Each module has ``main(argv) -> int``; results go to stdout and, with ``--write``, into their
section of BENCHMARKS.md. Medians of several runs: this machine is small and noisy.
"""
