"""Registers SVG: diagrams are written by :mod:`argmap.export.svg` and carry the map itself in
their ``<metadata>``, so ``argmap show/validate diagram.svg`` and the desktop app read the
exact map back."""

from argmap.export.svg import read_embedded_map, to_svg
from argmap.formats import Format, register
from argmap.formats.picture_format import write_svg


def _sniff(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return (head.startswith(b"<?xml") or head.startswith(b"<svg")) and b"<svg" in head


register(
    Format(
        name="svg",
        extensions=(".svg",),
        description="SVG diagram (the editable map is embedded in its metadata)",
        reader=lambda data, file: read_embedded_map(data, file=file),
        writer=lambda m: to_svg(m).encode("utf-8"),
        sniff=_sniff,
        options={"configure": write_svg},
    )
)
