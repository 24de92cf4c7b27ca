"""Hostile input for every interchange reader: only one-line ArgmapErrors, in bounded time."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.formats import aif, argdown, graphml, microtext
from argmap.formats.common import MAX_INPUT_BYTES
from tests.argmap.interchange_helpers import corpora_dir, seed_maps

READERS = {
    "argdown": argdown.read,
    "aif": aif.read,
    "graphml": graphml.read,
    "microtext": microtext.read,
}


def _valid_samples() -> dict[str, bytes]:
    _, m = seed_maps()[2]  # has an undercut
    samples = {
        "argdown": argdown.write(m),
        "aif": aif.write(m),
        "graphml": graphml.write(m),
    }
    xml = corpora_dir() / "arg-microtexts" / "corpus" / "en" / "micro_b001.xml"
    samples["microtext"] = (
        xml.read_bytes()
        if xml.exists()
        else b'<arggraph id="x"><edu id="e1">A.</edu><adu id="a1" type="pro"/>'
        b'<edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>'
    )
    return samples


VALID = _valid_samples()


def _only_argmap_errors(name: str, data: bytes) -> None:
    try:
        READERS[name](data, f"fuzz.{name}")
    except ArgmapError as e:
        assert "\n" not in e.line()


@pytest.mark.parametrize("name", sorted(READERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_random_bytes(name: str, data: bytes) -> None:
    _only_argmap_errors(name, data)


@pytest.mark.parametrize("name", sorted(READERS))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 30), st.binary(max_size=12)),
        min_size=1,
        max_size=6,
    )
)
def test_mutations_of_valid_files(name: str, edits: list[tuple[float, int, bytes]]) -> None:
    data = VALID[name]
    for where, cut, insert in edits:
        i = int(where * len(data))
        data = data[:i] + insert + data[i + cut :]
    _only_argmap_errors(name, data)


@pytest.mark.parametrize("name", sorted(READERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list('[]<>():+-_#/*\\\n ="{}0123456789ab'))))
def test_structured_garbage(name: str, text: str) -> None:
    _only_argmap_errors(name, text.encode())


def _deep(name: str) -> bytes:
    n = 100_000
    if name == "argdown":
        return b"[A]: a\n" + b"".join(b" " * (2 * i + 2) + b"+ [x%d]\n" % i for i in range(300))
    if name == "aif":
        return b'{"nodes": ' + b"[" * n + b"]" * n + b', "edges": []}'
    if name == "graphml":
        return (
            b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a">'
            + b"<graph><node id='b'>" * 5000
            + b"</node></graph>" * 5000
            + b'<data key="d0">'
            + b"<x>" * n
            + b"</x>" * n
            + b"</data></node></graph></graphml>"
        )
    return b"<arggraph>" + b"<a>" * n + b"</a>" * n + b"</arggraph>"


@pytest.mark.timeout(120)  # a hang guard, not a speed target
@pytest.mark.parametrize("name", sorted(READERS))
def test_deep_nesting_is_refused_quickly(name: str) -> None:
    """Deep nesting ends in a one-line error, or (GraphML: nested graphs and data elements
    are legal, and nothing recurses over them) in a map of the top-level nodes; fast."""
    try:
        m = READERS[name](_deep(name), f"deep.{name}")
    except ArgmapError as e:
        assert "\n" not in e.line()
    else:
        assert name == "graphml" and [c.id for c in m.claims()] == ["a"]  # type: ignore[attr-defined]


@pytest.mark.timeout(60)  # a hang guard, not a speed target
@pytest.mark.parametrize("name", sorted(READERS))
def test_huge_input_is_refused_before_parsing(name: str) -> None:
    with pytest.raises(ArgmapError, match="too large"):
        READERS[name](b" " * (MAX_INPUT_BYTES + 1), f"huge.{name}")


@pytest.mark.parametrize("name", sorted(READERS))
def test_invalid_utf8_names_the_place(name: str) -> None:
    data = VALID[name]
    bad = data[:40] + b"\xc3\x28" + data[40:]
    with pytest.raises(ArgmapError) as info:
        READERS[name](bad, f"bad.{name}")
    assert (
        "line 1:" in info.value.line()
        or "line 2:" in info.value.line()
        or "UTF-8" in info.value.line()
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<ROOT>&lol2;</ROOT>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><ROOT>&x;</ROOT>"""


@pytest.mark.parametrize("name", ["graphml", "microtext"])
@pytest.mark.parametrize("doc", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_xml_entities_are_refused(name: str, doc: bytes) -> None:
    root = b"graphml" if name == "graphml" else b"arggraph"
    with pytest.raises(ArgmapError, match="refused"):
        READERS[name](doc.replace(b"ROOT", root), f"x.{name}")
