"""One way to export a map, shared by ``argmap export`` and the desktop app.

``render`` turns a map into the bytes of one output format: it lays the map out first when the
format draws it and the options ask for it, and collects what the format cannot keep. Callers
write the bytes themselves (atomically), so a failed export never leaves a partial file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.formats import Format, write_map
from argmap.formats.common import collecting_losses
from argmap.layout import style
from argmap.model.argument_map import ArgumentMap

# Formats that draw the map, so they need positions.
DRAWN = frozenset({"svg", "png", "pdf", "dot"})
LAYOUT_MODES = ("auto", "keep", "fresh")
PAGED = frozenset({"png", "pdf"})  # formats that --page applies to


@dataclass(frozen=True)
class ExportOptions:
    """How to export; the defaults are the CLI's defaults.

    ``layout``: ``auto`` lays out maps with unplaced claims, ``keep`` never runs the layout,
    ``fresh`` lays out again (pinned claims stay). A ``rankdir`` implies ``fresh``. ``auto``
    keeps every claim that has a position where it is (a stable layout, DESIGN.md rule 15).
    ``engine``: ``tree`` (the default, no external program) or ``dot`` (Graphviz).
    ``page``: ``A4``, ``Letter`` or ``A3`` prints PDF and PNG on that paper (``landscape``
    turns it): one page when the text stays readable, else tiles after an overview page;
    ``fit`` puts the whole map on one such page however small its text gets.
    """

    layout: str = "auto"
    engine: str = "tree"
    rankdir: str | None = None
    wrap_width: float = style.WRAP_WIDTH
    dpi: float = 96.0
    scale: float = 1.0
    timeout: float = 120.0
    page: str | None = None
    landscape: bool = False
    fit: bool = False

    def check(self) -> None:
        """Raise ArgmapError (with ``usage`` set) for options out of range."""
        from argmap.layout.engine import ENGINES

        if self.engine not in ENGINES:
            raise _usage(f"engine must be one of {', '.join(ENGINES)}")
        if self.layout not in LAYOUT_MODES:
            raise _usage(f"layout must be one of {', '.join(LAYOUT_MODES)}")
        if not 20 <= self.wrap_width <= 2000:
            raise _usage("--wrap-width must be between 20 and 2000 points")
        if self.dpi <= 0 or self.scale <= 0:
            raise _usage("--dpi and --scale must be positive")
        if self.page is not None:
            from argmap.export.pages import PAPER

            if self.page.lower() not in {p.lower() for p in PAPER}:
                raise _usage(f"--page must be one of {', '.join(PAPER)}")
        elif self.landscape or self.fit:
            flag = "--landscape" if self.landscape else "--fit"
            raise _usage(f"{flag} needs --page (A4, Letter or A3)")


@dataclass
class Rendered:
    """The bytes of one export and what the format could not keep. A PNG printed on several
    pages has its first page in ``data`` and the others in ``more_pages``."""

    data: bytes
    losses: list[str] = field(default_factory=list)
    more_pages: list[bytes] = field(default_factory=list)


def page_paths(target: Path, count: int) -> list[Path]:
    """Where the pages of a paged PNG go: OUT.png, OUT-2.png, OUT-3.png…

    >>> [p.name for p in page_paths(Path("out/map.png"), 3)]
    ['map.png', 'map-2.png', 'map-3.png']
    """
    return [target] + [
        target.with_name(f"{target.stem}-{i}{target.suffix}") for i in range(2, count + 1)
    ]


def _usage(message: str) -> ArgmapError:
    e = ArgmapError(message)
    e.usage = True  # type: ignore[attr-defined]  # read by argmap.cli.main
    return e


def prepare(m: ArgumentMap, fmt: Format, options: ExportOptions) -> ArgumentMap:
    """The map to write: a laid-out copy when the format draws it and needs a layout."""
    mode = "fresh" if options.rankdir else options.layout
    if mode == "keep" or (fmt.name not in DRAWN and mode != "fresh"):
        return m
    if mode == "auto" and all(c.position is not None for c in m.claims()):
        return m
    from argmap.layout.engine import apply_layout, compute_layout, stored_positions

    laid = m.copy()
    layout = compute_layout(
        laid,
        engine=options.engine,
        rankdir=options.rankdir or "BT",
        wrap_width=options.wrap_width,
        timeout=options.timeout,
        previous=stored_positions(laid) if mode == "auto" else None,
    )
    apply_layout(laid, layout)
    return laid


def render(m: ArgumentMap, fmt: Format, options: ExportOptions | None = None) -> Rendered:
    """The bytes ``fmt`` writes for ``m`` (laid out first where needed) and its losses."""
    options = options or ExportOptions()
    options.check()
    if fmt.writer is None:
        raise _usage(f"argmap cannot write {fmt.name} files")
    m = prepare(m, fmt, options)
    configure = fmt.options.get("configure")
    if options.page is not None and fmt.name not in PAGED:
        raise _usage(f"--page applies to PDF and PNG, not {fmt.name}")
    with collecting_losses() as lost:
        if callable(configure):
            data = configure(
                m,
                wrap_width=options.wrap_width,
                dpi=options.dpi,
                scale=options.scale,
                page=options.page,
                landscape=options.landscape,
                fit=options.fit,
            )
        else:
            data = write_map(m, fmt)
    pages = data if isinstance(data, list) else [data]
    if not pages or not all(isinstance(p, bytes) for p in pages):
        raise ArgmapError(f"the {fmt.name} writer returned no bytes")
    return Rendered(pages[0], list(lost), pages[1:])
