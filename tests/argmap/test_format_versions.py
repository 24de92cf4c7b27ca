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
