"""Side panels: library of maps, article text, inspector."""
