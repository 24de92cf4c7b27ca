"""One atheris (libFuzzer) run of one reader: ``python -m bench.fuzz_target NAME [libFuzzer
flags] CORPUS_DIR``. Run by ``python -m bench fuzz``; a finding ends the run with a crash file."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["argmap"]):
    # Everything the readers use is imported here, so all of it is instrumented.
    from bench import fuzzing

    TARGETS = {t.name: t for t in fuzzing.targets()}


def main() -> None:
    target = TARGETS[sys.argv[1]]

    def one_input(data: bytes) -> None:
        fuzzing.run_one(target, data)

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
