"""Markdown of maps, briefs and theme matrices: relation labels and quote sources.

The outline is parsed back line by line and every label is checked against the map's
relations, so a label chosen by global role (an objection's reason called "Objection") fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.analysis.brief import build_brief
from argmap.analysis.themes import theme_matrix
from argmap.export.html import brief_html, themes_html
from argmap.export.markdown import brief_markdown, themes_markdown, to_markdown
from argmap.model import ArgumentMap, RelationKind
from argmap.model.elements import Anchor, Article
from tests.argmap.analysis_support import SEED_MAPS, load_seed_maps

ITEM = re.compile(
    r"^( *)- \*\*(Supports|Attacks|Undercuts|Concedes|Later position|Premise|Claim):\*\* (.*)$"
)
TOGETHER = re.compile(r"^( *)- \*Together \((\d+) linked premises\) (supports|attacks|undercuts):")
KIND = {
    "Supports": "support",
    "Attacks": "attack",
    "Undercuts": "undercut",
    "Concedes": "qualify",
    "Later position": "supersede",
}


def unescape(text: str) -> str:
    """CommonMark: a backslash before ASCII punctuation is an escape."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def claim_text(rest: str) -> str:
    rest = rest.removesuffix(" (see above)")
    rest = re.sub(r" \*\(questions whether .*\)\*$", "", rest)
    rest = re.sub(r"( `#[^`]*`)+$", "", rest)
    rest = re.sub(r" — \*[^*]*\*$", "", rest)  # the byline of a claim someone else asserts
    return unescape(rest)


def check_outline_labels(m: ArgumentMap, text: str) -> int:
    """Assert every labelled child bears on its parent item as labelled; return the count."""
    by_text = {c.text: c.id for c in m.claims()}
    assert len(by_text) == m.claim_count, "claim texts must be unique to parse the outline"
    checked = 0
    stack: list[tuple[int, str, str | None]] = []  # (indent, claim id or "", together kind)
    for line in text.splitlines():
        together = TOGETHER.match(line)
        item = ITEM.match(line)
        if not (together or item):
            continue
        found = together or item
        assert found is not None
        indent = len(found.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if together:
            parent = stack[-1][1] if stack else m.thesis
            assert parent
            stack.append((indent, parent, together.group(3)[:-1]))
            continue
        assert item is not None
        label, cid = item.group(2), by_text[claim_text(item.group(3))]
        if label == "Claim":
            assert not stack, line
        else:
            parent_id = stack[-1][1] if stack else m.thesis
            kind = stack[-1][2] if label == "Premise" else KIND[label]
            assert label != "Premise" or (stack and stack[-1][2]), line
            assert parent_id is not None and kind is not None
            assert _bears_on(m, cid, parent_id, kind, linked=label == "Premise"), (
                f"{label!r} is wrong for {cid} under {parent_id}: {line.strip()[:90]}"
            )
            checked += 1
        stack.append((indent, cid, None))
    return checked


def _bears_on(m: ArgumentMap, child: str, parent: str, kind: str, *, linked: bool) -> bool:
    for rel in m.relations_from(child):
        if rel.kind.value != kind or (len(rel.premises) > 1) != linked:
            continue
        if rel.kind is RelationKind.UNDERCUT:
            # An undercut is listed under a premise of the inference it questions.
            if parent in m.relation(rel.target).premises:
                return True
        elif rel.target == parent:
            return True
    return False


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_outline_labels_each_child_by_its_relation_to_the_item_above(path: Path) -> None:
    m = next(x for x, p in zip(load_seed_maps(), SEED_MAPS, strict=True) if p == path)
    text = to_markdown(m)
    checked = check_outline_labels(m, text)
    assert checked >= m.relation_count * 0.8  # nearly every relation shows as a labelled item
    if path.stem == "overview":
        # The example: objections under a reason read "Attacks", not "Reason".
        block = text.split("Hostility to the US keeps Russia out", 1)[1].split("\n- ", 1)[0]
        assert "**Attacks:**" in block and "**Reason:**" not in text


def test_outline_of_linked_premises_and_undercuts() -> None:
    m = ArgumentMap("Demo")
    for i, text in enumerate(["Thesis", "First half", "Second half", "But the step fails"]):
        m.add_claim(text, id=f"c{i}")
    m.update_map(thesis="c0")
    linked = m.connect(["c1", "c2"], "c0", "support")
    m.connect(["c3"], linked.id, "undercut")
    text = to_markdown(m)
    assert "- *Together (2 linked premises) supports:*" in text
    assert "  - **Premise:** First half" in text and "  - **Premise:** Second half" in text
    assert check_outline_labels(m, text) == 3
    assert "**Undercuts:** But the step fails *(questions whether" in text


def _quoted_map() -> ArgumentMap:
    """A map quoting one article with a title and one with neither title nor outlet."""
    m = ArgumentMap("Sources")
    m.add_article(Article("named", "Tea is warm.", title="On tea", outlet="The Cup"))
    m.add_article(Article("bare-007", "Coffee is bitter."))
    m.add_claim("Tea is good", id="t", anchors=(Anchor("named", 0, 12, "Tea is warm."),))
    m.add_claim(
        "Coffee is worse",
        id="c",
        tags=("drinks",),
        anchors=(Anchor("bare-007", 0, 17, "Coffee is bitter."),),
    )
    m.connect(["c"], "t", "attack")
    m.update_map(thesis="t")
    return m


def _quote_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if re.match(r"^ *> \S", ln)]


def test_every_quote_names_its_source_falling_back_to_the_article_id() -> None:
    m = _quoted_map()
    for text in (to_markdown(m), brief_markdown(build_brief(m))):
        lines = _quote_lines(text)
        assert len(lines) >= 2
        assert all(re.search(r" — \*.+\*$", ln) for ln in lines), lines
        plain = unescape(text)
        assert "“Tea is warm.” — *On tea, The Cup*" in plain
        assert "“Coffee is bitter.” — *article bare-007*" in plain
    m2 = _quoted_map()
    m2.update_claim("t", tags=("drinks",))
    matrix = theme_matrix([("a", m), ("b", m2)])
    md = unescape(themes_markdown(matrix))
    assert "“Coffee is bitter.” — *article bare-007*" in md
    assert "“Tea is warm.” — *On tea, The Cup*" in md
    assert "<cite>— article bare-007</cite>" in themes_html(matrix)
    assert "<cite>— article bare-007</cite>" in brief_html(build_brief(m))


def test_every_quote_of_the_overview_outline_names_a_source() -> None:
    m = next(x for x, p in zip(load_seed_maps(), SEED_MAPS, strict=True) if p.stem == "overview")
    lines = _quote_lines(to_markdown(m))
    assert len(lines) == sum(len(c.anchors) for c in m.claims())
    assert all(re.search(r" — \*[^*]+\*$", ln) for ln in lines)
