"""Registers Argdown, read and write."""

from argmap.formats import Format, register
from argmap.formats.argdown import read, sniff, write

register(
    Format(
        name="argdown",
        extensions=(".argdown", ".ad"),
        description="Argdown text (Argdown parser, VS Code extension)",
        reader=read,
        writer=write,
        sniff=sniff,
    )
)
