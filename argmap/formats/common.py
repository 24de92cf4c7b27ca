"""What the interchange readers and writers share: loss reports, limits, safe XML, finishing.

Readers and writers keep the registry's plain signatures (``(data, file) -> map`` and
``(map) -> bytes``); what a format cannot hold is reported through :func:`report_loss`, which
appends to the list of the innermost :func:`collecting_losses` block (and is silently ignored
outside one), so the CLI and the desktop app can show it without changing any signature.
"""

from __future__ import annotations

import contextlib
import contextvars
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

import defusedxml
import defusedxml.ElementTree as DET

from argmap.errors import ArgmapError
from argmap.fileio import MiB, decode_utf8
from argmap.model.argument_map import ArgumentMap, check_id
from argmap.model.elements import Article, Claim, Relation, RelationKind, VocabularyEntry
from argmap.model.validation import validate_map

# Interchange files are small; these bound time and memory on hostile input.
MAX_INPUT_BYTES = 64 * MiB
MAX_ITEMS = 500_000  # nodes + edges (or statements + relations) in one file
MAX_DEPTH = 200  # levels of Argdown indentation (JSON depth is bounded by the recursion limit)

_losses: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "argmap_losses", default=None
)


def report_loss(message: str) -> None:
    """Record that something of the file or the map could not be kept (no-op outside
    :func:`collecting_losses`). Repeated messages are kept once."""
    sink = _losses.get()
    if sink is not None and message not in sink:
        sink.append(message)


@contextlib.contextmanager
def collecting_losses() -> Iterator[list[str]]:
    """Collect the loss reports of the readers and writers called inside the block.

    >>> with collecting_losses() as lost:
    ...     report_loss("notes are not kept")
    >>> lost
    ['notes are not kept']
    """
    sink: list[str] = []
    token = _losses.set(sink)
    try:
        yield sink
    finally:
        _losses.reset(token)


def check_size(data: bytes, file: str, what: str) -> None:
    if len(data) > MAX_INPUT_BYTES:
        raise ArgmapError(
            f"{what} file is too large ({len(data) / MiB:.0f} MiB; "
            f"the limit is {MAX_INPUT_BYTES / MiB:.0f} MiB)",
            file=file,
        )


def decode_text(data: bytes, file: str, what: str) -> str:
    """Size check plus strict UTF-8 decoding (line:column of the first bad byte)."""
    check_size(data, file, what)
    return decode_utf8(data, file)


def parse_xml(data: bytes, file: str, what: str) -> ET.Element:
    """Parse XML through defusedxml: no entity expansion, no external entities, no network.

    Errors become one :class:`ArgmapError` with ``line L:C`` where expat gives one.
    """
    check_size(data, file, what)
    try:
        root: ET.Element = DET.fromstring(data, forbid_dtd=False)
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        msg = str(e).split(":")[0]
        raise ArgmapError(
            f"not well-formed {what} XML: {msg}", file=file, place=f"line {line}:{col + 1}"
        ) from None
    except defusedxml.EntitiesForbidden:
        raise ArgmapError(
            f"{what}: XML entities are refused (possible entity expansion attack)", file=file
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise ArgmapError(f"{what}: external XML references are refused", file=file) from None
    except defusedxml.DefusedXmlException as e:
        raise ArgmapError(f"{what}: unsafe XML refused ({type(e).__name__})", file=file) from None
    except (ValueError, UnicodeError, LookupError) as e:
        # An XML declaration may name an encoding Python does not know (LookupError) or one
        # expat cannot read, such as UTF-7 (ValueError).
        raise ArgmapError(f"not readable {what} XML: {e}", file=file) from None
    return root


def valid_id(value: str, file: str, place: str = "") -> str:
    """``value`` if it is a usable map id, else a one-line error."""
    try:
        return check_id(value)
    except ValueError as e:
        raise ArgmapError(str(e), file=file, place=place) from None


def guess_thesis(claims: Iterable[Claim], relations: Iterable[Relation]) -> str | None:
    """The one claim that is a target but never a premise, when there is exactly one."""
    rels = list(relations)
    premises = {p for r in rels for p in r.premises}
    targets = {r.target for r in rels if r.kind is not RelationKind.UNDERCUT}
    sinks = [c.id for c in claims if c.id in targets and c.id not in premises]
    return sinks[0] if len(sinks) == 1 else None


def finish_map(
    file: str,
    *,
    title: str = "",
    description: str = "",
    thesis: str | None = None,
    articles: Iterable[Article] = (),
    claims: Iterable[Claim] = (),
    relations: Iterable[Relation] = (),
    vocabulary: Iterable[VocabularyEntry] = (),
) -> ArgumentMap:
    """Build the map in bulk and check it; the first real problem becomes the error."""
    m = ArgumentMap.from_values(
        title=title,
        description=description,
        thesis=thesis,
        articles=articles,
        claims=claims,
        relations=relations,
        vocabulary=vocabulary,
    )
    errors = [p for p in validate_map(m) if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise ArgmapError(
            f"the file's argument structure is invalid: {errors[0].message}{more}", file=file
        )
    return m
