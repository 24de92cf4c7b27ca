"""The lexer's one-step reading of common lines gives the tokens of its step-by-step path.

The common-line path (relations, numbered statements, definitions, argument references,
inference lines) is only a faster way to the same tokens: here a lexer without it (a
subclass that hands every line to the step-by-step path) must agree with the real one,
token for token and with the same errors, on every conformance file and on generated
texts made of those line shapes and their near misses. The one liberty the path takes:
pieces of free text that touch are one token (the parser joins them to the same text),
so touching free text tokens are joined on both sides before comparing, and the parser
must build the same syntax tree (with the same syntax errors) from either.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats import argdown_lexer as lx
from argmap.formats import argdown_parser as ap
from tests.argmap.argdown_conformance import SHARED as CORPUS


class _StepByStep(lx.Lexer):
    """The lexer with no line read in one step."""

    def _common_lines(self, pos: int) -> int:
        return pos


def _tokens(lexer: lx.Lexer) -> tuple[list[tuple[str, str, int, int, bool]], list[lx.LexError]]:
    out: list[tuple[str, str, int, int, bool]] = []
    for t in lexer.tokenize():
        if out and t.kind == lx.FREESTYLE == out[-1][0] and t.start == out[-1][3]:
            kind, image, start, _, after_newline = out[-1]
            out[-1] = (kind, image + t.image, start, t.end, after_newline)
        else:
            out.append((t.kind, t.image, t.start, t.end, t.after_newline))
    return out, lexer.errors


def _tree(lexer: lx.Lexer, text: str) -> ap.Tree:
    tokens = lexer.tokenize()
    return ap._Parser(tokens, lx.Lines(text), lambda image, line: image, lexer.errors).document()


def _same(text: str) -> None:
    assert _tokens(lx.Lexer(text)) == _tokens(_StepByStep(text))
    assert _tree(lx.Lexer(text), text) == _tree(_StepByStep(text), text)


def test_common_lines_give_the_step_by_step_tokens_on_every_conformance_file():
    files = sorted(CORPUS.rglob("*.argdown"))
    assert len(files) > 200, f"the conformance corpus is missing under {CORPUS}"
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _tokens(lx.Lexer(text)) == _tokens(_StepByStep(text)), path.name
        assert _tree(lx.Lexer(text), text) == _tree(_StepByStep(text), text), path.name


_PIECES = [
    "[a]: Text, more text. #tag #(two words)",
    "[a]: Text.^. 10% x",
    "[a]:",
    "[b]",
    "[b] ",
    "[b]: see [c]: here",
    "[b](http://x)",
    "[]",
    "  + [a]",
    "  - [b]  ",
    "    -> [c]",
    "\t+> <a>",
    "  _> <r1>",
    "  <_ [a]",
    "  - <!--x-->",
    "- [a]",
    "+ [a]",
    "(1) [a]",
    " (2) [b]: Text.",
    "(3)[c]",
    "(1) <a>",
    "<a>",
    "<a>: Text.",
    "<+a>",
    "----",
    "  --",
    "-- rule, other --",
    "---",
    "# Heading",
    "* item",
    "1. item",
    "text *italic* and __bold__",
    "_open",
    "*open",
    "_.",
    "*.",
    "**.",
    "@[a] @<b>",
    "{x: 1}",
    "// comment",
    "/* comment */ [a]: x",
    "\\[escaped",
    ":+1: .~.",
    "===",
    "",
    " ",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14),
    st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", " \n"]), min_size=14, max_size=14),
)
def test_common_lines_give_the_step_by_step_tokens_on_generated_text(lines, breaks):
    _same("".join(line + brk for line, brk in zip(lines, breaks, strict=False)))


@pytest.mark.parametrize(
    "text",
    [
        "[a]: A.\n  + [b]\n  - [c]\n    + [d]\n\n[e]: E.\n",
        "<r>\n\n(1) [a]\n(2) [b]\n----\n(3) [c]\n  -> [d]\n",
        "[a]: A.\n  + [b]   \n\n\n[c]: C. #t",
        "[a]: A.\r\n  + [b]\r\n\r\n[c]: C.\r\n",
        # blanks at a line's end decide whether an open italic can end on the next line
        "_a\n  + [b] \n_.\n",
        "_a\n  + [b]\n_.\n",
    ],
)
def test_common_lines_give_the_step_by_step_tokens_on_typical_files(text):
    _same(text)
