"""What a map says of its articles: concessions, changed positions, attribution, provenance,
article dates and the tag vocabulary (issue 15's model)."""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis import evaluate
from argmap.analysis.acceptability import build_framework, grounded_map_labels
from argmap.analysis.brief import build_brief
from argmap.analysis.dung import grounded_indices
from argmap.errors import MapFileError
from argmap.export.html import brief_html as render_html
from argmap.export.markdown import brief_markdown as render_markdown
from argmap.formats import native
from argmap.model import ArgumentMap, Article, RelationKind, Role
from argmap.model.elements import (
    Attribution,
    AttributionKind,
    DateRange,
    Provenance,
    VocabularyEntry,
)
from argmap.model.history import Recorder, undo
from argmap.model.provenance import without_editor
from argmap.model.validation import validate_map
from tests.argmap.test_acceptability import random_map
from tests.conftest import ROOT

NEUTRAL = ("qualify", "supersede")


def with_neutral_relations(m: ArgumentMap, rng: random.Random) -> ArgumentMap:
    """``m`` plus random qualify and supersede relations (linked ones too)."""
    out = m.copy()
    ids = [c.id for c in out.claims()]
    for _ in range(rng.randint(1, 8)):
        premises = rng.sample(ids, min(len(ids), rng.choice([1, 1, 2])))
        with contextlib.suppress(ValueError, KeyError):  # a self-loop: refused
            out.connect(premises, rng.choice(ids), rng.choice(NEUTRAL))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_qualify_and_supersede_never_change_any_label(rng: random.Random) -> None:
    m = random_map(rng)
    n = with_neutral_relations(m, rng)
    for semantics in ("grounded", "preferred", "stable"):
        before = evaluate(m, semantics)  # type: ignore[arg-type]
        after = evaluate(n, semantics)  # type: ignore[arg-type]
        assert after.labels == before.labels
        assert after.extensions == before.extensions
    # The linear-time grounded labelling agrees with the framework's with them present.
    mf = build_framework(n)
    g = grounded_indices(mf.af)
    claims, _ = grounded_map_labels(n)
    assert claims == [g[i] for i in mf.claims]


def article_map() -> ArgumentMap:
    m = ArgumentMap("Fidelity")
    text = "Russia will fight IS. Coordination with Iran is likely. Critics say it is a bluff."
    m.add_article(
        Article(
            "a",
            text,
            "T",
            date_range=DateRange("2015-08-01", "2015-08-31", "mentions August talks"),
            language="en",
        )
    )
    m.add_claim("Russia will fight IS.", id="t", anchors=[m.article("a").anchor(0, 21)])
    m.add_claim(
        "Coordination with Iran is likely.", id="q", anchors=[m.article("a").anchor(22, 55)]
    )
    m.add_claim("It is a bluff.", id="o", anchors=[m.article("a").anchor(56, 82)])
    m.add_claim("Russia lacks the means.", id="e")
    m.connect(["q"], "t", "qualify", id="r1")
    m.connect(["o"], "t", "attack", id="r2")
    m.connect(["e"], "t", "attack", id="r3")
    m.update_map(thesis="t")
    m.update_claim("o", attribution=Attribution(AttributionKind.REPORTED, "critics"))
    m.update_claim("e", provenance="editor")
    return m


def test_roles_of_concessions_and_later_positions() -> None:
    m = article_map()
    assert m.role("q") is Role.CONCESSION and m.role("o") is Role.OBJECTION
    m.add_claim("Russia now wants a coalition.", id="later")
    m.connect(["later"], "o", "supersede")
    assert m.role("later") is Role.OBJECTION  # a later statement of the same position


def test_unanchored_objection_must_be_the_editors() -> None:
    m = article_map()
    assert [p.code for p in validate_map(m)] == []
    m.update_claim("e", provenance=Provenance.ARTICLE)
    problems = validate_map(m)
    assert [(p.code, p.id, p.severity) for p in problems] == [
        ("unanchored-objection", "e", "warning")
    ]
    # A concession without an anchor is not an objection: nothing to report.
    m.update_claim("e", provenance="editor")
    m.add_claim("Unanchored concession.", id="c2")
    m.connect(["c2"], "t", "qualify")
    assert validate_map(m) == []


def test_tags_outside_the_vocabulary_are_warned_about() -> None:
    m = article_map()
    m.update_claim("q", tags=["syria-alliance", "iran"])
    assert validate_map(m) == []  # no vocabulary: any tag goes
    m.update_map(
        vocabulary=[VocabularyEntry("syria-alliance", "Syria alliance", "Russia, Iran, Assad")]
    )
    problems = validate_map(m)
    assert [(p.code, p.place, p.severity) for p in problems] == [
        ("unknown-tag", "$.claims[1].tags[1]", "warning")
    ]


def test_article_dates_and_language_are_checked_softly() -> None:
    m = ArgumentMap.from_values(
        articles=[
            Article("a", "x", date="8 August 2015"),
            Article("b", "y", date_range=DateRange("2015-09-01", "2015-08-01"), language="e n"),
        ]
    )
    got = [(p.code, p.id, p.severity) for p in validate_map(m)]
    assert got == [
        ("date-format", "a", "warning"),
        ("date-range", "b", "warning"),
        ("language", "b", "warning"),
    ]


def test_new_fields_round_trip_exactly_through_the_native_format() -> None:
    m = article_map()
    m.update_map(vocabulary=[VocabularyEntry("x", "X", "ex")])
    m.update_claim(
        "q", attribution=Attribution(AttributionKind.NAMED, "Sergei Lavrov", "Russian FM")
    )
    m.add_claim("Later view.", id="l")
    m.connect(["l"], "q", "supersede", id="r9")
    data = native.dump_bytes(m)
    back = native.loads(data)
    assert back == m and native.dump_bytes(back) == data
    assert back.claim("q").attribution == Attribution(
        AttributionKind.NAMED, "Sergei Lavrov", "Russian FM"
    )
    assert back.claim("e").provenance is Provenance.EDITOR
    dates = DateRange("2015-08-01", "2015-08-31", "mentions August talks")
    assert back.article("a").date_range == dates
    assert back.article("a").language == "en"
    assert back.relation("r1").kind is RelationKind.QUALIFY
    assert back.relation("r9").kind is RelationKind.SUPERSEDE


@pytest.mark.parametrize(
    ("attribution", "message"),
    [
        ({"kind": "named"}, 'a "named" attribution needs a name'),
        ({"kind": "named", "name": "  "}, 'a "named" attribution needs a name'),
        ({"kind": "someone"}, "unknown value 'someone'"),
        ({"kind": "reported", "who": "x"}, 'unknown field "who"'),
    ],
)
def test_bad_attributions_are_refused_with_their_place(attribution: dict, message: str) -> None:
    doc = {
        "format": "argmap",
        "version": 2,
        "claims": [{"id": "a", "text": "A", "attribution": attribution}],
    }
    with pytest.raises(MapFileError) as info:
        native.loads(json.dumps(doc), file="m.argmap")
    assert message in str(info.value)
    assert "$.claims[0].attribution" in str(info.value)


def test_an_authors_attribution_is_no_attribution() -> None:
    doc = {
        "format": "argmap",
        "version": 2,
        "claims": [{"id": "a", "text": "A", "attribution": {"kind": "author"}}],
    }
    m = native.loads(json.dumps(doc))
    assert m.claim("a").attribution is None
    assert "attribution" not in native.dumps(m)


def test_attribution_and_provenance_edits_undo() -> None:
    m = article_map()
    before = native.dump_bytes(m)
    with Recorder(m) as rec:
        m.update_claim("t", attribution=Attribution(AttributionKind.NAMED, "Putin", "president"))
        m.update_claim("q", provenance="editor")
        m.update_map(vocabulary=[VocabularyEntry("ukraine")])
    undo(m, rec.events)
    assert native.dump_bytes(m) == before
    with pytest.raises(ValueError, match="needs a name"):
        m.update_claim("t", attribution=Attribution(AttributionKind.NAMED, ""))


def test_brief_lists_concessions_attribution_and_can_leave_out_editor_objections() -> None:
    m = article_map()
    b = build_brief(m)
    assert [c.item.id for c in b.concessions] == ["q"]
    assert {o.item.id for o in b.objections} == {"o", "e"}  # the concession is no objection
    md = render_markdown(b)
    assert "- The author concedes: **Coordination with Iran is likely.**" in md
    assert "which limits: Russia will fight IS." in md
    assert "*According to critics (reported)*" in md
    assert "*Added by the map's editor*" in md
    assert "The author concedes: <strong>Coordination with Iran is likely.</strong>" in (
        render_html(b)
    )
    article_only = build_brief(m, editor_objections=False)
    assert {o.item.id for o in article_only.objections} == {"o"}
    assert "e" not in {s.id for s in article_only.statuses}
    assert m.has_claim("e")  # the map itself is untouched


def test_without_editor_changes_the_evaluation() -> None:
    m = article_map()
    m.update_claim("o", attribution=None)
    m.add_claim("The bluff claim is refuted.", id="reb", anchors=[])
    m.connect(["reb"], "o", "attack")
    m.update_claim("reb", provenance="editor")
    assert evaluate(m).labels["o"] == "out"  # answered, but only by the editor
    n = without_editor(m)
    assert sorted(c.id for c in n.claims()) == ["o", "q", "t"]
    assert evaluate(n).labels["o"] == "in"  # what the article holds: o is unanswered


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_evaluate_without_editor_and_brief_without_editor_objections(tmp_path) -> None:
    m = article_map()
    m.update_claim("o", attribution=None)
    m.delete(["o"])
    path = tmp_path / "m.argmap"
    native.save(m, path)
    with_editor = run_cli("evaluate", str(path), "--json")
    without = run_cli("evaluate", str(path), "--json", "--without-editor")
    assert with_editor.returncode == 0 and without.returncode == 0, without.stderr
    assert json.loads(with_editor.stdout)["labels"]["t"] == "out"
    assert json.loads(without.stdout)["labels"] == {"t": "in", "q": "in"}
    out = tmp_path / "b.md"
    done = run_cli("brief", str(path), "-o", str(out), "--no-editor-objections")
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "Russia lacks the means" not in text and "The author concedes" in text


def test_validate_prints_vocabulary_warnings(tmp_path) -> None:
    m = article_map()
    m.update_map(vocabulary=[VocabularyEntry("ukraine")])
    m.update_claim("q", tags=["iran"])
    path = tmp_path / "m.argmap"
    native.save(m, path)
    done = run_cli("validate", str(path))
    assert done.returncode == 0
    assert "$.claims[2].tags[0]: warning: claim 'q': tag 'iran' is not in the map's vocabulary" in (
        done.stdout
    )


def test_markdown_outline_shows_bylines_editor_claims_and_later_positions() -> None:
    from argmap.export.markdown import to_markdown
    from tests.argmap.test_format_versions import DATA

    m = native.load(DATA / "argmap-v2.argmap")
    m.update_claim("r", collapsed=False)
    text = to_markdown(m)
    assert "- **Attacks:** It is posturing. — *critics (reported)*" in text
    assert "A second, linked premise. — *Sergei Lavrov, Russian foreign minister*" in text
    assert "support still holds. — *added by the map's editor*" in text
    assert "- **Concedes:** Talks still happen despite sanctions." in text
    assert "- **Later position:** Sanctions no longer block the talks." in text


def test_drawing_sets_concessions_bylines_and_editor_claims_apart() -> None:
    from argmap.export.svg import to_svg
    from argmap.layout.drawing import build_drawing
    from tests.argmap.test_format_versions import DATA

    m = native.load(DATA / "argmap-v2.argmap")
    m.update_claim("r", collapsed=False)  # the later position hangs below it
    d = build_drawing(m)
    qualify, supersede, attack = d.edges["s4"], d.edges["s5"], d.edges["s2"]
    assert qualify.style.head == "diamond" and len(qualify.head) == 4 and qualify.bar is None
    assert qualify.style.dash != attack.style.dash and qualify.style.color != attack.style.color
    assert supersede.style.head == "diamond" and supersede.style.color != qualify.style.color
    assert d.nodes["r2"].box.role_label.text == ("REASON · Sergei Lavrov, Russian foreign minister")
    assert d.nodes["u"].box.role_label.text == "REBUTTAL · EDITOR'S"
    assert d.nodes["u"].box.border_dash and not d.nodes["t"].box.border_dash
    svg = to_svg(m)
    assert 'class="relation qualify"' in svg and "qualifies</text>" in svg
