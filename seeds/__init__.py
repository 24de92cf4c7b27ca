"""The demo corpus as package data: ``articles/`` (byte for byte), ``curation/`` (the
hand-written sources) and ``maps/`` (built by ``python -m seeds.build``). Read through
``argmap.resources``; see docs/PACKAGING.md."""
