"""The ``argmap`` command: one module per subcommand, each with ``register(subparsers)``.

Errors the user can act on are printed as one line (``argmap: FILE: place: message``) with a
non-zero exit; an unexpected failure is reported in one line too, with ``--debug`` to see the
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from argmap import __version__
from argmap.errors import ArgmapError


def command_modules() -> list[str]:
    """Every module of this package with a ``register`` function is a subcommand."""
    return [f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if not m.ispkg]


EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Argument maps of articles: check, inspect, export and evaluate them.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in command_modules():
        module = importlib.import_module(name)
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ArgmapError as e:
        print(f"argmap: {e.line()}", file=sys.stderr)
        return EXIT_USAGE if getattr(e, "usage", False) else EXIT_INVALID
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # the last line of defence: no traceback for users
        if args.debug:
            raise
        print(
            f"argmap: internal error: {type(e).__name__}: {e} (run with --debug for details)",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    sys.exit(main())
