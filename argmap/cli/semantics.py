"""The ``--semantics`` option of evaluate, gaps and brief, explained in plain words.

Not a subcommand (no ``register``): a helper the commands share, so "grounded semantics" never
reaches the user without saying what it means.
"""

from __future__ import annotations

import argparse
import textwrap

from argmap.analysis.acceptability import SEMANTICS
from argmap.export.words import SEMANTICS_IN_WORDS

WIDTH = 78
WHAT_SEMANTICS_DO = "Semantics decide which claims stand when claims attack each other:"


def description(first: str, last: str = "See docs/ANALYSIS.md.") -> str:
    """A command's description: ``first``, what each semantics means, ``last``; wrapped here
    (use it with ``argparse.RawDescriptionHelpFormatter`` so the paragraphs stay apart).

    >>> print(description("Say which claims stand.").splitlines()[2])
    Semantics decide which claims stand when claims attack each other:
    """
    parts = [textwrap.fill(first, WIDTH), "", WHAT_SEMANTICS_DO]
    for name in SEMANTICS:
        default = " (the default)" if name == "grounded" else ""
        parts.append(
            textwrap.fill(
                f"{name}{default}: {SEMANTICS_IN_WORDS[name]}.",
                WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
            )
        )
    return "\n".join([*parts, "", textwrap.fill(last, WIDTH)])


def add_semantics_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--semantics",
        choices=SEMANTICS,
        default="grounded",
        help="how to decide which claims stand: grounded (default) is the cautious reading "
        "(a claim stands only if every attack on it is defeated), preferred and stable the "
        "bolder ones; see above",
    )
