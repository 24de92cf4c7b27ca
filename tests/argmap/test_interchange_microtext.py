"""The argumentative microtext corpus (read at test time from ../shared/corpora, never copied)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest

from argmap.errors import ArgmapError
from argmap.formats import detect
from argmap.formats.common import collecting_losses
from argmap.formats.microtext import read
from tests.argmap.interchange_helpers import corpora_dir

CORPUS = corpora_dir() / "arg-microtexts" / "corpus" / "en"
FILES = sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []


def _expected(path: Path) -> dict:
    """Counts straight from the XML, computed independently of the reader."""
    root = DET.parse(path).getroot()
    edges = root.findall("edge")
    adus = [a.get("id") for a in root.findall("adu")]
    sources = {e.get("src") for e in edges if e.get("type") != "seg"}
    kinds = Counter(e.get("type") for e in edges)
    return {
        "adus": len(adus),
        "thesis": [a for a in adus if a not in sources],
        "support": kinds["sup"] + kinds["exa"],
        "attack": kinds["reb"],
        "undercut": kinds["und"],
        "add": kinds["add"],
    }


def test_corpus_is_complete_or_skip_with_reason() -> None:
    if not FILES:
        pytest.skip(f"microtext corpus not found at {CORPUS} (set ARGMAP_CORPORA)")
    assert len(FILES) == 112


_MISSING = f"microtext corpus not found at {CORPUS} (set ARGMAP_CORPORA)"


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, id=p.stem) for p in FILES]
    or [pytest.param(None, id="no-corpus", marks=pytest.mark.skip(reason=_MISSING))],
)
def test_every_english_microtext_imports_with_the_xml_counts(path: Path) -> None:
    exp = _expected(path)
    with collecting_losses() as lost:
        m = read(path.read_bytes(), str(path))
    assert lost == []
    assert m.claim_count == exp["adus"]
    assert [m.thesis] == exp["thesis"]
    kinds = Counter(r.kind.value for r in m.relations())
    assert kinds["support"] == exp["support"]
    assert kinds["attack"] == exp["attack"]
    assert kinds["undercut"] == exp["undercut"]
    # every add edge put one extra premise into some relation
    assert sum(len(r.premises) - 1 for r in m.relations()) == exp["add"]
    # every claim is anchored to its EDUs' exact text in the embedded article
    text = (path.with_suffix(".txt")).read_text(encoding="utf-8")
    (article,) = m.articles()
    assert article.text == text
    for c in m.claims():
        assert c.anchors
        for a in c.anchors:
            assert text[a.start : a.end] == a.quote
        assert " ".join(" ".join(a.quote.split()) for a in c.anchors) == c.text


def test_b001_structure_by_hand() -> None:
    """micro_b001 read by a person: a5 is the thesis, a1 attacks it, a2 supports a1,
    a3 and a4 together undercut the attack a1 → a5."""
    path = CORPUS / "micro_b001.xml"
    if not path.exists():
        pytest.skip(f"microtext corpus not found at {CORPUS}")
    m = read(path.read_bytes(), str(path))
    assert m.thesis == "a5"
    rel = {r.id: r for r in m.relations()}
    assert (rel["c1"].kind.value, rel["c1"].premises, rel["c1"].target) == ("attack", ("a1",), "a5")
    assert (rel["c3"].kind.value, rel["c3"].premises, rel["c3"].target) == (
        "undercut",
        ("a3", "a4"),
        "c1",
    )
    assert m.role("a1") == "objection" and m.role("a3") == "rebuttal"
    assert m.claim("a1").tags == ("opponent",)


def test_detected_by_content_with_xml_extension() -> None:
    if not FILES:
        pytest.skip(f"microtext corpus not found at {CORPUS}")
    assert detect(FILES[0], FILES[0].read_bytes()).name == "microtext"


def test_without_text_file_the_edus_make_the_text(tmp_path: Path) -> None:
    xml = (
        b'<arggraph id="t1"><edu id="e1">We should.</edu><edu id="e2">Because.</edu>'
        b'<adu id="a1" type="pro"/><adu id="a2" type="pro"/>'
        b'<edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>'
        b'<edge id="c3" src="a2" trg="a1" type="sup"/></arggraph>'
    )
    m = read(xml, str(tmp_path / "t1.xml"))
    (article,) = m.articles()
    assert article.text == "We should. Because."
    assert m.claim("a2").anchors[0].quote == "Because."
    assert m.thesis == "a1"


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<arggraph id='x'><adu id='a1' type='maybe'/></arggraph>", "not pro or opp"),
        (
            b"<arggraph id='x'><edu id='e1'>x</edu><adu id='a1' type='pro'/></arggraph>",
            "not grounded",
        ),
        (b"<other/>", "not a microtext"),
        (b"<arggraph id='x'><edu id='e1'>x</edu>", "line 1:"),
    ],
)
def test_malformed_microtext_is_one_line_error(xml: bytes, message: str) -> None:
    with pytest.raises(ArgmapError) as info:
        read(xml, "bad.xml")
    assert message in info.value.line()
    assert "\n" not in info.value.line()


def test_joint_of_two_edus_makes_one_claim_with_two_anchors(tmp_path: Path) -> None:
    """The DTD's joints (none in the English texts): two EDUs that only count together."""
    xml = (
        b'<arggraph id="j1"><edu id="e1">Taxes are high,</edu><edu id="e2">and rising.</edu>'
        b'<edu id="e3">So cut them.</edu><joint id="j1"/>'
        b'<adu id="a1" type="pro"/><adu id="a2" type="pro"/>'
        b'<edge id="c1" src="e1" trg="j1" type="seg"/><edge id="c2" src="e2" trg="j1" type="seg"/>'
        b'<edge id="c3" src="j1" trg="a1" type="seg"/><edge id="c4" src="e3" trg="a2" type="seg"/>'
        b'<edge id="c5" src="a1" trg="a2" type="sup"/></arggraph>'
    )
    (tmp_path / "j1.txt").write_text("Taxes are high, and rising.\nSo cut them.\n")
    m = read(xml, str(tmp_path / "j1.xml"))
    assert m.claim("a1").text == "Taxes are high, and rising."
    assert [(a.start, a.end) for a in m.claim("a1").anchors] == [(0, 15), (16, 27)]
    assert m.claim("a2").anchors[0].quote == "So cut them."
    assert m.thesis == "a2"
