"""Layout: how big each claim's box is (geometry) and where everything goes (Graphviz)."""
