"""The seed maps say what their articles say (issue 15): the author's thesis stands, objections
come from the article, tags come from the corpus vocabulary, each theme sits where the article
makes it, and the overview separates real disagreements from positions that changed over time.
The choices behind this table and these maps are argued in seeds/curation/NOTES.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.formats import load_map
from argmap.model import ArgumentMap, RelationKind, Role
from argmap.model.elements import Provenance
from tests.conftest import ROOT, SEED_MAPS

THEMES = ("ukraine", "syria-alliance", "anti-us", "domestic-militants")
OVERVIEW = ROOT / "seeds" / "maps" / "overview.argmap"
CURATION = ROOT / "seeds" / "curation"
ALL_MAPS = [*SEED_MAPS, OVERVIEW]

# Which of the four themes each article makes, and the passages where it makes them: a claim
# tagged with the theme must be anchored over each passage. Themes not listed must not be tagged.
THEMES_MADE: dict[str, dict[str, tuple[str, ...]]] = {
    "000_c9735eb6699b3f22": {
        "ukraine": ("Russia’s sort of in a war with Ukraine", "financial sanctions"),
        "syria-alliance": ("Syria is Russia’s friend", "preserving Assad’s Presidency"),
        "anti-us": ("Russia would love to undermine the U.S.",),
    },
    "001_c5dc6d8d0e44d5ea": {
        "syria-alliance": ("Assad remains Russia's ally", "coordinate their bombing against IS"),
        "anti-us": ("Anti-Americanism is sadly so strong", '"long hand" of the West'),
        "domestic-militants": (
            "over 800 Russian citizens are presently fighting",
            "several terror attacks in Moscow",
        ),
    },
    "002_876227ff773313c6": {
        "ukraine": ("creating a distraction from Ukraine", "roll back its sanctions over Ukraine"),
        "syria-alliance": ("Russia builds up its military presence in Syria",),
        "anti-us": ("undermining the US.", "make the U.S. the enemy"),
    },
    "003_064fbf28dec2047d": {
        "ukraine": ("confrontation between the West and Russia over Ukraine",),
        "syria-alliance": ("indispensable elements of the global front",),
        "domestic-militants": (
            "Russian citizens are fighting in its ranks",
            "not to provoke the return of fighters",
        ),
    },
    "004_fae0be162ac578d2": {
        "ukraine": ("actions in Ukraine", "annexation of Crimea"),
        "syria-alliance": ("simply wants to protect Assad", "fate of the Syrian government"),
        "domestic-militants": ("some 2,000 Russian citizens are currently fighting",),
    },
}


def labels(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Grounded labels as `argmap evaluate --json` prints them."""
    assert main(["evaluate", "--json", str(path)]) == 0
    return dict(json.loads(capsys.readouterr().out)["labels"])


def vocabulary() -> list[dict[str, str]]:
    return list(json.loads((ROOT / "seeds" / "vocabulary.json").read_text("utf-8")))


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_the_thesis_stands_under_grounded_semantics(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = load_map(path)
    assert m.thesis is not None
    assert labels(path, capsys)[m.thesis] == "in"


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_objections_come_from_the_article_unless_marked_as_the_editors(path: Path) -> None:
    m = load_map(path)
    attackers = {
        p
        for r in m.relations()
        if r.kind in (RelationKind.ATTACK, RelationKind.UNDERCUT)
        for p in r.premises
    }
    for claim in m.claims():
        if claim.provenance is Provenance.EDITOR:
            continue
        assert claim.anchors, f"{claim.id} is neither anchored nor marked as the editor's"
    for cid in attackers:
        claim = m.claim(cid)
        assert claim.anchors or claim.provenance is Provenance.EDITOR, cid


@pytest.mark.parametrize("path", ALL_MAPS, ids=lambda p: p.stem)
def test_tags_come_from_the_corpus_vocabulary(path: Path) -> None:
    m = load_map(path)
    expected = vocabulary()
    assert [(e.tag, e.label, e.description) for e in m.vocabulary] == [
        (e["tag"], e["label"], e["description"]) for e in expected
    ]
    assert set(THEMES) <= {e.tag for e in m.vocabulary}
    allowed = {e.tag for e in m.vocabulary}
    for claim in m.claims():
        assert set(claim.tags) <= allowed, f"{claim.id}: {set(claim.tags) - allowed}"


def test_the_vocabulary_is_a_few_described_themes() -> None:
    entries = vocabulary()
    assert len({e["tag"] for e in entries}) == len(entries) <= 12
    assert all(e["label"] and len(e["description"].split()) >= 5 for e in entries)


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_each_theme_sits_on_a_claim_anchored_where_the_article_makes_it(path: Path) -> None:
    m = load_map(path)
    text = m.article(path.stem).text
    made = THEMES_MADE[path.stem]
    for theme, passages in made.items():
        tagged = [c for c in m.claims() if theme in c.tags]
        for passage in passages:
            start = text.index(passage)
            end = start + len(passage)
            assert any(a.start <= start and end <= a.end for c in tagged for a in c.anchors), (
                f"{theme!r} is on no claim anchored over {passage!r}"
            )
    present = {t for c in m.claims() for t in c.tags if t in THEMES}
    assert present == set(made), f"themes the article does not make: {present - set(made)}"


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_every_defeated_claim_is_explained_in_the_brief(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = load_map(path)
    status = labels(path, capsys)
    out = tmp_path / "brief.md"
    assert main(["brief", str(path), "-o", str(out)]) == 0
    brief = out.read_text("utf-8")
    for cid, label in status.items():
        if label == "in":
            continue
        claim = m.claim(cid)
        assert claim.text in brief
        # The brief names what defeats it, and that attacker is the article's answer.
        section = brief[brief.index(f"### {claim.text}") :]
        assert "defeated by" in section.split("\n### ")[0], cid
        answers = [
            p for r in m.relations_into(cid) if r.kind is RelationKind.ATTACK for p in r.premises
        ]
        assert answers and all(status[a] == "in" and m.claim(a).anchors for a in answers)


def test_concessions_never_defeat_the_authors_claims() -> None:
    for path in SEED_MAPS:
        m = load_map(path)
        roles = m.roles()
        qualifiers = [r for r in m.relations() if r.kind is RelationKind.QUALIFY]
        assert qualifiers, f"{path.stem} maps none of the author's concessions"
        for r in qualifiers:
            assert all(roles[p] is Role.CONCESSION for p in r.premises)
    # 000 reports no opposing view at all (issue 15): its map has no objection.
    m = load_map(SEED_MAPS[0])
    assert Role.OBJECTION not in m.roles().values()


# ---------------------------------------------------------------------- the overview


def dated(m: ArgumentMap, article_id: str) -> tuple[str, str]:
    """An article's earliest and latest possible date."""
    a = m.article(article_id)
    if a.date is not None:
        return a.date, a.date
    assert a.date_range is not None, f"{article_id} has no date"
    return a.date_range.earliest, a.date_range.latest


def articles_of(m: ArgumentMap, claim_id: str) -> set[str]:
    return {a.article for a in m.claim(claim_id).anchors}


def test_every_article_is_dated_from_its_text() -> None:
    for path in SEED_MAPS:
        a = load_map(path).article(path.stem)
        assert a.language == "en"
        if path.stem.startswith("004"):
            assert a.date == "2015-08-08" and "August 8, 2015" in a.text
        else:
            assert a.date is None and a.date_range is not None
            assert a.date_range.earliest < a.date_range.latest
            assert len(a.date_range.evidence.split()) >= 15


def test_overview_articles_carry_the_metadata_of_their_own_sources() -> None:
    overview = json.loads((CURATION / "overview.json").read_text("utf-8"))
    for meta in overview["articles"]:
        own = json.loads((CURATION / f"{meta['id']}.json").read_text("utf-8"))["article"]
        assert meta == own


def test_overview_positions_changed_over_time_are_supersessions_not_attacks() -> None:
    m = load_map(OVERVIEW)
    supersede = [r for r in m.relations() if r.kind is RelationKind.SUPERSEDE]
    assert len(supersede) >= 2
    for r in supersede:
        (later,) = r.premises
        for newer in articles_of(m, later):
            for older in articles_of(m, r.target):
                # The superseding claim's article cannot be dated before the superseded one's.
                assert dated(m, newer)[1] >= dated(m, older)[0], (r.id, newer, older)
        # A change over time is not also drawn as a contradiction.
        assert not any(
            x.kind is RelationKind.ATTACK and {*x.premises, x.target} == {later, r.target}
            for x in m.relations()
        )


def test_overview_disagreements_are_between_articles_of_the_same_time() -> None:
    m = load_map(OVERVIEW)
    disagreements = [
        r for r in m.relations() if r.kind is RelationKind.ATTACK and r.target != m.thesis
    ]
    assert disagreements
    for r in disagreements:
        sides = [articles_of(m, p) for p in r.premises], articles_of(m, r.target)
        mine = set().union(*sides[0])
        theirs = sides[1]
        assert mine and theirs and mine != theirs, r.id
        # Some article on each side could have been written at the same time as the other.
        assert any(
            dated(m, a)[0] <= dated(m, b)[1] and dated(m, b)[0] <= dated(m, a)[1]
            for a in mine
            for b in theirs
        ), r.id


def test_overview_states_what_the_articles_agree_on() -> None:
    m = load_map(OVERVIEW)
    agreements = {c.id: articles_of(m, c.id) for c in m.claims() if c.id.startswith("agree-")}
    # No combat role at the time, arms to Baghdad and Damascus, Assad's fate, a UN mandate.
    for cid in ("agree-no-combat", "agree-arms", "agree-assad", "agree-un"):
        assert len(agreements[cid]) >= 3, cid
    assert all(len(arts) >= 2 for arts in agreements.values())


def test_the_brief_credits_a_quoted_concession_and_quotes_what_backs_a_concession(
    tmp_path: Path,
) -> None:
    out = tmp_path / "002.md"
    assert main(["brief", str(SEED_MAPS[2]), "-o", str(out)]) == 0
    concessions = out.read_text("utf-8").split("## Concessions")[1].split("\n## ")[0]
    # Kupchan grants the coordination: the brief does not make it the author's concession.
    assert "- Conceded: **Russia-Iran coordination is probable" in concessions
    assert "*(according to Cliff Kupchan, Russia and Iran specialist, Eurasia Group)*" in (
        concessions
    )
    assert "- The author concedes: **Whether and how far Putin" in concessions
    out = tmp_path / "001.md"
    assert main(["brief", str(SEED_MAPS[1]), "-o", str(out)]) == 0
    concessions = out.read_text("utf-8").split("## Concessions")[1].split("\n## ")[0]
    # The author's case that the Kremlin's calm is misplaced comes with its evidence.
    assert "several terror attacks in Moscow" in concessions
