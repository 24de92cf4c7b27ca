"""The map canvas: scene (follows the model), view (zoom, pan), items, interactions."""
