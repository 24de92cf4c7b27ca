"""Argdown tokens, matched the way the reference lexer (@argdown/core, chevrotain) matches them.

The reference lexer tries its token patterns in a fixed order at each position and takes the
first that matches; several patterns only apply at the start of a line (relations, statement
numbers, list items, inference lines) or after an empty line (headings), and relations and list
items open and close indentation levels (Indent/Dedent). This module keeps that order and those
conditions, so that what counts as a relation, a hard-wrapped line or plain text is the same.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from argmap.formats.argdown_shortcodes import PATTERN as _SHORTCODE

# Token kinds (short names; the parser compares them often).
FRONT_MATTER = "front"
DATA = "data"
ESCAPED = "esc"
EMPTYLINE = "empty"
INDENT = "indent"
DEDENT = "dedent"
INFERENCE_START = "inf-start"
INFERENCE_END = "inf-end"
LIST_DELIMITER = "comma"
HEADING = "heading"
STATEMENT_NUMBER = "number"
ORDERED_ITEM = "ol"
UNORDERED_ITEM = "ul"
BOLD_START = "bold-start"
BOLD_END = "bold-end"
ITALIC_START = "italic-start"
ITALIC_END = "italic-end"
LINK = "link"
TAG = "tag"
STATEMENT_DEFINITION = "s-def"
STATEMENT_REFERENCE = "s-ref"
STATEMENT_MENTION = "s-mention"
ARGUMENT_DEFINITION = "a-def"
ARGUMENT_REFERENCE = "a-ref"
ARGUMENT_MENTION = "a-mention"
SPECIAL = "shortcode"
FREESTYLE = "text"
CONTROL_CHAR = "ctrl"
# relation operators: the token kind is the operator as written, without indentation
RELATIONS = ("+>", "->", "+", "<+", "-", "<-", "><", "_>", "<_", "_")

_FRONT_MATTER = re.compile(r"===+[^=]*===+")
_ESCAPED = re.compile(r"\\.(?: )*")
_EMPTYLINE = re.compile(r"(?:\r\n|\n)[ \t]*(?:\r\n|\n)+")
_NEWLINE = re.compile(r"\r\n|\n|\r")
_INFERENCE_START = re.compile(r"[ \t]*-{2}")
# In the reference order: +>, ->, <?+, <?-, ><, _>, <_
_RELATION = re.compile(r"([ \t]*)(\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))")
_HEADING = re.compile(r"(#+) ")
_STATEMENT_NUMBER = re.compile(r"[ \t]*\(\d+\)")
_ORDERED_ITEM = re.compile(r"([ \t]*)\d+\.(?=\s)")
_UNORDERED_ITEM = re.compile(r"([ \t]*)\*(?=\s)")
_RANGE_END_TAIL = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
_ENDS = (
    ("**", re.compile(r"\*\*" + _RANGE_END_TAIL), BOLD_END),
    ("__", re.compile(r"__" + _RANGE_END_TAIL), BOLD_END),
    ("*", re.compile(r"\*" + _RANGE_END_TAIL), ITALIC_END),
    ("_", re.compile(r"_" + _RANGE_END_TAIL), ITALIC_END),
)
_STARTS = (
    ("**", re.compile(r"\*\*(?!\s)"), BOLD_START),
    ("__", re.compile(r"__(?!\s)"), BOLD_START),
    ("*", re.compile(r"\*(?!\s)"), ITALIC_START),
    ("_", re.compile(r"_(?!\s)"), ITALIC_START),
)
_SPACES = re.compile(r"[ \t]+")
# "." ends free text too: a shortcode (".^.") may stand inside a word
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
_CONTROL = re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?")
_INFERENCE_FREESTYLE = re.compile(r"[^\\@#*_\[\],:;</>\-\r\n(){}]+")
_INFERENCE_CONTROL = re.compile(r"[@#*_\[\],:;</>\-(){}][ \t]?")
_INFERENCE_END = re.compile(r"-{2,}")

# A run of plain text in one token: free text, then more free text or control characters
# that mean nothing in the middle of a line. Each piece is what the reference lexer would
# match there (a piece never starts with a space, which it would skip), and the parser joins
# those tokens anyway; one token instead of several makes reading long texts much faster.
# A "." or ":" before a blank or the line's end is such a piece too (the end of most
# sentences): every shortcode has a character other than a blank after its first.
_PLAIN = r"[^\\@#*_\[\],.:;</>\-\r\n(){}]"
_TEXT_RUN = re.compile(
    rf"(?:{_PLAIN}+|{_CONTROL.pattern})"
    rf"(?:(?![ \t]){_PLAIN}+|[,;)\]}}>\-(][ \t]?|[.:](?=[ \t\r\n]|\Z)[ \t]?)*"
)

_SPACES_OR_TEXT = re.compile(rf"(?P<spaces>[ \t]+)|(?P<text>{_TEXT_RUN.pattern})")
_TAG_WORD = re.compile(r"#[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+[ \t]?")
_DATA_FORBIDDEN = re.compile(r"\}\s[^,}]|[\r\u2028\u2029]")
_DATA_CLOSING = re.compile(r"\}(?!\s*[,}])")


class _Finder:
    """The next occurrence of a literal at or after a position, remembered: the lexer moves
    forward, so each literal is searched for about once over the text instead of once per
    token tried (which made files with many unclosed brackets quadratic)."""

    __slots__ = ("found", "literal", "since", "text")

    def __init__(self, text: str, literal: str) -> None:
        self.text, self.literal = text, literal
        self.since, self.found = len(text) + 1, -1

    def find(self, pos: int) -> int:
        if self.since <= pos and (self.found == -1 or pos <= self.found):
            return self.found
        self.since, self.found = pos, self.text.find(self.literal, pos)
        return self.found


class _Delimited:
    """Matchers for the tokens that run to a closing delimiter (comments, data, references,
    links, tags), each in time proportional to its own length."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._finders: dict[str, _Finder] = {}
        self._data: tuple[list[int], list[int]] | None = None
        # line breaks, asked for at every bracket: their finders at hand ("\r" is rare)
        self._newline = _Finder(text, "\n")
        self._return = _Finder(text, "\r") if "\r" in text else None
        self._close = self._finders["]"] = _Finder(text, "]")
        self._define = self._finders["]:"] = _Finder(text, "]:")

    def find(self, literal: str, pos: int) -> int:
        try:
            return self._finders[literal].find(pos)
        except KeyError:
            f = self._finders[literal] = _Finder(self.text, literal)
            return f.find(pos)

    def line_end(self, pos: int) -> int:
        """Where the line of ``pos`` ends ("." in the reference's patterns stops there)."""
        # the remembered next "\n" and "\r": no scan of the whole text for its breaks
        n = self._newline.find(pos)
        r = self._return.find(pos) if self._return is not None else -1
        if n == -1:
            return len(self.text) if r == -1 else r
        return n if r == -1 or n < r else r

    def until(self, pos: int, literal: str, skip: int, extra: int = 0, line: bool = True) -> int:
        """End of a token from ``pos`` to the first ``literal`` at ``pos + skip`` or later
        (on the same line if ``line``), plus ``extra`` characters; 0 if there is none."""
        k = self.find(literal, pos + skip)
        if k == -1 or (line and k >= self.line_end(pos)):
            return 0
        return k + len(literal) + extra

    def comment(self, pos: int) -> int:
        text = self.text
        if text.startswith("<!--", pos):
            return self.until(pos, "-->", 4, line=False)
        if text.startswith("/*", pos):
            return self.until(pos, "*/", 2, line=False)
        if text.startswith("//", pos):
            end = self.line_end(pos)
            return end if end < len(text) else 0  # the reference needs a line break after it
        return 0

    def data(self, pos: int) -> int:
        """``{…}`` as the reference's pattern ``{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))`` matches it:
        the last closing brace not followed by ``,`` or ``}`` before the first brace that
        is followed by a space and more text (or a character JavaScript's "." refuses)."""
        if self._data is None:
            text = self.text
            self._data = (
                [m.start() for m in _DATA_FORBIDDEN.finditer(text)],
                [m.start() for m in _DATA_CLOSING.finditer(text)],
            )
        forbidden, closing = self._data
        i = bisect_right(forbidden, pos)
        limit = forbidden[i] if i < len(forbidden) else len(self.text)
        j = bisect_right(closing, limit) - 1
        return closing[j] + 1 if j >= 0 and closing[j] > pos else 0

    def bracketed(self, pos: int) -> tuple[str, int]:
        """At "[": a link, a statement definition or a statement reference (in that order)."""
        text = self.text
        close = self._close.find
        j = close(pos + 1)
        if j == -1:
            return "", 0
        if j > pos + 1 and text.startswith("(", j + 1):
            k = self.find(")", j + 2)
            if k > j + 2:
                return LINK, k + 1 + (text[k + 1 : k + 2] in (" ", "\t"))
        if j == pos + 1:  # "[]": a title has at least one character
            j = close(pos + 2)
            if j == -1:
                return "", 0
        line_end = self.line_end(pos)
        if j >= line_end:
            return "", 0
        # the first "]:" of the line makes a definition, else the first "]" a reference
        if text.startswith(":", j + 1):
            return STATEMENT_DEFINITION, j + 2
        k = self._define.find(j + 1)
        if k != -1 and k < line_end:
            return STATEMENT_DEFINITION, k + 2
        return STATEMENT_REFERENCE, j + 1

    def angled(self, pos: int) -> tuple[str, int]:
        """At "<": an argument definition or reference."""
        end = self.until(pos, ">:", 2)
        if end:
            return ARGUMENT_DEFINITION, end
        return ARGUMENT_REFERENCE, self.until(pos, ">", 2)

    def mention(self, pos: int) -> tuple[str, int]:
        """At "@": a statement or argument mention (with one space after it, if any)."""
        text = self.text
        nxt = text[pos + 1 : pos + 2]
        if nxt not in ("[", "<"):
            return "", 0
        end = self.until(pos, "]" if nxt == "[" else ">", 3)
        if end and text[end : end + 1] in (" ", "\t"):
            end += 1
        return (STATEMENT_MENTION if nxt == "[" else ARGUMENT_MENTION), end

    def tag(self, pos: int) -> int:
        text = self.text
        if text.startswith("(", pos + 1):
            k = self.find(")", pos + 2)
            if k > pos + 2:
                return k + 1 + (text[k + 1 : k + 2] in (" ", "\t"))
        m = _TAG_WORD.match(text, pos)
        return m.end() if m else 0


# The common line shapes, each lexed in one step (nearly all of a generated or exported file):
# a relation to a reference (``  + [t]``), a numbered statement (``(1) [t]``), a definition
# (``[t]: text``), a lone argument reference (``<t>``) and an inference line (``----``). Each
# is only taken where the step by step path would give the same tokens (the same checks, in
# the same order); anything else is left to that path.
_BRACKETED = r"\[[^\]\r\n]+\]"
# (not "<!--", a comment, nor "<+", "<-", "<_", relations at a line start)
_ANGLED = r"<[^+\-_!>\r\n][^>\r\n]*>"
_LINE_END = r"[ \t]*(?=[\r\n]|\Z)"
_RELATION_LINE = re.compile(
    rf"([ \t]*)(\+>|->|_>|[+-])[ \t]+(?:({_BRACKETED})|({_ANGLED})){_LINE_END}"
)
_BREAK_RELATION_LINE = re.compile("\n" + _RELATION_LINE.pattern)  # (the same groups)
_NUMBER = re.compile(r"([ \t]*\(\d+\))[ \t]*(?=\[)")
_REFERENCE_LINE = re.compile(rf"({_BRACKETED}){_LINE_END}")
_DEFINITION = re.compile(rf"({_BRACKETED}:)[ \t]*")
_ARGUMENT_LINE = re.compile(rf"({_ANGLED}){_LINE_END}")
_INFERENCE_LINE = re.compile(rf"([ \t]*--)(-{{2,}}){_LINE_END}")
# characters after which the step by step path would read plain text in the middle of a line
_NOT_PLAIN = "\r\n</={\\[#.:*_@ \t"

_LINE_START_CHARS = " \t-+<>_(*0123456789"
# after a line break, the characters that may make it an empty line (or the end of the text)
_BLANKS = (" ", "\t")
_MAYBE_EMPTYLINE = ("", "\n", "\r", " ", "\t")
# characters that may start a token other than text, after the line-start tokens
_SPECIAL_CHARS = "#.:*_@<"


@dataclass(slots=True)
class Token:
    kind: str
    image: str
    start: int  # offset in the text
    end: int  # offset after the token
    after_newline: bool = False  # a line break lies between this token and the one before


@dataclass(frozen=True, slots=True)
class LexError:
    offset: int
    message: str


class Lexer:
    """Turns Argdown text into tokens (comments, spaces and line breaks are dropped)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self.errors: list[LexError] = []
        self._indents = [0]
        self._ranges: list[str] = []
        self._newline_since_token = False
        self._skipped_since_token = False
        self._delimited = _Delimited(text)

    # -- the reference lexer's state tests
    def _line_start(self) -> bool:
        return not self.tokens or self._newline_since_token

    def _after_emptyline(self) -> bool:
        return bool(self.tokens) and self.tokens[-1].kind == EMPTYLINE

    def _push(self, kind: str, image: str, start: int, end: int) -> None:
        self.tokens.append(Token(kind, image, start, end, self._newline_since_token))
        self._newline_since_token = False
        self._skipped_since_token = False

    def _indent_to(self, width: int, at: int) -> None:
        if width > self._indents[-1]:
            self._indents.append(width)
            self._push(INDENT, "", at, at)
        else:
            while len(self._indents) > 1 and width < self._indents[-1]:
                self._indents.pop()
                self._push(DEDENT, "", at, at)

    def _close_indents(self, at: int) -> None:
        while len(self._indents) > 1:
            self._indents.pop()
            self._push(DEDENT, "", at, at)

    def tokenize(self) -> list[Token]:
        text = self.text
        n = len(text)
        pos = 0
        inference = False
        default, in_inference = self._default_token, self._inference_token
        tokens = self.tokens
        common = self._common_lines
        while pos < n:
            if not inference and (
                self._newline_since_token or not tokens or tokens[-1].kind == EMPTYLINE
            ):
                pos = common(pos)
                if pos >= n:
                    break
            end = in_inference(pos) if inference else default(pos)
            if end is None:
                self.errors.append(LexError(pos, f"unexpected character {text[pos]!r}"))
                pos += 1
                continue
            if tokens and tokens[-1].start == pos:  # the inference mode starts or ends
                kind = tokens[-1].kind
                if kind == INFERENCE_START:
                    inference = True
                elif kind == INFERENCE_END:
                    inference = False
            pos = end
            # Spaces after a token, where they cannot be indentation, are skipped here
            # rather than in a call of their own (as the next call would skip them).
            if (
                text[pos : pos + 1] in _BLANKS
                and tokens
                and (inference or not self._newline_since_token)
                and tokens[-1].kind != EMPTYLINE
            ):
                m = _SPACES.match(text, pos)
                assert m is not None
                self._skipped_since_token = True
                pos = m.end()
        if self.tokens and self.tokens[-1].kind == EMPTYLINE:
            self.tokens.pop()  # the parser cannot cope with a trailing empty line
        self._close_indents(n)
        return self.tokens

    def _common_lines(self, pos: int) -> int:
        """Lex lines of the common shapes from ``pos`` (a line start, outside an inference);
        returns where a line of another shape starts or the text ends (then the step by step
        path goes on), or where a line stops having a common shape."""
        text, tokens = self.text, self.tokens
        n = len(text)
        while pos < n:
            c = text[pos]
            if c == "\n":
                # (as _default_token reads a line break: an empty line, or else a break)
                nxt = text[pos + 1 : pos + 2]
                if nxt in _BLANKS:
                    # an indented relation line (the most frequent line) is no empty line:
                    # the break and the line in one match
                    m = _BREAK_RELATION_LINE.match(text, pos)
                    if m is not None:
                        self._newline_since_token = True
                        pos = self._relation_line(m, pos + 1)
                        continue
                if nxt in _MAYBE_EMPTYLINE and (not tokens or tokens[-1].kind != EMPTYLINE):
                    m = _EMPTYLINE.match(text, pos)
                    if m and m.end() < n:
                        if len(self._indents) > 1:
                            self._close_indents(pos)
                        end = m.end()
                        tokens.append(
                            Token(EMPTYLINE, m.group(), pos, end, self._newline_since_token)
                        )
                        self._newline_since_token = self._skipped_since_token = False
                        pos = end
                        continue
                self._newline_since_token = True
                pos += 1
                continue
            if c == "\r":
                after = self._default_token(pos)  # a line break or an empty line
                assert after is not None
                pos = after
                continue
            m = None
            if c == "[":
                m = _DEFINITION.match(text, pos)
                if m:
                    end = m.end(1)
                    tokens.append(
                        Token(STATEMENT_DEFINITION, m.group(1), pos, end, self._newline_since_token)
                    )
                    self._newline_since_token = False
                    self._skipped_since_token = m.end() > end  # (blanks after it: skipped)
                    pos = self._rest_of_line(m.end())
                    if pos < n and text[pos] not in "\r\n":
                        return pos
                    continue
                m = _REFERENCE_LINE.match(text, pos)
                if m is None:
                    return pos
                self._push_line_end(STATEMENT_REFERENCE, m, 1)
            elif c in " \t+-_":
                m = _RELATION_LINE.match(text, pos)
                if m is None:
                    if c in " \t-" and (self._newline_since_token or not tokens):
                        m = _INFERENCE_LINE.match(text, pos)
                        if m:
                            self._close_indents(pos)
                            self._push(INFERENCE_START, m.group(1), pos, m.end(1))
                            self._push_line_end(INFERENCE_END, m, 2)
                            pos = m.end()
                            continue
                    if c in " \t" and _NUMBER.match(text, pos):
                        return self._numbered(pos)
                    return pos
                pos = self._relation_line(m, pos)
                continue
            elif c == "(":
                if not _NUMBER.match(text, pos):
                    return pos
                pos = self._numbered(pos)
                if pos < n and text[pos] not in "\r\n":
                    return pos
                continue
            elif c == "<":
                m = _ARGUMENT_LINE.match(text, pos)
                if m is None:
                    return pos
                self._push_line_end(ARGUMENT_REFERENCE, m, 1)
            else:
                return pos
            pos = m.end()
        return pos

    def _relation_line(self, m: re.Match[str], pos: int) -> int:
        """Push the tokens of a relation line (``m`` of _RELATION_LINE, the line starting at
        ``pos``): the indentation's, the operator and the reference; returns the line's end."""
        tokens = self.tokens
        indent, op = m.group(1, 2)
        if len(indent) != self._indents[-1]:
            self._indent_to(len(indent), pos)
        start = pos + len(indent)
        tokens.append(Token(op, indent + op, start, start + len(op), self._newline_since_token))
        self._newline_since_token = False
        # (then the blanks after the operator, skipped, and the reference)
        g = m.lastindex
        assert g is not None
        end = m.end(g)
        tokens.append(
            Token(
                ARGUMENT_REFERENCE if g == 4 else STATEMENT_REFERENCE,
                m.group(g),
                m.start(g),
                end,
                False,
            )
        )
        line_end = m.end()
        self._skipped_since_token = line_end > end
        return line_end

    def _push_line_end(self, kind: str, m: re.Match[str], group: int) -> None:
        """Push the last token of a line (``group`` of ``m``); blanks may follow it up to
        the end of ``m``."""
        end = m.end(group)
        self.tokens.append(
            Token(kind, m.group(group), m.start(group), end, self._newline_since_token)
        )
        self._newline_since_token = False
        self._skipped_since_token = m.end() > end

    def _numbered(self, pos: int) -> int:
        """A statement number and the reference or definition after it."""
        text = self.text
        m = _NUMBER.match(text, pos)
        assert m is not None
        self._close_indents(pos)
        self._push(STATEMENT_NUMBER, m.group(1), pos, m.end(1))
        pos = m.end()
        self._skipped_since_token = pos > m.end(1)
        d = _DEFINITION.match(text, pos)
        if d:
            self._push(STATEMENT_DEFINITION, d.group(1), pos, d.end(1))
            self._skipped_since_token = d.end() > d.end(1)
            return self._rest_of_line(d.end())
        r = _REFERENCE_LINE.match(text, pos)
        if r is None:
            return pos
        self._push_line_end(STATEMENT_REFERENCE, r, 1)
        return r.end()

    def _rest_of_line(self, pos: int) -> int:
        """Plain text, shortcodes and tags after a token in the middle of a line, up to the
        line's end or to the first token of another kind (returned).

        Pieces of free text that touch (``word`` then ``. ``) become one token: the parser
        joins them to the same text, and has fewer tokens to go through."""
        text, tokens = self.text, self.tokens
        n = len(text)
        joined: Token | None = None  # the free text token a touching piece joins
        while pos < n:
            c = text[pos]
            if c in _BLANKS:
                m = _SPACES.match(text, pos)
                assert m is not None
                self._skipped_since_token = True
                pos = m.end()
                continue
            if c not in _NOT_PLAIN:
                m = _TEXT_RUN.match(text, pos)
                kind = FREESTYLE
            elif c == "#":
                end = self._delimited.tag(pos)
                if not end:
                    return pos
                tokens.append(Token(TAG, text[pos:end], pos, end, False))
                self._skipped_since_token = False
                joined = None
                pos = end
                continue
            elif c == "." or c == ":":
                m = _SHORTCODE.match(text, pos)
                kind = SPECIAL
                if m is None:
                    m = _TEXT_RUN.match(text, pos)
                    kind = FREESTYLE
            else:
                return pos
            if m is None:
                return pos
            end = m.end()
            if kind is not FREESTYLE:
                tokens.append(Token(kind, m.group(), pos, end, False))
                joined = None
            elif joined is not None and joined.end == pos:
                joined.image += m.group()
                joined.end = end
            else:
                joined = Token(kind, m.group(), pos, end, False)
                tokens.append(joined)
            self._skipped_since_token = False
            pos = end
        return pos

    def _inference_token(self, pos: int) -> int | None:
        text = self.text
        c = text[pos]
        if c in "\r\n":
            m = _NEWLINE.match(text, pos)
            assert m is not None
            self._newline_since_token = True
            return m.end()
        if c in "</{":  # a comment or data, as at the head of a line
            end = self._head_token(pos, c)
            if end:
                return end
        if c == "-":
            m = _INFERENCE_END.match(text, pos)
            if m:
                self._push(INFERENCE_END, m.group(), pos, m.end())
                return m.end()
        if c == ",":
            self._push(LIST_DELIMITER, c, pos, pos + 1)
            return pos + 1
        return self._text_token(pos, _INFERENCE_FREESTYLE, _INFERENCE_CONTROL)

    def _text_token(
        self, pos: int, freestyle: re.Pattern[str] = _FREESTYLE, control: re.Pattern[str] = _CONTROL
    ) -> int | None:
        text = self.text
        m = _SPACES.match(text, pos)
        if m:
            self._skipped_since_token = True
            return m.end()
        m = freestyle.match(text, pos)
        if m:
            self._push(FREESTYLE, m.group(), pos, m.end())
            return m.end()
        m = control.match(text, pos)
        if m:
            self._push(CONTROL_CHAR, m.group(), pos, m.end())
            return m.end()
        return None

    def _default_token(self, pos: int) -> int | None:
        # The hot path of reading: attributes bound to locals and the common tokens
        # (line breaks, relations, brackets, text) pushed inline rather than through _push.
        text = self.text
        c = text[pos]
        tokens = self.tokens
        if c in "\r\n":
            # an empty line needs a second break, maybe after spaces
            if text[pos + 1 : pos + 2] in _MAYBE_EMPTYLINE and (
                not tokens or tokens[-1].kind != EMPTYLINE
            ):
                m = _EMPTYLINE.match(text, pos)
                if m and m.end() < len(text):
                    self._close_indents(pos)
                    self._push(EMPTYLINE, m.group(), pos, m.end())
                    return m.end()
            self._newline_since_token = True
            return pos + 2 if text.startswith("\r\n", pos) else pos + 1
        if c in "</={\\":
            end = self._head_token(pos, c)
            if end:
                return end
        if c in _LINE_START_CHARS and (
            self._newline_since_token or not tokens or tokens[-1].kind == EMPTYLINE
        ):
            found = self._line_start_token(pos, c)
            if found is not None:
                return found
        if c == "[":
            kind, end = self._delimited.bracketed(pos)
            if end:
                tokens.append(Token(kind, text[pos:end], pos, end, self._newline_since_token))
                self._newline_since_token = self._skipped_since_token = False
                return end
        elif c in _SPECIAL_CHARS:
            found = self._special_token(pos, c)
            if found is not None:
                return found
        m = _SPACES_OR_TEXT.match(text, pos)
        if m is None:
            return None
        end = m.end()
        if m.lastgroup == "spaces":
            self._skipped_since_token = True
        else:
            tokens.append(Token(FREESTYLE, m.group(), pos, end, self._newline_since_token))
            self._newline_since_token = self._skipped_since_token = False
        return end

    def _special_token(self, pos: int, c: str) -> int | None:
        """Headings, shortcodes, bold and italic, tags, mentions and argument titles."""
        text = self.text
        push = self._push
        if c == "#" and (not self.tokens or self._after_emptyline()):
            m = _HEADING.match(text, pos)
            if m:
                push(HEADING, m.group(), pos, m.end())
                return m.end()
        if c in ".:":
            m = _SHORTCODE.match(text, pos)
            if m:
                push(SPECIAL, m.group(), pos, m.end())
                return m.end()
            return None
        if c in "*_":
            return self._range_token(pos)
        d = self._delimited
        if c == "#":
            kind, end = TAG, d.tag(pos)
        elif c == "@":
            kind, end = d.mention(pos)
        else:
            kind, end = d.angled(pos)
        if end:
            push(kind, text[pos:end], pos, end)
            return end
        return None

    def _head_token(self, pos: int, c: str) -> int:
        """Comments (skipped), front matter, data and escaped characters; 0 if none."""
        text = self.text
        if c in "</":
            end = self._delimited.comment(pos)
            if end:
                self._skipped_since_token = True
            return end
        if c == "=":
            m = _FRONT_MATTER.match(text, pos)
            if m:
                self._push(FRONT_MATTER, m.group(), pos, m.end())
                return m.end()
            return 0
        if c == "{":
            end = self._delimited.data(pos)
            if end:
                self._push(DATA, text[pos:end], pos, end)
            return end
        m = _ESCAPED.match(text, pos)
        if m:
            self._push(ESCAPED, m.group(), pos, m.end())
            return m.end()
        return 0

    def _line_start_token(self, pos: int, c: str) -> int | None:
        """Inference lines, relations, statement numbers and list items (line start only)."""
        text = self.text
        push = self._push
        line_start = not self.tokens or self._newline_since_token
        if line_start and c in " \t-":
            m = _INFERENCE_START.match(text, pos)
            if m:
                self._close_indents(pos)
                push(INFERENCE_START, m.group(), pos, m.end())
                return m.end()
        if c in " \t+-<>_":
            m = _RELATION.match(text, pos)
            if m:
                indent, op = m.group(1, 2)
                if len(indent) != self._indents[-1]:
                    self._indent_to(len(indent), pos)
                end = m.end()
                push(op, m.group(), pos + len(indent), end)
                return end
        if c in " \t(*0123456789":
            m = _STATEMENT_NUMBER.match(text, pos)
            if m:
                self._close_indents(pos)
                push(STATEMENT_NUMBER, m.group(), pos, m.end())
                return m.end()
            for pattern, kind in ((_ORDERED_ITEM, ORDERED_ITEM), (_UNORDERED_ITEM, UNORDERED_ITEM)):
                m = pattern.match(text, pos)
                if m:
                    # +1: a list may start at column 1 but must still open a level
                    self._indent_to(len(m.group(1)) + 1, pos)
                    push(kind, m.group(), pos, m.end())
                    return m.end()
        return None

    def _range_token(self, pos: int) -> int | None:
        """Bold and italic ends (tried first), then starts, as the reference lexer does."""
        text = self.text
        if self._ranges and self.tokens and not self._skipped_since_token:
            for name, pattern, kind in _ENDS:
                if self._ranges[-1] == name:
                    m = pattern.match(text, pos)
                    if m:
                        self._ranges.pop()
                        self._push(kind, m.group(), pos, m.end())
                        return m.end()
        for name, pattern, kind in _STARTS:
            m = pattern.match(text, pos)
            if m:
                self._ranges.append(name)
                self._push(kind, m.group(), pos, m.end())
                return m.end()
        return None


class Lines:
    """Offsets to 1-based line and column numbers.

    The table of line starts is made when a line is first asked for: a file that reads
    without problems asks for few (its syntax tree keeps offsets), often none."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        """Where each line starts: the line of an offset is bisect_right(starts, offset)."""
        text = self.text
        if "\r" in text:
            return [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
        # the common case, faster: each line's length plus its break
        starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]
        starts.pop()  # the end of the text starts no line
        return starts

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1
