"""Find (Ctrl+F): which claims match what the user typed, in their text, the passages they
quote and their tags; "#tag" looks for that tag only.

>>> from argmap.model import Anchor, Claim
>>> c = Claim("c", "Sanctions bite", ("ukraine",), anchors=(Anchor("a", 0, 9, "EU measures"),))
>>> [claim_matches(c, q) for q in ("bite", "measures", "ukr", "#ukraine", "#ukr", "syria")]
[True, True, True, True, False, False]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import Claim

if TYPE_CHECKING:
    from desktop.canvas.scene import MapScene
    from desktop.canvas.view import MapView


def claim_matches(claim: Claim, query: str) -> bool:
    """Whether ``claim`` matches ``query`` (case-insensitive; blank matches nothing)."""
    needle = query.casefold().strip()
    if not needle:
        return False
    if needle.startswith("#") and len(needle) > 1:
        return needle[1:] in (t.casefold() for t in claim.tags)
    if needle in claim.text.casefold():
        return True
    if any(needle in a.quote.casefold() for a in claim.anchors):
        return True
    return any(needle in t.casefold() for t in claim.tags)


def show_matches(view: MapView, ids: list[str]) -> None:
    """Bring the first visible match into view unless one is already on screen."""
    scene = view.map_scene
    shown = view.visible_scene_rect()
    items = [scene.claim_items[c] for c in ids if c in scene.claim_items]
    items = [i for i in items if i.isVisible()]
    if items and not any(shown.intersects(i.sceneBoundingRect()) for i in items):
        view.centre_on(items[0])


def summary(scene: MapScene, ids: list[str]) -> str:
    hidden = sum(1 for c in ids if c in scene.claim_items and not scene.claim_items[c].isVisible())
    text = f"{len(ids)} matching claim{'s' if len(ids) != 1 else ''}"
    return text + (f" ({hidden} hidden: collapsed or out of focus)" if hidden else "")
