"""Reading a map for a command: what the reader could not keep is said on stderr.

Not a subcommand (no ``register``). ``argmap import`` says the same for what it converts;
every other command reads through :func:`load`, so no command reads a cut or garbled file
silently.
"""

from __future__ import annotations

import sys

from argmap import formats
from argmap.model.argument_map import ArgumentMap


def load(name: str) -> ArgumentMap:
    """The map in ``name``; each loss as ``argmap: NAME: warning: …`` on stderr."""
    m, lost = formats.load_map_with_losses(name)
    for message in lost:
        print(f"argmap: {name}: warning: {message}", file=sys.stderr)
    return m
