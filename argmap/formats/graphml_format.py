"""Registers GraphML (yEd, Gephi, networkx), read and write."""

from argmap.formats import Format, register
from argmap.formats.graphml import read, sniff, write

register(
    Format(
        name="graphml",
        extensions=(".graphml",),
        description="GraphML graph (yEd, Gephi, networkx)",
        reader=read,
        writer=write,
        sniff=sniff,
    )
)
