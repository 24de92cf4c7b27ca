"""Small performance helpers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once (opening a
    10,000-claim map allocates hundreds of thousands of acyclic objects; every full collection
    would walk all of them again). Reference counting still frees memory meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
