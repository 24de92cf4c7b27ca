"""Registers AIF JSON (AIFdb / OVA), read and write."""

from argmap.formats import Format, register
from argmap.formats.aif import read, sniff, write

register(
    Format(
        name="aif",
        extensions=(".aif.json", ".aif", ".json"),
        description="Argument Interchange Format JSON (AIFdb, OVA)",
        reader=read,
        writer=write,
        sniff=sniff,
    )
)
