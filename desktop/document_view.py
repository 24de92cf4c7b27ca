"""One open map on screen: its document, scene and view."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.canvas.scene import MapScene
from desktop.canvas.view import MapView
from desktop.document import Document


@dataclass
class DocumentView:
    key: str  # "doc:N", how the library and the themes panel name it
    doc: Document
    scene: MapScene
    view: MapView
