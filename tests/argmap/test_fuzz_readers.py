"""Bounded fuzzing of every reader: mutations of valid files (the seed maps written in each
format, a microtext sample, the hostile corpus) and random bytes. A reader may only return a
valid map or raise ArgmapError with a one-line message (a hang ends at the suite's timeout;
speed is for bench/). The long,
coverage-guided run is ``python -m bench fuzz`` (atheris)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import fuzzing

TARGETS = {t.name: t for t in fuzzing.targets()}
EXAMPLES = 500  # per reader for mutations, half that for random bytes: about 40 s in all
# pydot parses DOT slowly (about 0.1 s per KB), so DOT gets fewer, smaller inputs.
FEWER = {"dot": 25}
SMALL = 16 * 1024

edits = st.lists(
    st.tuples(
        st.integers(0, 7),
        st.integers(0, 1 << 20),
        st.integers(0, 64),
        st.sampled_from(fuzzing.INTERESTING) | st.binary(max_size=32),
    ),
    min_size=1,
    max_size=8,
)


def apply(data: bytes, ops: list[tuple[int, int, int, bytes]], seeds: list[bytes]) -> bytes:
    """Edits chosen by hypothesis (so a failure shrinks to a small one)."""
    buf = bytearray(data)
    for op, pos, length, payload in ops:
        n = len(buf)
        i = pos % (n + 1)
        j = min(n, i + length)
        if op == 0 and n:
            buf[i % n] ^= 1 << (length % 8)
        elif op == 1:
            del buf[i:j]
        elif op == 2:
            buf[i:i] = payload
        elif op == 3:
            buf[i:i] = buf[i:j] * (length % 40 + 2)
        elif op == 4:
            buf[i:j] = payload
        elif op == 5:
            other = seeds[pos % len(seeds)]
            buf[i:] = other[length * 97 % (len(other) + 1) :]
        elif op == 6:
            buf = buf[:i]
        else:
            buf[i:i] = payload * (length + 1)
    return bytes(buf)


def feed(target: fuzzing.Target, data: bytes) -> None:
    fuzzing.run_one(target, data)  # raises on anything but a valid map or an ArgmapError


def test_every_reader_is_fuzzed() -> None:
    from argmap import formats

    readable = {f.name for f in formats.formats() if f.reader is not None}
    assert readable <= set(TARGETS)
    for t in TARGETS.values():
        assert t.seeds, t.name


def small_seeds(target: fuzzing.Target) -> list[bytes]:
    return [s for s in target.seeds if len(s) <= SMALL] or target.seeds


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_mutated_files_are_read_or_refused(name: str) -> None:
    target = TARGETS[name]
    seeds = small_seeds(target)

    @settings(
        max_examples=FEWER.get(name, EXAMPLES),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(seed=st.integers(0, 10_000), ops=edits)
    def mutated(seed: int, ops: list[tuple[int, int, int, bytes]]) -> None:
        feed(target, apply(seeds[seed % len(seeds)], ops, seeds))

    mutated()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_random_bytes_are_refused_cleanly(name: str) -> None:
    @settings(max_examples=FEWER.get(name, EXAMPLES // 2), deadline=None, database=None)
    @given(data=st.binary(max_size=4096))
    def random_bytes(data: bytes) -> None:
        feed(TARGETS[name], data)

    random_bytes()


@pytest.mark.parametrize("name", ["graphml", "microtext", "svg"])
@pytest.mark.parametrize("encoding", ["UTN-8", "UTF-7"])
def test_xml_declaring_an_odd_encoding_is_refused_in_one_line(name: str, encoding: str) -> None:
    """Fuzzing found these escaping as LookupError / ValueError; they must be ArgmapError."""
    data = f"<?xml version='1.0' encoding='{encoding}'?>\n<a/>".encode()
    with pytest.raises(fuzzing.ArgmapError) as info:
        TARGETS[name].read(data)
    assert "\n" not in info.value.line()
