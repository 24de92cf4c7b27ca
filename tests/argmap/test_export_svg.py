"""SVG export: valid standalone XML that renders cleanly, shows every claim where the layout put
it, and carries the exact map in its metadata, whatever the labels contain."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.export.svg import ARGMAP_NS, SVG_NS, read_embedded_map, to_svg
from argmap.formats import load_map, native
from argmap.layout.drawing import build_drawing
from argmap.model import ArgumentMap

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds" / "maps").glob("*.argmap"))
S = f"{{{SVG_NS}}}"
A = f"{{{ARGMAP_NS}}}"


def claim_groups(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {
        g.get(A + "id"): g for g in root.iter(S + "g") if "claim" in (g.get("class") or "").split()
    }


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_svg_is_valid_and_shows_every_claim_where_the_layout_put_it(path: Path) -> None:
    m = native.load(path)
    svg = to_svg(m)
    root = ElementTree.fromstring(svg.encode())
    assert root.tag == S + "svg" and root.get("viewBox")
    assert root.find(S + "title").text == m.title
    assert root.find(S + "desc") is not None
    assert "href" not in svg  # standalone: no external references
    groups = claim_groups(root)
    assert set(groups) == {c.id for c in m.claims()}
    for claim in m.claims():
        g = groups[claim.id]
        x, y = (
            float(v)
            for v in re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", g.get("transform")).groups()
        )
        rect = g.find(S + "rect")
        cx, cy = x + float(rect.get("width")) / 2, y + float(rect.get("height")) / 2
        assert claim.position == pytest.approx((cx, cy), abs=0.011)
        label = g.find(S + "text[@class='label']")
        shown = "".join(t.text or "" for t in label.iter(S + "tspan"))
        assert "".join(shown.split()) == "".join(claim.text.split())
        assert g.find(S + "title").text.endswith(claim.text)
    relations = {
        g.get(A + "id") for g in root.iter(S + "g") if "relation" in (g.get("class") or "")
    }
    assert relations == {r.id for r in m.relations()}
    assert read_embedded_map(svg.encode()) == m


@pytest.mark.skipif(
    shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is not installed"
)
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_svg_renders_without_warnings_in_librsvg(path: Path, tmp_path: Path) -> None:
    svg = tmp_path / "map.svg"
    svg.write_text(to_svg(native.load(path)), encoding="utf-8")
    done = subprocess.run(
        ["rsvg-convert", "-o", str(tmp_path / "map.png"), str(svg)], capture_output=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == b""
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")


def test_same_map_same_bytes() -> None:
    m = native.load(SEEDS[2])
    assert to_svg(m) == to_svg(native.load(SEEDS[2]))


def test_argmap_show_and_validate_read_the_svg(tmp_path: Path) -> None:
    m = native.load(SEEDS[3])
    path = tmp_path / "diagram.svg"
    path.write_text(to_svg(m), encoding="utf-8")
    assert load_map(path) == m
    from argmap.cli import main

    assert main(["validate", str(path)]) == 0
    assert main(["show", str(path)]) == 0


def test_svg_without_a_map_or_broken_is_one_clear_error(tmp_path: Path) -> None:
    plain = tmp_path / "plain.svg"
    plain.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    with pytest.raises(ArgmapError, match="holds no argmap map"):
        load_map(plain)
    broken = tmp_path / "broken.svg"
    broken.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')
    with pytest.raises(ArgmapError, match=r"not well-formed SVG XML") as info:
        load_map(broken)
    assert "line 1:" in info.value.line()
    bomb = tmp_path / "bomb.svg"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><title>&b;</title></svg>'
    )
    with pytest.raises(ArgmapError, match="XML entities are refused"):
        load_map(bomb)


HOSTILE = [
    "quotes \" and ' and <tags> & ampersands",
    "back\\slashes \\n and {braces} and ]]> and </svg>",
    "line one\nline two\r\nline three\ttabbed",
    "emoji 🗺️👍🏽 and RTL: العربية עברית mixed",
    "controls \x00\x01\x07\x0b\x0c\x1b\x7f\x85\ufffe\uffff end",
    "x" * 300,
]

labels = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60)


def labelled_map(texts: list[str], title: str) -> ArgumentMap:
    m = ArgumentMap(title, description=title[::-1])
    for i, text in enumerate(texts):
        tags = [t for t in (text.strip()[:10],) if t.strip()]
        m.add_claim(text, id=f"c{i}", tags=tags, notes=text, position=(i * 300.0, (i % 3) * 150.0))
    for i in range(1, len(texts)):
        m.connect([f"c{i}"], "c0", "attack" if i % 2 else "support")
    if len(texts) > 2:
        m.connect([f"c{len(texts) - 1}"], "r1", "undercut")
    m.update_map(thesis="c0")
    return m


def check_round_trip(m: ArgumentMap) -> None:
    svg = to_svg(m)
    root = ElementTree.fromstring(svg.encode("utf-8"))  # valid XML
    meta = root.find(S + "metadata")
    assert meta is not None and meta.get(A + "format") == "argmap" and len(meta) == 0
    back = read_embedded_map(svg.encode("utf-8"))
    assert back == m
    # Diagrams written before the map moved into <metadata>'s own text still open.
    old = re.sub(
        r'<metadata id="argmap-map" argmap:format="argmap" argmap:version="(\d+)">(.*)</metadata>',
        r'<metadata><argmap:map format="argmap" version="\1">\2</argmap:map></metadata>',
        svg,
        flags=re.S,
    )
    assert old != svg and read_embedded_map(old.encode("utf-8")) == m
    assert [back.claim(c.id).text for c in m.claims()] == [c.text for c in m.claims()]


def test_hostile_labels_survive() -> None:
    check_round_trip(labelled_map(HOSTILE, 'Title with <&> "quotes" \x01 and 🗺️'))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(labels, min_size=1, max_size=5), labels)
def test_any_labels_survive_svg_and_its_embedded_map(texts: list[str], title: str) -> None:
    check_round_trip(labelled_map(texts, title))


def test_long_words_and_newlines_stay_inside_their_box() -> None:
    m = labelled_map(["a" * 120, "first line\n\nthird line", "short"], "Boxes")
    d = build_drawing(m)
    root = ElementTree.fromstring(to_svg(m).encode())
    groups = claim_groups(root)
    for cid, node in d.nodes.items():
        tspans = list(groups[cid].iter(S + "tspan"))
        assert len(tspans) == len(node.box.lines)
        for t, line in zip(tspans, node.box.lines, strict=True):
            assert float(t.get("y")) == pytest.approx(line.baseline, abs=0.01)
            assert float(t.get("y")) < node.height


@pytest.mark.skipif(
    shutil.which("rsvg-convert") is None, reason="rsvg-convert (librsvg2-bin) is not installed"
)
def test_hostile_labels_render_without_warnings(tmp_path: Path) -> None:
    svg = tmp_path / "hostile.svg"
    svg.write_text(to_svg(labelled_map(HOSTILE, "<&>")), encoding="utf-8")
    done = subprocess.run(
        ["rsvg-convert", "-o", str(tmp_path / "h.png"), str(svg)], capture_output=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == b""


def _showable(ch: str) -> bool:
    """What the SVG keeps of a label: no C0/C1 controls (tab and newline excepted), no
    non-characters U+FFFE/U+FFFF."""
    o = ord(ch)
    return not (o <= 0x08 or 0x0B <= o <= 0x1F or 0x7F <= o <= 0x9F or o in (0xFFFE, 0xFFFF))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.sampled_from(HOSTILE))
def test_escaped_text_reads_back_as_its_showable_characters(text: str) -> None:
    """``esc`` (plain text takes a shortcut) gives XML that reads back as the label's
    showable characters, tabs as spaces, in text and in attributes alike."""
    from argmap.export.svg import esc

    el = ElementTree.fromstring(f'<t a="{esc(text)}">{esc(text)}</t>'.encode())
    expected = "".join(" " if ch == "\t" else ch for ch in text if _showable(ch))
    assert el.get("a") == expected
    assert (el.text or "") == expected
