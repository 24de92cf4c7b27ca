"""How a value's fields are declared: documentation and format rules in the field's metadata.

The model's dataclasses (:mod:`argmap.model.elements`) say once what each field is; the file
format derives reading, writing, validation, the JSON Schema and the docs' field tables from
these declarations (:mod:`argmap.formats.fields`), so a new field is one edit.
"""

from __future__ import annotations

from typing import Any

KEY = "argmap"  # the dataclass metadata key


def spec(
    doc: str,
    *,
    omit: bool = False,
    check: str | None = None,
    last: bool = False,
    minimum: int | None = None,
    min_items: int | None = None,
    unique: str | None = None,
) -> dict[str, Any]:
    """Metadata for ``dataclasses.field(metadata=...)``.

    ``doc``: one line for the docs' field table; ``omit``: left out of files when equal to its
    default; ``check``: ``"id"`` (a usable id) or ``"nonempty"`` (strings with a non-space
    character; for a tuple, each item); ``last``: written after the other fields (a long text);
    ``minimum``, ``min_items``: bounds the JSON Schema states (the reader's checks of
    references and spans are semantic, in :mod:`argmap.model.validation`); ``unique``: the
    value may appear once per file among the fields that name the same space (claims and
    relations share ``"id"``).
    """
    return {
        KEY: {
            "doc": doc,
            "omit": omit,
            "check": check,
            "last": last,
            "minimum": minimum,
            "min_items": min_items,
            "unique": unique,
        }
    }
