"""Exports: pictures and outlines of a map (SVG, PNG, PDF, Markdown), without Qt."""
