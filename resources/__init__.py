"""Package data read at run time: the DejaVu fonts and their metric tables (``fonts/``).

Found through ``argmap.resources`` (``importlib.resources``), never by a path relative to the
checkout; see docs/PACKAGING.md.
"""
