"""Registers the native ``.argmap`` format (kept apart so native.py has no registry import)."""

from argmap.formats import Format, register
from argmap.formats.native import EXTENSION, dumps, loads


def _sniff(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"argmap"' in head


register(
    Format(
        name="argmap",
        extensions=(EXTENSION, ".argmap.json"),
        description="argmap's own JSON format",
        reader=lambda data, file: loads(data, file=file),
        writer=lambda m: dumps(m).encode("utf-8"),
        sniff=_sniff,
    )
)
