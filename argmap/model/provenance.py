"""The map as the article has it: without the claims the map's editor added.

An objection the article does not contain is marked ``provenance="editor"``; a brief or an
evaluation can leave such claims out to show what the author's own argument holds.
"""

from __future__ import annotations

from argmap.model.argument_map import ArgumentMap
from argmap.model.elements import Provenance
from argmap.model.map_view import MapView


def editor_claims(m: ArgumentMap) -> list[str]:
    """Ids of the claims added by the map's editor, in map order."""
    return [c.id for c in m.claims() if c.provenance is Provenance.EDITOR]


def without_editor(m: MapView) -> ArgumentMap:
    """A copy of ``m`` without the editor's claims and the relations that hang on them.

    >>> from argmap.model import ArgumentMap
    >>> m = ArgumentMap()
    >>> for i in "to": _ = m.add_claim(i, id=i)
    >>> _ = m.connect(["o"], "t", "attack"); _ = m.update_claim("o", provenance="editor")
    >>> sorted(c.id for c in without_editor(m).claims()), m.claim_count
    (['t'], 2)
    """
    out = m.copy()
    ids = editor_claims(out)
    if ids:
        out.delete(ids)
    return out
