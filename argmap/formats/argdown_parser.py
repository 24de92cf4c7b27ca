"""Argdown syntax tree: a recursive-descent parser over :mod:`argdown_lexer` tokens.

It follows the grammar of the reference parser (@argdown/core ``parser.ts``): a document is
front matter and then top-level elements separated by empty lines (headings, statements,
arguments, premise–conclusion structures, lists); statements and arguments may carry ``{…}``
data and indented relations. A paragraph that does not parse is dropped and reported with its
line and column (the reference parser reports it too); the rest of the document is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.formats import argdown_lexer as lx
from argmap.formats.argdown_shortcodes import character
from argmap.formats.common import MAX_DEPTH

_TEXT_START = {
    lx.SPECIAL,
    lx.FREESTYLE,
    lx.CONTROL_CHAR,
    lx.ESCAPED,
    lx.LINK,
    lx.BOLD_START,
    lx.ITALIC_START,
    lx.TAG,
    lx.ARGUMENT_MENTION,
    lx.STATEMENT_MENTION,
}
# What may follow a statement's title and still belong to it (tags, data, its relations).
_MORE_OF_A_STATEMENT = {lx.TAG, lx.DATA, lx.INDENT}
# Which side the element above a relation is on: "from" (it is the source) or "to".
RELATION_KIND = {
    "+>": ("support", "from"),
    "->": ("attack", "from"),
    "+": ("support", "to"),
    "<+": ("support", "to"),
    "-": ("attack", "to"),
    "<-": ("attack", "to"),
    "><": ("contradictory", "from"),
    "_>": ("undercut", "from"),
    "<_": ("undercut", "to"),
    "_": ("undercut", "to"),
}


@dataclass(slots=True)
class Content:
    """Statement text as the reference model builds it, and the tags found in it."""

    text: str = ""
    text_without_tags: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Node:
    """A statement or argument as written, with its content (text and tags) in its own
    fields; the document builder then completes it in place as a member of its statement or
    argument (``role``, normalised ``text``, ``plain``): one object per node, not three."""

    kind: str  # "statement" | "argument"
    start: int  # offset of its first token (Lines.line gives its line, when it is asked for)
    title: str | None = None
    is_reference: bool = False
    text: str = ""
    text_without_tags: str = ""
    tags: list[str] = field(default_factory=list)
    data: Any = None
    relations: list[Relation] = field(default_factory=list)
    has_relations: bool = False
    role: str = ""  # (set by the document builder)
    plain: str = ""  # the normalised text without its tags (set by the document builder)


@dataclass(slots=True)
class Relation:
    op: str
    start: int  # offset of the operator
    child: Node


@dataclass
class Inference:
    start: int  # offset of its line
    rules: list[str]
    data: Any
    relations: list[Relation]


@dataclass
class Pcs:
    start: int  # offset of its first statement
    items: list[Node | Inference]


@dataclass
class Heading:
    line: int
    level: int
    content: Content
    data: Any


@dataclass
class ListBlock:
    start: int  # offset of its indentation
    items: list[Node]


Element = Heading | Node | Pcs | ListBlock


@dataclass
class SyntaxIssue:
    line: int
    column: int
    message: str
    end_line: int  # last line of the dropped paragraph


_EOF = "eof"


class ParseFailure(Exception):
    def __init__(self, token: lx.Token | None, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


@dataclass
class Tree:
    front_matter: str | None
    elements: list[Element]
    issues: list[SyntaxIssue]
    # the lines of the text, for the line numbers of the tree's offsets (not part of what
    # the tree says: trees of the same text compare equal)
    lines: lx.Lines = field(compare=False, repr=False)


def parse(text: str, data_parser: Any) -> Tree:
    """Parse Argdown text. ``data_parser(image, line)`` turns a ``{…}`` image into data."""
    lexer = lx.Lexer(text)
    tokens = lexer.tokenize()
    lines = lx.Lines(text)
    return _Parser(tokens, lines, data_parser, lexer.errors).document()


class _Parser:
    def __init__(
        self, tokens: list[lx.Token], lines: lx.Lines, data_parser: Any, errors: list[lx.LexError]
    ) -> None:
        # sentinels at the end: peeking (up to two ahead) never runs off the list
        end = tokens[-1].end if tokens else 0
        self.tokens = [*tokens, *(lx.Token(_EOF, "", end, end) for _ in range(3))]
        self.n = len(tokens)
        self.i = 0
        self.depth = 0  # nesting of relations and of bold/italic (the recursion's depth)
        self.lines = lines
        self.data_parser = data_parser
        self.issues = [
            SyntaxIssue(*lines.line_col(e.offset), e.message, lines.line_col(e.offset)[0])
            for e in errors
        ]

    # -- token access
    def peek(self, k: int = 0) -> lx.Token | None:
        j = self.i + k
        return self.tokens[j] if j < self.n else None

    def kind(self, k: int = 0) -> str:
        return self.tokens[self.i + k].kind

    def take(self) -> lx.Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def expect(self, kind: str, what: str) -> lx.Token:
        t = self.peek()
        if t is None or t.kind != kind:
            raise ParseFailure(t, f"expected {what}, found {_describe(t)}")
        return self.take()

    def line(self, t: lx.Token) -> int:
        return self.lines.line(t.start)

    # -- document
    def document(self) -> Tree:
        front = None
        if self.kind() == lx.EMPTYLINE:
            self.take()
        if self.kind() == lx.FRONT_MATTER:
            front = self.take().image
            if self.kind() == lx.EMPTYLINE:
                self.take()
        elements: list[Element] = []
        tokens, n = self.tokens, self.n
        while self.i < n:
            start = self.i
            try:
                element = self.element()
                k = tokens[self.i].kind
                if k != lx.EMPTYLINE and k != _EOF:
                    raise ParseFailure(
                        self.peek(), f"expected an empty line, found {_describe(self.peek())}"
                    )
                elements.append(element)
            except ParseFailure as failure:
                self.recover(start, failure)
            if tokens[self.i].kind == lx.EMPTYLINE:
                self.i += 1
        if not elements and not self.issues:
            # the reference needs at least one element; an empty map must not pass silently
            end = self.lines.line_col(self.tokens[-1].end if self.tokens else 0)
            self.issues.append(SyntaxIssue(*end, "no statement or argument in the file", end[0]))
        return Tree(front, elements, self.issues, self.lines)

    def recover(self, start: int, failure: ParseFailure) -> None:
        """Drop the paragraph: skip to the next empty line, and note what was dropped."""
        self.depth = 0
        at = failure.token if failure.token is not None else self.peek()
        if at is None:
            offset = self.tokens[-1].end if self.tokens else 0
        elif at.kind == lx.EMPTYLINE:
            offset = at.end  # where the next paragraph starts
        else:
            offset = at.start
        line, col = self.lines.line_col(offset)
        while self.peek() is not None and self.kind() != lx.EMPTYLINE:
            self.i += 1
        last = self.tokens[self.i - 1] if self.i > start else self.tokens[start]
        self.issues.append(SyntaxIssue(line, col, failure.message, self.line(last)))

    def element(self) -> Element:
        t = self.tokens[self.i]  # (document() calls this before the end only)
        k = t.kind
        if k == lx.STATEMENT_DEFINITION or k == lx.STATEMENT_REFERENCE:  # (the most frequent)
            return self.statement()
        if k == lx.HEADING:
            return self.heading()
        if k == lx.STATEMENT_NUMBER:
            return self.pcs()
        if k in (lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE):
            return self.argument()
        if k == lx.INDENT and self.kind(1) in (lx.ORDERED_ITEM, lx.UNORDERED_ITEM):
            return self.list_block()
        if k in _TEXT_START or k in (lx.STATEMENT_DEFINITION, lx.STATEMENT_REFERENCE):
            return self.statement()
        if k in RELATION_KIND:
            raise ParseFailure(t, "a relation without an element above it (after an empty line)")
        if k == lx.INDENT and self.kind(1) in RELATION_KIND:
            raise ParseFailure(
                self.peek(1), "a relation without an element above it (after an empty line)"
            )
        raise ParseFailure(t, f"unexpected {_describe(t)}")

    def heading(self) -> Heading:
        t = self.take()
        content = Content()
        self.content(content)
        data = self.data()
        return Heading(self.line(t), len(t.image) - 1, content, data)

    def list_block(self) -> ListBlock:
        first = self.expect(lx.INDENT, "an indented list")
        items: list[Node] = []
        item_kind = self.kind()
        while self.kind() == item_kind:
            self.take()
            if self.kind() in (lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE):
                items.append(self.argument())
            else:
                items.append(self.statement())
        self.expect(lx.DEDENT, "the end of the list")
        return ListBlock(first.start, items)

    def pcs(self) -> Pcs:
        first = self.tokens[self.i]
        items: list[Node | Inference] = [self.pcs_statement()]
        tails = 0
        while self.kind() in (lx.STATEMENT_NUMBER, lx.INFERENCE_START):
            while self.kind() == lx.STATEMENT_NUMBER:
                items.append(self.pcs_statement())
            items.append(self.inference())
            if self.kind() != lx.STATEMENT_NUMBER:
                raise ParseFailure(
                    self.peek(),
                    "a premise–conclusion structure must end with a numbered conclusion, "
                    f"found {_describe(self.peek())}",
                )
            items.append(self.pcs_statement())
            tails += 1
        if not tails:
            raise ParseFailure(
                self.peek(),
                "a premise–conclusion structure without a conclusion (needs an inference "
                f"line ---- and a numbered conclusion), found {_describe(self.peek())}",
            )
        return Pcs(first.start, items)

    def pcs_statement(self) -> Node:
        self.expect(lx.STATEMENT_NUMBER, "a numbered statement")
        if self.kind() in (lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE):
            raise ParseFailure(
                self.peek(),
                "an argument cannot be a premise or conclusion; use a statement ([Title])",
            )
        return self.statement()

    def inference(self) -> Inference:
        t = self.expect(lx.INFERENCE_START, "an inference line (--)")
        rules: list[str] = []
        if self.kind() in (lx.FREESTYLE, lx.CONTROL_CHAR, lx.ESCAPED):
            rules.append(self.freestyle())
            while self.kind() == lx.LIST_DELIMITER:
                self.take()
                rules.append(self.freestyle())
        data = self.data()
        self.expect(lx.INFERENCE_END, "the end of the inference line (--)")
        relations: list[Relation] = []
        if self.kind() == lx.INDENT:
            self.take()
            while self.kind() in ("<_", "_"):
                op = self.take()
                relations.append(Relation(op.kind, op.start, self.statement_or_argument()))
            if not relations:
                raise ParseFailure(self.peek(), "only undercuts (<_) can follow an inference")
            self.expect(lx.DEDENT, "the end of the indented relations")
        return Inference(t.start, [r.strip() for r in rules], data, relations)

    def freestyle(self) -> str:
        parts: list[str] = []
        while self.kind() in (lx.FREESTYLE, lx.CONTROL_CHAR, lx.ESCAPED):
            t = self.take()
            if t.after_newline and parts:
                parts.append(" ")
            parts.append(t.image[1:] if t.kind == lx.ESCAPED else t.image)
        return "".join(parts)

    def statement_or_argument(self) -> Node:
        if self.kind() in (lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE):
            return self.argument()
        return self.statement()

    def statement(self) -> Node:
        # (the most frequent element: tokens looked at directly, not through kind())
        tokens = self.tokens
        t = tokens[self.i]
        k = t.kind
        start = t.start
        if k == lx.STATEMENT_REFERENCE:
            self.i += 1
            node = Node("statement", start, t.image[1:-1], True)
            if tokens[self.i].kind == lx.TAG:
                self.tags_only(node)
        elif k == lx.STATEMENT_DEFINITION:
            self.i += 1
            node = Node("statement", start, t.image[1:-2])
            self.content(node)
        elif k in _TEXT_START:
            node = Node("statement", start)
            self.content(node)
        else:
            raise ParseFailure(t, f"expected a statement, found {_describe(t)}")
        k = tokens[self.i].kind
        if k == lx.DATA:
            node.data = self.data()
            k = tokens[self.i].kind
        if k == lx.INDENT:
            self.relations(node)
        return node

    def argument(self) -> Node:
        t = self.take()
        node = Node("argument", t.start)
        if t.kind == lx.ARGUMENT_DEFINITION:
            node.title = t.image[1:-2]
            self.content(node)
        elif t.kind == lx.ARGUMENT_REFERENCE:
            node.title = t.image[1:-1]
            node.is_reference = True
            self.tags_only(node)
        else:
            raise ParseFailure(t, f"expected an argument, found {_describe(t)}")
        node.data = self.data()
        self.relations(node)
        return node

    def tags_only(self, content: Node) -> None:
        while self.kind() == lx.TAG:
            content.text += self.add_tag(content, self.take())

    def data(self) -> Any:
        if self.kind() == lx.DATA:
            t = self.take()
            return self.data_parser(t.image, self.line(t))
        return None

    def relations(self, node: Node) -> None:
        tokens = self.tokens
        if tokens[self.i].kind != lx.INDENT or tokens[self.i + 1].kind not in RELATION_KIND:
            return
        if self.depth >= MAX_DEPTH:
            raise ParseFailure(self.peek(), f"relations nested deeper than {MAX_DEPTH} levels")
        self.i += 1
        node.has_relations = True
        self.depth += 1
        while tokens[self.i].kind in RELATION_KIND:
            op = tokens[self.i]
            self.i += 1
            t = tokens[self.i]
            if (
                t.kind == lx.STATEMENT_REFERENCE
                and op.kind != "_>"
                and tokens[self.i + 1].kind not in _MORE_OF_A_STATEMENT
            ):
                # a bare reference (``+ [t]``, the most frequent child): statement()'s
                # work for it, inline
                self.i += 1
                child = Node("statement", t.start, t.image[1:-1], True)
            elif op.kind == "><":
                child = self.statement()
            elif op.kind == "_>":
                if self.kind() not in (lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE):
                    raise ParseFailure(self.peek(), "an undercut (_>) comes from an argument")
                child = self.argument()
            elif tokens[self.i].kind in (lx.ARGUMENT_DEFINITION, lx.ARGUMENT_REFERENCE):
                child = self.argument()
            else:
                child = self.statement()
            node.relations.append(Relation(op.kind, op.start, child))
        self.expect(lx.DEDENT, "a relation or the end of the indented relations")
        self.depth -= 1

    # -- text
    def content(self, content: Content | Node) -> None:
        """Read text into ``content`` (a node's own fields, or a heading's content)."""
        self.inline(content, closing=None)
        if not content.text and not content.tags:
            raise ParseFailure(self.peek(), f"expected text, found {_describe(self.peek())}")

    def add_tag(self, content: Content | Node, t: lx.Token) -> str:
        """Note the tag of ``t`` in ``content``; returns the text it adds (its image)."""
        image = t.image
        body = image.rstrip(" \t")[1:]
        tag = body[1:-1] if body.startswith("(") else body
        if tag not in content.tags:
            content.tags.append(tag)
        return image

    def inline(self, content: Content | Node, closing: str | None) -> None:
        """Statement content up to a range end (``closing``) or a non-text token."""
        tokens = self.tokens
        t = tokens[self.i]
        if (
            t.kind == lx.FREESTYLE
            and tokens[self.i + 1].kind not in _TEXT_START
            and not content.text
            and not content.text_without_tags
        ):
            # one piece of plain text and nothing else (the lexer joins a line's touching
            # pieces): the most frequent content, read without the loop below
            self.i += 1
            content.text = content.text_without_tags = t.image
            return
        # (the pieces of both texts are gathered in lists and joined once at the end)
        seen = False
        n = self.n
        text: list[str] = [content.text]
        plain: list[str] = [content.text_without_tags]
        while self.i < n:
            t = tokens[self.i]
            k = t.kind
            if k not in _TEXT_START:
                break
            if t.after_newline and seen:
                text.append(" ")
                plain.append(" ")
            seen = True
            self.i += 1
            if k == lx.FREESTYLE or k == lx.CONTROL_CHAR:
                text.append(t.image)
                plain.append(t.image)
            elif k == lx.ESCAPED:
                text.append(t.image[1:])
                plain.append(t.image[1:])
            elif k == lx.SPECIAL:
                text.append(character(t.image))
                plain.append(character(t.image))
            elif k == lx.TAG:
                text.append(self.add_tag(content, t))
            elif k in (lx.STATEMENT_MENTION, lx.ARGUMENT_MENTION):
                text.append(t.image)
                plain.append(t.image)
            elif k == lx.LINK:
                label = t.image[1 : t.image.index("](")]
                trailing = " " if t.image[-1] in " \t" else ""
                text.append(label + trailing)
                plain.append(label + trailing)
            else:  # bold or italic start: the range runs to its end token
                end_kind = lx.BOLD_END if k == lx.BOLD_START else lx.ITALIC_END
                if self.depth >= MAX_DEPTH:
                    raise ParseFailure(t, f"bold and italic nested deeper than {MAX_DEPTH} levels")
                inner = Content()
                self.depth += 1
                self.inline(inner, closing=end_kind)
                self.depth -= 1
                end = self.expect(end_kind, "the end of the bold or italic text")
                trailing = " " if end.image[-1] in " \t" else ""
                text.append(inner.text + trailing)
                plain.append(inner.text_without_tags + trailing)
                content.tags += [tag for tag in inner.tags if tag not in content.tags]
        content.text = "".join(text)
        content.text_without_tags = "".join(plain)


def _describe(t: lx.Token | None) -> str:
    if t is None:
        return "the end of the file"
    if t.kind == lx.EMPTYLINE:
        return "an empty line"
    if t.kind == lx.INFERENCE_START:
        return "an inference line (--) outside a premise–conclusion structure"
    if t.kind in (lx.INDENT, lx.DEDENT):
        return "a change of indentation"
    return repr(t.image.strip()[:30])
