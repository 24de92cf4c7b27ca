"""Fuzz targets: every registered reader (and the ICCMA readers), with seed inputs.

A reader passes an input when it returns a valid map or raises :class:`ArgmapError`; any other
exception is a bug. Seeds are the seed maps written in each format that has a writer, a
microtext sample, the hostile corpus of tests/data/bad/ and a few ICCMA frameworks. Used by
``tests/argmap/test_fuzz_readers.py`` (hypothesis, bounded) and ``python -m bench fuzz``
(atheris, coverage-guided, when installed; else random mutations).
"""

from __future__ import annotations

import contextlib
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError

ROOT = Path(__file__).resolve().parent.parent
SEED_MAPS = sorted((ROOT / "seeds" / "maps").glob("[0-9]*.argmap"))
BAD = ROOT / "tests" / "data" / "bad"
MICROTEXT_SAMPLE = b"""<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="m" topic_id="t" stance="pro">
  <edu id="e1"><![CDATA[Cities should ban cars from their centres.]]></edu>
  <edu id="e2"><![CDATA[Air would be cleaner,]]></edu>
  <edu id="e3"><![CDATA[but shops would lose customers.]]></edu>
  <edu id="e4"><![CDATA[Studies show footfall rises.]]></edu>
  <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="opp"/>
  <adu id="a4" type="pro"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/><edge id="c4" src="e4" trg="a4" type="seg"/>
  <edge id="c5" src="a2" trg="a1" type="sup"/><edge id="c6" src="a3" trg="a1" type="reb"/>
  <edge id="c7" src="a4" trg="c6" type="und"/>
</arggraph>
"""
ICCMA_SEEDS = {
    "apx": [b"arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,a).\n", b"arg(x).\n"],
    "tgf": [b"1\n2\n3\n#\n1 2\n2 3\n", b"a\nb\n#\nb a\n"],
}
# Values that break careless readers, spliced in by the mutator.
INTERESTING = [
    b"",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"-1",
    b"0",
    b"1e999",
    b"-0",
    b"NaN",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b'"',
    b"'",
    b"<",
    b">",
    b"&",
    b"&lol;",
    b"]]>",
    b"<!--",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\n",
    b"\r\n",
    b"\t",
    b"    ",
    b"#",
    b"[",
    b"]",
    b"(",
    b")",
    b"->",
    b"--",
    b"+",
    b"_>",
    b"<-",
    b"===",
    b"%",
    b"9" * 30,
    b"a" * 300,
    "é…🙂".encode(),
]


@dataclass
class Target:
    """One reader to fuzz."""

    name: str
    extension: str
    read: Callable[[bytes], object]
    seeds: list[bytes]


def _check_map(m: object) -> None:
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.validation import validate_map

    if isinstance(m, ArgumentMap):
        errors = [p for p in validate_map(m) if p.severity == "error"]
        if errors:
            raise AssertionError(f"the reader returned an invalid map: {errors[0]}")


def targets() -> list[Target]:
    """Every registered format with a reader, plus the ICCMA readers."""
    from argmap import formats
    from argmap.formats import native
    from bench.generate import generate_map

    # Small generated maps make small seeds (quick to read, so more inputs per second); the
    # curated seed maps bring real texts, anchors and layouts.
    seed_maps = [generate_map(n, seed=n) for n in (3, 8, 20)]
    seed_maps += [native.load(p) for p in SEED_MAPS]
    out = []
    for fmt in formats.formats():
        if fmt.reader is None:
            continue
        ext = fmt.extensions[0]
        seeds: list[bytes] = []
        if fmt.writer is not None:
            for m in seed_maps:
                with contextlib.suppress(ArgmapError):
                    seeds.append(fmt.writer(m))
        if fmt.name == "microtext":
            seeds.append(MICROTEXT_SAMPLE)
        suffixes = {e.rsplit(".", 1)[-1] for e in fmt.extensions}
        if BAD.is_dir():
            seeds += [
                p.read_bytes()
                for p in sorted(BAD.iterdir())
                if p.suffix.lstrip(".") in suffixes and p.stat().st_size < 64 * 1024
            ]
        reader = fmt.reader
        out.append(Target(fmt.name, ext, _reader(reader, "fuzz" + ext), seeds or [b""]))
    with contextlib.suppress(ImportError):
        from argmap.analysis import iccma

        for kind, seeds in ICCMA_SEEDS.items():
            name = f"fuzz.{kind}"
            out.append(
                Target(
                    f"iccma-{kind}",
                    "." + kind,
                    lambda data, name=name: iccma.read_framework(data, name),  # type: ignore[misc]
                    seeds,
                )
            )
    return out


def _reader(reader: Callable[[bytes, str], object], name: str) -> Callable[[bytes], object]:
    def read(data: bytes) -> object:
        return reader(data, name)

    return read


# Bugs in readers of other branches that fuzzing found; tolerated (and counted) so the fuzzer
# goes on looking for new ones. Each has a test that shows it (see docs/RELIABILITY.md).
# Reader bugs fuzzing found are fixed, not tolerated: an XML declaration naming an unknown
# encoding (LookupError) or UTF-7 (ValueError from expat) escaped from the GraphML, microtext
# and SVG readers; argmap.formats.common.parse_xml now turns both into one-line errors.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def run_one(target: Target, data: bytes) -> str:
    """Feed one input; ``"ok"``, ``"refused"`` or ``"known bug"``. Anything else raises."""
    sink = io.StringIO()  # some parsers print diagnostics; they are not what we test here
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            result = target.read(data)
        except ArgmapError as e:
            if "\n" in e.line():
                raise AssertionError(f"a multi-line error: {e.line()[:200]!r}") from e
            return "refused"
        except Exception as e:
            if (target.name, type(e).__name__) in KNOWN_BUGS:
                return "known bug"
            raise
    _check_map(result)
    return "ok"


def mutate(rng: random.Random, data: bytes, seeds: list[bytes], steps: int = 0) -> bytes:
    """A few random edits of ``data``: flips, cuts, repeats, splices, interesting values."""
    buf = bytearray(data)
    for _ in range(steps or rng.randint(1, 6)):
        op = rng.randrange(8)
        n = len(buf)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randint(0, 64))
        if op == 0 and n:
            buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == 1:
            del buf[i:j]
        elif op == 2:
            buf[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op == 3:
            buf[i:i] = buf[i:j] * rng.randint(2, 50)
        elif op == 4:
            buf[i:j] = rng.choice(INTERESTING)
        elif op == 5:
            other = rng.choice(seeds)
            k = rng.randrange(len(other) + 1)
            buf[i:] = other[k:]
        elif op == 6:
            buf = buf[: rng.randrange(n + 1)]
        else:
            buf[i:i] = rng.choice(INTERESTING)
    return bytes(buf)
