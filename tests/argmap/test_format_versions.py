"""Every past format version keeps loading (DESIGN.md rule 7): one sample file per version."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import load_map, native
from argmap.model import RelationKind, Role

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
SAMPLES = sorted(DATA.glob("argmap-v*.argmap"))


def test_there_is_a_sample_for_every_version_up_to_the_current_one() -> None:
    versions = sorted(int(p.stem.split("-v")[1]) for p in SAMPLES)
    assert versions == list(range(1, native.VERSION + 1))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_loads_with_every_field(path: Path) -> None:
    m = load_map(path)
    assert m.thesis == "t" and m.article("a").outlet == "Sample outlet"
    r = m.claim("r")
    assert r.pinned and r.collapsed and r.position == (100.0, 220.5) and r.notes
    assert m.claim("o").assumption == "rejected" and m.claim("o").rehearsal == "needs-work"
    assert m.relation("s1").premises == ("r", "r2") and len(m.relation("s1").route) == 4
    assert m.relation("s3").kind is RelationKind.UNDERCUT and m.relation("s3").target == "s2"
    assert m.role("o") is Role.OBJECTION and m.role("u") is Role.REBUTTAL


def test_current_version_sample_is_canonical() -> None:
    path = SAMPLES[-1]
    assert native.dump_bytes(load_map(path)) == path.read_bytes()


def test_version_2_sample_has_the_fidelity_fields() -> None:
    m = load_map(DATA / "argmap-v2.argmap")
    assert m.relation("s4").kind is RelationKind.QUALIFY and m.role("q") is Role.CONCESSION
    assert m.relation("s5").kind is RelationKind.SUPERSEDE
    assert m.claim("r2").attribution is not None and m.claim("r2").attribution.name == (
        "Sergei Lavrov"
    )
    assert m.claim("o").attribution is not None and m.claim("o").attribution.kind == "reported"
    assert m.claim("u").provenance == "editor"
    a = m.article("a")
    assert a.date is None and a.date_range is not None and a.date_range.earliest == "2015-08-01"
    assert a.language == "en" and [e.tag for e in m.vocabulary] == ["ukraine"]


def test_a_version_1_file_is_saved_as_the_current_version() -> None:
    m = load_map(DATA / "argmap-v1.argmap")
    assert native.dumps(m).startswith(f'{{\n  "format": "argmap",\n  "version": {native.VERSION},')


def test_version_3_sample_has_free_data_on_a_claim_and_a_relation() -> None:
    m = load_map(DATA / "argmap-v3.argmap")
    data = m.claim("r").data["argdown"]["data"]
    assert data["year"] == 2015 and data["checked"] is True and data["refs"] == (1, "two", None)
    inference = m.relation("s1").data["argdown"]["inference"]
    assert inference["title"] == "Modus ponens" and inference["data"]["uses"] == (1, 2)
    assert m.claim("o").data == {} and not m.relation("s2").data


def test_a_version_2_file_has_no_data_and_saves_as_version_3() -> None:
    m = load_map(DATA / "argmap-v2.argmap")
    assert all(not c.data for c in m.claims()) and all(not r.data for r in m.relations())
    assert '"data"' not in native.dumps(m) and '"version": 3,' in native.dumps(m)
