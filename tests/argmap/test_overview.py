"""The overview map joins the five seed articles; multi-article curation sources build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.formats import load_map
from argmap.model import RelationKind
from argmap.model.validation import validate_map
from seeds import build

ROOT = Path(__file__).resolve().parents[2]
OVERVIEW = ROOT / "seeds" / "maps" / "overview.argmap"
ARTICLES = sorted(p.stem for p in (ROOT / "seeds" / "articles").glob("*.txt"))


def test_overview_validates_and_is_anchored_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(OVERVIEW)]) == 0
    capsys.readouterr()
    m = load_map(OVERVIEW)
    assert [p for p in validate_map(m) if p.severity == "error"] == []
    assert sorted(a.id for a in m.articles()) == ARTICLES
    assert m.thesis is not None and "join the US-led coalition" in m.claim(m.thesis).text
    for c in m.claims():
        assert c.anchors, f"{c.id} has no anchor"
        for a in c.anchors:
            assert m.article(a.article).text[a.start : a.end] == a.quote
    # Every article is quoted, and shared theme claims are anchored in several articles.
    assert {a.article for c in m.claims() for a in c.anchors} == set(ARTICLES)
    themes = ("ukraine", "syria-alliance", "anti-us", "domestic-militants")
    for theme in themes:
        tagged = [c for c in m.claims() if theme in c.tags]
        assert tagged, theme
    assert any(len({a.article for a in c.anchors}) >= 3 for c in m.claims())
    # Each article's thesis is a position directly related to the question.
    direct = {p for r in m.relations_into(m.thesis) for p in r.premises}
    positions = [c for c in m.claims() if c.id.startswith("pos-")]
    assert len(positions) == 5 and all(p.id in direct for p in positions)
    # Agreements and contradictions between articles are relations between their claims.
    kinds = {r.kind for r in m.relations() if all(p.startswith("pos-") for p in r.premises)}
    assert {RelationKind.SUPPORT, RelationKind.ATTACK} <= kinds


def test_overview_is_built_from_its_curation_source() -> None:
    source = json.loads((ROOT / "seeds" / "curation" / "overview.json").read_text("utf-8"))
    built = build.build_map(source)
    assert build.without_layout(built) == build.without_layout(load_map(OVERVIEW))


def test_multi_article_quote_must_name_a_known_article() -> None:
    source = {
        "articles": [{"id": ARTICLES[0]}, {"id": ARTICLES[1]}],
        "thesis": "t",
        "claims": [{"id": "t", "text": "T", "quotes": ["Russia"]}],
        "relations": [],
    }
    with pytest.raises(ArgmapError, match="names no article"):
        build.build_map(source)
