"""The drawing contract the canvas paints (``argmap.layout.drawing``), in one place."""

from argmap.layout.drawing import (
    Drawing,
    EdgeShape,
    NodeShape,
    Point,
    build_drawing,
    edge_shape,
    hidden_claims,
    node_shape,
)

__all__ = [
    "Drawing",
    "EdgeShape",
    "NodeShape",
    "Point",
    "build_drawing",
    "edge_shape",
    "hidden_claims",
    "node_shape",
]
