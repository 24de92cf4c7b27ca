"""Small performance helpers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once (opening a
    10,000-claim map allocates hundreds of thousands of acyclic objects; every full collection
    would walk all of them again). Reference counting still frees memory meanwhile.

    Afterwards the survivors are frozen (``gc.freeze``): a map's values live as long as the
    map, and later collections need not walk them again (the next one would take half a
    second on a big map, in the middle of its first paint)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
