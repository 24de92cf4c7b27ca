"""Registers the argumentative microtext corpus XML (read only)."""

from argmap.formats import Format, register
from argmap.formats.microtext import read, sniff

register(
    Format(
        name="microtext",
        extensions=(".xml",),
        description="argumentative microtext corpus XML (arggraph)",
        reader=read,
        sniff=sniff,
    )
)
