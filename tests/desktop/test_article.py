"""The article panel: highlights equal the anchors (also past the BMP), clicks select claims,
and selections become claims or anchors with the exact quote and span."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from argmap.formats import native
from argmap.model import Anchor, ArgumentMap, Article
from tests.desktop.conftest import SEEDS, click_claim

# Astral characters (two UTF-16 units each) before and inside the anchored passages.
NON_BMP = "Intro 😀 text. 𝒳 marks the spot 🎉 here. Then 中文 and 𠀋 more; end 🙂."


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and out[-1][1] >= s:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _non_bmp_file(tmp_path: Path) -> tuple[Path, dict[str, Anchor]]:
    m = ArgumentMap("Emoji")
    m.add_article(Article("art", NON_BMP, "Emoji article"))
    spans = {
        "a": (NON_BMP.index("𝒳"), NON_BMP.index(" here")),
        "b": (NON_BMP.index("𠀋"), NON_BMP.index(" more")),
        "c": (NON_BMP.index("end"), len(NON_BMP)),
    }
    anchors = {}
    for i, (cid, (s, e)) in enumerate(spans.items()):
        anchors[cid] = m.article("art").anchor(s, e)
        m.add_claim(f"Claim {cid}", id=cid, anchors=[anchors[cid]], position=(100 + 250 * i, 100))
    path = tmp_path / "emoji.argmap"
    native.save(m, path)
    return path, anchors


@pytest.mark.parametrize("seed", SEEDS[:3], ids=lambda p: p.stem[:3])
def test_highlights_equal_anchors_on_seed_maps(make_window, seed) -> None:  # type: ignore[no-untyped-def]
    w = make_window(seed)
    m = w.current.doc.map
    panel = w.article
    expected = _merged(
        [(a.start, a.end) for c in m.claims() for a in c.anchors if a.article == panel.article_id]
    )
    assert expected, "seed maps are anchored"
    # Exactly the anchored characters are highlighted, no more, no fewer.
    assert panel.highlighted_ranges() == expected


def test_highlights_and_selection_past_the_bmp(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, anchors = _non_bmp_file(tmp_path)
    w = make_window(path)
    panel = w.article
    assert panel.highlighted_ranges() == _merged([(a.start, a.end) for a in anchors.values()])
    # What Qt highlights is exactly the quote (UTF-16 positions converted correctly).
    for a in anchors.values():
        click_claim(w, next(c for c, x in anchors.items() if x == a))
        (sel,) = panel.text.extraSelections()
        assert sel.cursor.selectedText() == a.quote
        assert panel.emphasised_spans() == [(a.start, a.end)]
    # Select a passage after astral characters and make a claim of it.
    s, e = NON_BMP.index("中文"), NON_BMP.index(" more")
    panel.select_span(s, e)
    assert panel.text.textCursor().selectedText() == NON_BMP[s:e]
    QTest.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    m = w.current.doc.map
    new = [c for c in m.claims() if c.id not in anchors]
    assert len(new) == 1
    assert new[0].anchors == (Anchor("art", s, e, NON_BMP[s:e]),)
    assert new[0].text == NON_BMP[s:e]
    assert (s, e) in panel.highlighted_ranges()
    assert w.current.doc.undo_stack.count() == 1


def test_new_claim_from_selection_on_a_seed(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    m = w.current.doc.map
    panel = w.article
    text = m.article(panel.article_id).text
    s = text.index("Russia wants to help Iraq fight terrorism")
    e = s + len("Russia wants to help Iraq fight terrorism")
    panel.select_span(s, e)
    before = m.copy()
    QTest.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    (new,) = [c for c in m.claims() if not before.has_claim(c.id)]
    assert new.anchors == (Anchor(panel.article_id, s, e, text[s:e]),)
    assert new.id in w.current.scene.claim_items
    w.current.doc.undo_stack.undo()
    assert m == before


def test_anchor_to_selection_reanchors_selected_claim(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, anchors = _non_bmp_file(tmp_path)
    w = make_window(path)
    click_claim(w, "a")
    s, e = NON_BMP.index("Then"), NON_BMP.index(" and")
    w.article.select_span(s, e)
    assert w.article.anchor_button.isEnabled()
    QTest.mouseClick(w.article.anchor_button, Qt.MouseButton.LeftButton)
    m = w.current.doc.map
    assert m.claim("a").anchors == (Anchor("art", s, e, "Then 中文"),)
    w.current.doc.undo_stack.undo()
    assert m.claim("a").anchors == (anchors["a"],)


def test_selecting_a_claim_emphasises_and_clicking_a_passage_selects(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, anchors = _non_bmp_file(tmp_path)
    w = make_window(path)
    click_claim(w, "b")
    assert w.article.emphasised == "b"
    assert (
        w.article.offsets.to_codepoint(w.article.text.textCursor().position()) == anchors["b"].start
    )
    # Click inside passage "c" in the text: claim c gets selected on the canvas.
    panel = w.article
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(panel.offsets.to_utf16(anchors["c"].start + 1))
    point = panel.text.cursorRect(cursor).center()
    QTest.mouseClick(panel.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert w.current.scene.selected_claims() == ["c"]


def test_big_map_article_loads_after_the_canvas_paints(make_window, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from bench.generate import generate_map

    m = generate_map(1_200, seed=3)
    path = tmp_path / "big.argmap"
    native.save(m, path)
    w = make_window(path)
    panel = w.article
    qtbot.waitUntil(lambda: panel.article_id is not None, timeout=10_000)
    assert w.current.view.painted
    expected = _merged([(a.start, a.end) for c in m.claims() for a in c.anchors])
    assert panel.highlighted_ranges() == expected


def test_article_header_shows_outlet_author_date_range_and_language(make_window) -> None:  # type: ignore[no-untyped-def]
    sample = Path(__file__).resolve().parents[1] / "data" / "formats" / "argmap-v2.argmap"
    w = make_window(sample)
    panel = w.article
    assert panel.meta.isVisible()
    assert panel.meta.text() == "Sample outlet · between 2015-08-01 and 2015-08-31 · en"
    assert panel.meta.toolTip() == "mentions the August talks"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_page_furniture_is_dimmed_while_text_and_anchors_stay(make_window, seed) -> None:  # type: ignore[no-untyped-def]
    from argmap.furniture import furniture_spans

    w = make_window(seed)
    m = w.current.doc.map
    panel = w.article
    article = m.article(panel.article_id)
    # The panel shows the seed text as it is, furniture included (byte for byte on disk).
    shown = panel.text.document().toRawText().replace("\u2029", "\n")  # raw: keeps NBSPs
    assert shown == article.text.replace("\r", " ")
    source = (seed.parent.parent / "articles" / f"{seed.stem}.txt").read_bytes()
    assert source == article.text.encode("utf-8")
    expected = [(s.start, s.end) for s in furniture_spans(article.text)]
    assert panel.dimmed_ranges() == _merged(expected)
    if seed.stem.startswith("000"):
        dimmed = [article.text[s:e] for s, e in panel.dimmed_ranges()]
        assert "8096559668_063cfb39a3_b" in dimmed and "Thought Catalog Logo Mark" in dimmed
    # Anchored passages keep their highlight exactly where the anchors say.
    anchored = _merged(
        [(a.start, a.end) for c in m.claims() for a in c.anchors if a.article == panel.article_id]
    )
    assert panel.highlighted_ranges() == anchored


def test_library_tooltips_give_the_seed_articles_outlet_and_date(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    group = w.library.seed_group
    tips = {
        group.child(i).toolTip(0).splitlines()[-1]: group.child(i).toolTip(0)
        for i in range(group.childCount())
    }
    dw = next(t for name, t in tips.items() if name.startswith("004_"))
    assert "DW · 2015-08-08 · en" in dw.splitlines()
    # An article dated by a range shows the range.
    arabiya = next(t for name, t in tips.items() if name.startswith("003_"))
    assert "Al Arabiya English · Maria Dubovikova · between 2014-10-03 and 2014-10-31 · en" in (
        arabiya.splitlines()
    )
