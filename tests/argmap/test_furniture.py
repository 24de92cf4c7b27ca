"""Page furniture in the seed articles is found, and nothing of an argument is taken for it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from argmap.formats import native
from argmap.furniture import furniture_spans
from tests.argmap.interchange_helpers import corpora_dir

ROOT = Path(__file__).resolve().parent.parent.parent
MAPS = sorted((ROOT / "seeds" / "maps").glob("[0-9]*.argmap"))


def _found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in furniture_spans(text)]


# What a reader of each seed article should see dimmed (checked by eye against the pages).
EXPECTED_SOME = {
    "000": [
        "By",
        "8096559668_063cfb39a3_b",
        "Thought Catalog Logo Mark",
        "featured image – thierry ehrmann",
    ],
    "001": [
        "[personal profile] nairiporter",
        "S M T W T F S",
        "2930",
        "Powered by Dreamwidth Studios",
    ],
    "002": [
        "U.S. Markets closed",
        "• S&P 500",
        "+58.34 (+1.40%)",
        "Putin Abadi",
        "(Kirill Kudryavtsev/Pool/Reuters)",
        "(REUTERS/Kevin Lamarque)",
        "More From Business Insider",
    ],
    "003": ["Enable Read mode", "100% Font Size", "Top Content Trending"],
    "004": [],
}


@pytest.mark.parametrize("path", MAPS, ids=[p.stem[:3] for p in MAPS])
def test_seed_article_furniture_is_found_and_never_an_anchored_passage(path: Path) -> None:
    m = native.load(path)
    (article,) = m.articles()
    found = _found(article.text)
    for piece in EXPECTED_SOME[path.stem[:3]]:
        assert piece in found
    if path.stem.startswith("004"):
        assert found == []
    spans = furniture_spans(article.text)
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    for claim in m.claims():
        for anchor in claim.anchors:
            for s in spans:
                assert anchor.end <= s.start or s.end <= anchor.start, (claim.id, s)


def test_whole_paragraph_spans_keep_the_line_and_the_offsets() -> None:
    text = "Intro.\n\n  IMG_2041.jpg  \nIt works, as the Thought Catalog Logo Mark\n"
    spans = furniture_spans(text)
    assert [(text[s.start : s.end], s.reason) for s in spans] == [
        ("IMG_2041.jpg", "image file name"),
        ("Thought Catalog Logo Mark", "logo mark"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "1. Russia’s sort of in a war with Ukraine",
        "Global freezing",
        'Lavrov presents "Putin\'s Plan"',
        "From the Caucasus to Syria",
        "By the end of 2014, Russia had changed course.",
        "The logo was on every flag.",
        "snake_case_name",
        "2015",
        "Share prices fell after the vote.",
        "Photo opportunities were all the Kremlin wanted.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert _found(f"Some text.\n\n{line}\n\nMore text.\n") == []


def test_no_furniture_in_argumentative_microtexts() -> None:
    """Others' argumentative texts (the arg-microtexts corpus) are argument throughout."""
    texts = sorted((corpora_dir() / "arg-microtexts" / "corpus" / "en").glob("*.txt"))
    assert len(texts) > 100
    for path in texts:
        assert _found(path.read_text(encoding="utf-8")) == [], path.name
