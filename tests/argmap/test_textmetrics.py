"""The shipped metrics tables are exactly what the shipped fonts say."""

from __future__ import annotations

import orjson
import pytest

from argmap.layout import textmetrics
from argmap.resources import font_path


@pytest.mark.parametrize("bold", [False, True])
def test_shipped_table_matches_the_font(bold: bool) -> None:
    font = font_path(bold)
    shipped = orjson.loads(textmetrics.table_path(font).read_bytes())
    assert shipped == textmetrics.font_table(font), "run python -m argmap.layout.textmetrics"


def test_a_table_of_another_font_is_not_used(tmp_path, monkeypatch) -> None:
    font = tmp_path / "DejaVuSans.ttf"
    font.write_bytes(font_path().read_bytes())
    table = textmetrics.font_table(font)
    table["widths"]["72"] = 99999  # "H": a wrong width, under a hash of another file
    table["font_sha256"] = "0" * 64
    textmetrics.table_path(font).write_bytes(orjson.dumps(table))
    loaded = textmetrics._load_table(font)
    assert loaded["widths"]["72"] != 99999 and loaded == textmetrics.font_table(font)
