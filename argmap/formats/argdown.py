"""Argdown: the plain-text argument syntax of the Argdown parser and its VS Code extension.

Export (checked against the real parser in the tests):

- every claim is a statement ``[id]: text #tag #(two words)``, followed by its incoming
  one-premise supports (``+ [p]``) and attacks (``- [p]``);
- a relation with several premises, or one that an undercut aims at, is an argument ``<rid>``
  with a premise–conclusion structure: premises ``(1) [p]…``, a ``----`` line and the target as
  conclusion (supports); for an attack or undercut the conclusion is a statement titled like the
  argument (``[rid]``) that attacks the target (``-> [t]``) or undercuts it (``_> <t>``);
- a one-premise undercut is ``[p]`` with ``_> <rid>`` below it;
- title, description and thesis go in the YAML front matter;
- Argdown has no concession and no change of position: a ``qualify`` or ``supersede`` is
  written as its nearest construct, an attack, and inline data brings it back: a statement
  ``[q]: … {argmap: {qualifies: ["t"]}}`` (one premise), an argument
  ``<r>: … {argmap: {kind: "qualify"}}`` (linked). Attribution and provenance go in the same
  ``argmap`` data of the statement; :func:`apply_argmap_data` reads all of it back.

Import reads what people write: ``//`` and ``/* */`` comments, front matter, ``#`` headings,
statements and arguments with or without text, premise–conclusion structures (several
inference steps), relations ``+ - _`` and ``<+ <- <_`` (incoming), ``+> -> _>`` (outgoing),
``><`` (contradiction: two attacks), nested by indentation, tags and backslash escapes.
What the map cannot hold (sections, notes, anchors, relation ids…) is reported.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats.common import (
    MAX_DEPTH,
    MAX_ITEMS,
    decode_text,
    finish_map,
    guess_thesis,
    report_loss,
)
from argmap.model.argument_map import ArgumentMap, check_id, natural_key
from argmap.model.elements import (
    Attribution,
    AttributionKind,
    Claim,
    Provenance,
    Relation,
    RelationKind,
)

# ---------------------------------------------------------------------------- writing

# Characters the Argdown lexer gives a meaning (its tokens: comments, tags, mentions, emphasis,
# data), and '.' or ':' followed by more text: ".x." and ":x:" are its "special character"
# tokens, which keep backslashes raw.
_ESCAPE = re.compile(r"([\\/#\[\]<>*_{}@`~]|[.:](?=\S))")
_SAFE_TITLE = re.compile(r"^[^\s\[\]<>\\#@`*_{}/][^\[\]<>\\\n]*$")


def escape(text: str) -> str:
    r"""Text safe inside an Argdown statement: special characters get a backslash.

    >>> escape("see: http://x.org #1 [a].")
    'see: http\\:\\/\\/x\\.org \\#1 \\[a\\].'
    """
    return _ESCAPE.sub(r"\\\1", " ".join(text.split()))


def _tag(tag: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", tag):
        return "#" + tag
    if "(" in tag or ")" in tag:
        report_loss("parentheses in tags become spaces (Argdown ends a tag at ')')")
    return "#(" + tag.replace(")", " ").replace("(", " ").strip() + ")"


def write(m: ArgumentMap) -> bytes:
    """Argdown text of the map (UTF-8)."""
    return dumps(m).encode("utf-8")


def dumps(m: ArgumentMap) -> str:
    claims = sorted(m.claims(), key=lambda c: natural_key(c.id))
    relations = sorted(m.relations(), key=lambda r: natural_key(r.id))
    titles = _titles([c.id for c in claims] + [r.id for r in relations])
    undercut_targets = {r.target for r in relations if r.kind is RelationKind.UNDERCUT}
    as_argument = {r.id for r in relations if len(r.premises) > 1 or r.id in undercut_targets}
    _report_write_losses(m)

    out: list[str] = ["==="]
    out.append("title: " + json.dumps(m.title, ensure_ascii=False))
    if m.description:
        out.append("description: " + json.dumps(m.description, ensure_ascii=False))
    if m.thesis is not None:
        out.append("thesis: " + json.dumps(titles[m.thesis], ensure_ascii=False))
    out += ["===", ""]

    incoming: dict[str, list[Relation]] = {}
    for r in relations:
        if r.id not in as_argument and r.kind is not RelationKind.UNDERCUT:
            incoming.setdefault(r.target, []).append(r)
    neutral: dict[str, dict[str, list[str]]] = {}  # premise -> "qualifies" -> target titles
    for targets in incoming.values():
        for r in targets:
            if r.kind in _DATA_KEY:
                by_key = neutral.setdefault(r.premises[0], {})
                by_key.setdefault(_DATA_KEY[r.kind], []).append(titles[r.target])
    order = ([m.thesis] if m.thesis else []) + [c.id for c in claims if c.id != m.thesis]
    for cid in order:
        c = m.claim(cid)
        tags = "".join(" " + _tag(t) for t in c.tags)
        data = _inline_data(claim_data(c, neutral.get(cid, {})))
        out.append(f"[{titles[cid]}]: {escape(c.text)}{tags}{data}".rstrip())
        for r in incoming.get(cid, []):
            sign = "+" if r.kind is RelationKind.SUPPORT else "-"
            out.append(f"  {sign} [{titles[r.premises[0]]}]")
        out.append("")
    for r in relations:
        if r.id in as_argument:
            if r.kind in _DATA_KEY:
                data = _inline_data({"kind": r.kind.value})
                out.append(f"<{titles[r.id]}>: {_KIND_WORDS[r.kind]}.{data}")
            else:
                out.append(f"<{titles[r.id]}>")
            out.append("")
            for i, p in enumerate(r.premises, 1):
                out.append(f"({i}) [{titles[p]}]")
            out.append("----")
            n = len(r.premises) + 1
            if r.kind is RelationKind.SUPPORT:
                out.append(f"({n}) [{titles[r.target]}]")
            elif r.kind is not RelationKind.UNDERCUT:
                prefix = "Not: " if r.kind is RelationKind.ATTACK else _KIND_WORDS[r.kind] + ": "
                text = escape(prefix + m.claim(r.target).text)
                out.append(f"({n}) [{titles[r.id]}]: {text}")
                out.append(f"  -> [{titles[r.target]}]")
            else:
                out.append(f"({n}) [{titles[r.id]}]: The inference of {titles[r.target]} fails.")
                out.append(f"  _> <{titles[r.target]}>")
            out.append("")
        elif r.kind is RelationKind.UNDERCUT:
            out.append(f"[{titles[r.premises[0]]}]")
            out.append(f"  _> <{titles[r.target]}>")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# The argmap kinds Argdown has no relation for, written as attacks with data (see above).
_DATA_KEY = {RelationKind.QUALIFY: "qualifies", RelationKind.SUPERSEDE: "supersedes"}
_KIND_WORDS = {RelationKind.QUALIFY: "Qualifies", RelationKind.SUPERSEDE: "Supersedes"}
# Inside data, characters the Argdown lexer could take for the end of the data, a tag or a
# reference are written as JSON \u escapes (valid in YAML's double-quoted strings).
_DATA_UNSAFE = re.compile(r"[{}\[\]#<>]")


def claim_data(c: Claim, relations: dict[str, list[str]]) -> dict[str, Any]:
    """The ``argmap`` inline data of a claim's statement: who asserts it, whether the map's
    editor added it, and the titles it qualifies or supersedes (empty: no data)."""
    data: dict[str, Any] = dict(relations)
    if c.attribution is not None:
        a = c.attribution
        data["attribution"] = {"kind": a.kind.value, "name": a.name, "role": a.role}
    if c.provenance is not Provenance.ARTICLE:
        data["provenance"] = c.provenance.value
    return data


def _inline_data(data: dict[str, Any]) -> str:
    """`` {argmap: {…}}`` in YAML flow syntax (JSON is valid YAML), or nothing."""
    return " {argmap: " + _flow(data) + "}" if data else ""


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = json.dumps(str(value), ensure_ascii=True)
    return _DATA_UNSAFE.sub(lambda mt: f"\\u{ord(mt[0]):04x}", text)


def apply_argmap_data(
    claims: list[Claim],
    relations: list[Relation],
    statement_data: Mapping[str, Mapping[str, Any]],
    argument_data: Mapping[str, Mapping[str, Any]],
    titles: Mapping[str, str],
) -> tuple[list[Claim], list[Relation]]:
    """Read back what :func:`dumps` keeps in inline data. For the reader to call at the end.

    ``statement_data``/``argument_data``: the inline data of each statement/argument, by
    claim/relation id (as the real parser gives it: ``{"argmap": {...}}``); ``titles``: the
    Argdown title of each claim id. A one-premise attack whose premise's data lists the
    target's title under ``qualifies``/``supersedes`` becomes that kind, as does a relation
    read from an argument whose data says ``kind``; attribution and provenance go back on the
    claim. Anything malformed is ignored (reported), never fatal.
    """
    kinds = {v: k for k, v in _DATA_KEY.items()}
    out_claims: list[Claim] = []
    for c in claims:
        raw = statement_data.get(c.id, {}).get("argmap")
        if isinstance(raw, Mapping):
            try:
                c = _with_claim_data(c, raw)
            except (TypeError, ValueError, KeyError):
                report_loss("malformed argmap data of a statement was ignored")
        out_claims.append(c)
    out_relations: list[Relation] = []
    for r in relations:
        kind: RelationKind | None = None
        arg = argument_data.get(r.id, {}).get("argmap")
        if isinstance(arg, Mapping) and arg.get("kind") in ("qualify", "supersede"):
            kind = RelationKind(arg["kind"])
        elif len(r.premises) == 1:
            raw = statement_data.get(r.premises[0], {}).get("argmap")
            if isinstance(raw, Mapping):
                for key, k in kinds.items():
                    listed = raw.get(key)
                    if isinstance(listed, list) and titles.get(r.target) in listed:
                        kind = k
        if kind is not None and r.kind is RelationKind.ATTACK:
            r = dataclasses.replace(r, kind=kind)
        out_relations.append(r)
    return out_claims, out_relations


def _with_claim_data(c: Claim, raw: Mapping[str, Any]) -> Claim:
    attribution = c.attribution
    a = raw.get("attribution")
    if isinstance(a, Mapping):
        kind = AttributionKind(a["kind"])
        name, role = str(a.get("name") or ""), str(a.get("role") or "")
        if kind is AttributionKind.NAMED and not name.strip():
            raise ValueError("a named attribution needs a name")
        attribution = None if kind is AttributionKind.AUTHOR else Attribution(kind, name, role)
    provenance = Provenance(raw.get("provenance", c.provenance))
    return dataclasses.replace(c, attribution=attribution, provenance=provenance)


def _titles(ids: list[str]) -> dict[str, str]:
    """Ids as Argdown titles; an id Argdown cannot hold gets a stand-in (reported)."""
    titles: dict[str, str] = {}
    used = set(ids)
    n = 0
    for i in ids:
        if _SAFE_TITLE.match(i) and i == i.strip():
            titles[i] = i
            continue
        n += 1
        while f"id{n}" in used:
            n += 1
        titles[i] = f"id{n}"
        used.add(titles[i])
        report_loss(f"id {i!r} cannot be an Argdown title; written as {titles[i]!r}")
    return titles


def _report_write_losses(m: ArgumentMap) -> None:
    if any(c.anchors for c in m.claims()) or any(True for _ in m.articles()):
        report_loss("Argdown keeps no articles or anchors")
    if any(c.notes for c in m.claims()):
        report_loss("Argdown keeps no notes of claims")
    if any("\n" in c.text or c.text != c.text.strip() for c in m.claims()):
        report_loss("line breaks and outer spaces in claim texts become single spaces")
    if any(
        c.position is not None or c.pinned or c.collapsed or c.assumption or c.rehearsal
        for c in m.claims()
    ):
        report_loss("Argdown keeps no positions, pins, assumptions or rehearsal marks")
    if any(len(r.premises) == 1 and r.kind is not RelationKind.UNDERCUT for r in m.relations()):
        report_loss("ids of one-premise relations are not kept (Argdown relations have none)")


# ---------------------------------------------------------------------------- reading


@dataclass
class _Statement:
    title: str
    text: str = ""
    tags: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class _Argument:
    title: str
    text: str = ""
    line: int = 0
    # premise-conclusion structure: list of steps (premise titles, conclusion title)
    steps: list[tuple[list[str], str]] = field(default_factory=list)


@dataclass
class _Rel:
    kind: RelationKind
    src: tuple[str, str]  # ("s" | "a", title)
    dst: tuple[str, str]
    line: int


_REL = re.compile(r"^(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(.*)$")
_PCS = re.compile(r"^\((\d+)\)\s*(.*)$")
_INFERENCE = re.compile(r"^-{2,}\s*$|^--(?!-).*--\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_DATA = re.compile(r"(?<!\\)\{.*\}\s*$")  # an unescaped {…} at the end of a line
_TOKEN = re.compile(r"\\(.)|#\(([^)]*)\)|#([^\s#()\[\]<>\\]+)")


def sniff(data: bytes) -> bool:
    head = data[:2048]
    return bool(re.search(rb"^\s*(\[[^\]\n]+\]:|<[^>\n]+>:|===\s*$)", head, re.M))


def read(data: bytes, file: str) -> ArgumentMap:
    """Read Argdown text into a map; what it cannot hold is reported."""
    text = decode_text(data, file, "Argdown")
    return _Parser(text, file).parse()


class _Parser:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.text = text
        self.statements: dict[str, _Statement] = {}
        self.arguments: dict[str, _Argument] = {}
        self.relations: list[_Rel] = []
        self.front: dict[str, str] = {}
        self.headings: list[str] = []
        self.anon = 0

    def error(self, line: int, col: int, message: str) -> ArgmapError:
        return ArgmapError(message, file=self.file, place=f"line {line}:{col}")

    # -- lexical
    def strip_comments(self, text: str) -> str:
        def blank(mt: re.Match[str]) -> str:
            s = mt.group(0)
            if s.startswith("\\"):
                return s
            return re.sub(r"[^\n]", " ", s)

        return re.sub(r"\\.|/\*.*?\*/|<!--.*?-->|//[^\n]*", blank, text, flags=re.S)

    def inline(self, raw: str) -> tuple[str, list[str]]:
        """Unescaped text without its tags, and the tags."""
        tags: list[str] = []
        parts: list[str] = []
        pos = 0
        for mt in _TOKEN.finditer(raw):
            parts.append(raw[pos : mt.start()])
            pos = mt.end()
            if mt.group(1) is not None:
                parts.append(mt.group(1))
            else:
                tag = (mt.group(2) if mt.group(2) is not None else mt.group(3)).strip()
                if tag:
                    tags.append(tag)
        parts.append(raw[pos:])
        return " ".join("".join(parts).split()), tags

    # -- elements
    def element(self, s: str, line: int, col: int) -> tuple[str, str]:
        """Parse ``[T]: text``, ``<T>: text``, ``[T]``, ``<T>`` or plain text; returns a ref."""
        mt = re.match(r"^\[((?:\\.|[^\]\\])*)\]\s*(?::\s*(.*))?$", s)
        if mt:
            return ("s", self.statement(mt.group(1), mt.group(2), line, col))
        mt = re.match(r"^<((?:\\.|[^>\\])*)>\s*(?::\s*(.*))?$", s)
        if mt:
            return ("a", self.argument(mt.group(1), mt.group(2), line, col))
        return ("s", self.statement(None, s, line, col))

    def without_data(self, raw: str) -> str:
        """The text before Argdown's inline data ``{key: value}`` (dropped, reported)."""
        mt = _DATA.search(raw)
        if mt is None:
            return raw
        report_loss("inline data ({…}) of statements and arguments is not kept")
        return raw[: mt.start()]

    def statement(self, title: str | None, raw: str | None, line: int, col: int) -> str:
        text, tags = self.inline(self.without_data(raw or ""))
        if title is None:
            self.anon += 1
            title = f"s{self.anon}"
            while title in self.statements:
                self.anon += 1
                title = f"s{self.anon}"
        else:
            title, _ = self.inline(title)
        if not title:
            raise self.error(line, col, "empty statement title")
        st = self.statements.get(title)
        if st is None:
            if len(self.statements) + len(self.arguments) > MAX_ITEMS:
                raise self.error(line, col, "too many statements")
            st = self.statements[title] = _Statement(title, line=line)
        if text:
            if st.text and st.text != text:
                report_loss(f"statement [{title}] has several texts; the last one is kept")
            st.text = text
        for t in tags:
            if t not in st.tags:
                st.tags.append(t)
        return title

    def argument(self, title: str, raw: str | None, line: int, col: int) -> str:
        title, _ = self.inline(title)
        if not title:
            raise self.error(line, col, "empty argument title")
        text, tags = self.inline(self.without_data(raw or ""))
        arg = self.arguments.setdefault(title, _Argument(title, line=line))
        if text:
            arg.text = text
        if tags:
            report_loss("tags of arguments are not kept")
        return title

    # -- structure
    def parse(self) -> ArgumentMap:
        text = self.strip_comments(self.text)
        lines = text.split("\n")
        start = self.frontmatter(lines)
        stack: list[tuple[int, tuple[str, str]]] = []
        pcs_arg: str | None = None  # argument whose premise-conclusion structure is open
        pending: list[str] = []  # statements of the open structure since the last inference
        last_conclusion: str | None = None
        after_inference = False
        in_rules = False
        last_text_ref: tuple[str, str] | None = None
        for n in range(start, len(lines)):
            line_no = n + 1
            raw = lines[n].rstrip()
            if not raw.strip():
                # As in Argdown, a blank line ends the relation tree above it.
                last_text_ref, stack = None, []
                continue
            expanded = raw.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip(" "))
            body = expanded.strip()
            col = indent + 1
            if indent // 2 > MAX_DEPTH:
                raise self.error(line_no, col, f"indentation deeper than {MAX_DEPTH} levels")
            if in_rules:
                # Between "--" lines: inference rules and their data, which we drop.
                if body.startswith("--"):
                    in_rules = False
                continue
            if indent == 0:
                heading = _HEADING.match(body)
                if heading and not body.startswith("#("):
                    self.headings.append(self.inline(heading.group(2))[0])
                    stack, pcs_arg, last_text_ref = [], None, None
                    continue
                if _INFERENCE.match(body):
                    if pcs_arg is None:
                        raise self.error(
                            line_no, col, "inference line outside a premise–conclusion structure"
                        )
                    after_inference = True
                    if body.rstrip() == "--":  # the rules follow on lines of their own
                        in_rules = True
                        report_loss("inference rules are not kept")
                    elif not re.fullmatch(r"-+", body.strip()):
                        report_loss("inference rules are not kept")
                    continue
                pcs = _PCS.match(body)
                if pcs:
                    if pcs_arg is None:
                        self.anon += 1
                        pcs_arg = self.argument(f"argument {self.anon}", None, line_no, col)
                    ref = self.element(pcs.group(2), line_no, col + len(pcs.group(1)) + 2)
                    if ref[0] != "s":
                        raise self.error(
                            line_no,
                            col,
                            "a premise–conclusion structure holds statements, not arguments",
                        )
                    if after_inference:
                        premises = pending + (
                            [last_conclusion]
                            if last_conclusion and last_conclusion not in pending
                            else []
                        )
                        if not premises:
                            raise self.error(line_no, col, "conclusion without premises")
                        self.arguments[pcs_arg].steps.append((premises, ref[1]))
                        last_conclusion, pending, after_inference = ref[1], [], False
                    else:
                        pending.append(ref[1])
                    stack = [(0, ref)]
                    last_text_ref = ref
                    continue
                if pcs_arg is not None and pending:
                    raise self.error(
                        line_no, col, "premise–conclusion structure without a conclusion"
                    )
                if last_text_ref is not None and not re.match(r"^[\[<]", body):
                    self.continue_text(last_text_ref, body)
                    continue
                ref = self.element(body, line_no, col)
                stack = [(0, ref)]
                pcs_arg = ref[1] if ref[0] == "a" else None
                pending, last_conclusion, after_inference = [], None, False
                last_text_ref = ref
                continue
            # indented: a relation, or more text of the element above
            rel = _REL.match(body)
            if rel is None:
                if last_text_ref is not None:
                    self.continue_text(last_text_ref, body)
                    continue
                raise self.error(
                    line_no,
                    col,
                    f"expected a relation (+, -, _, +>, ->, _>, ><) here, not {body[:20]!r}",
                )
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if not stack:
                raise self.error(line_no, col, "relation without an element above it")
            if len(self.relations) > MAX_ITEMS:
                raise self.error(line_no, col, "too many relations")
            parent = stack[-1][1]
            child = self.element(rel.group(2).strip(), line_no, col + len(rel.group(1)) + 1)
            self.relation(rel.group(1), parent, child, line_no)
            stack.append((indent, child))
            last_text_ref = child
        if pcs_arg is not None and pending:
            raise self.error(len(lines), 1, "premise–conclusion structure without a conclusion")
        return self.build()

    def continue_text(self, ref: tuple[str, str], body: str) -> None:
        text, tags = self.inline(body)
        if ref[0] == "s":
            st = self.statements[ref[1]]
            st.text = (st.text + " " + text).strip()
            st.tags += [t for t in tags if t not in st.tags]
        else:
            arg = self.arguments[ref[1]]
            arg.text = (arg.text + " " + text).strip()

    def relation(self, op: str, parent: tuple[str, str], child: tuple[str, str], line: int) -> None:
        kinds = {"+": RelationKind.SUPPORT, "-": RelationKind.ATTACK, "_": RelationKind.UNDERCUT}
        if op == "><":
            self.relations.append(_Rel(RelationKind.ATTACK, child, parent, line))
            self.relations.append(_Rel(RelationKind.ATTACK, parent, child, line))
            report_loss("contradictions (><) were read as two attacks")
        elif op.endswith(">"):
            self.relations.append(_Rel(kinds[op[0]], parent, child, line))
        else:
            self.relations.append(_Rel(kinds[op[-1]], child, parent, line))

    def frontmatter(self, lines: list[str]) -> int:
        i = 0
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i >= len(lines) or lines[i].strip() != "===":
            return 0
        for j in range(i + 1, len(lines)):
            if lines[j].strip() == "===":
                for entry in lines[i + 1 : j]:
                    key, sep, value = entry.partition(":")
                    if sep and key.strip() and not key.startswith((" ", "\t")):
                        self.front[key.strip()] = _yaml_scalar(value.strip())
                return j + 1
        raise self.error(i + 1, 1, "front matter (===) is not closed")

    # -- to the model
    def build(self) -> ArgumentMap:
        file = self.file
        arguments = self.arguments
        # An argument whose conclusion is titled like the argument and only attacks or
        # undercuts something is our export of an attack/undercut with its premises.
        negating: dict[str, _Rel] = {}
        out_of: dict[tuple[str, str], list[_Rel]] = {}
        for r in self.relations:
            out_of.setdefault(r.src, []).append(r)
        targets = {r.dst for r in self.relations}
        in_structures = {p for a in arguments.values() for prem, _ in a.steps for p in prem}
        for title, arg in arguments.items():
            if arg.steps and arg.steps[-1][1] == title:
                out = out_of.get(("s", title), [])
                if (
                    len(out) == 1
                    and out[0].kind is not RelationKind.SUPPORT
                    and ("s", title) not in targets
                    and title not in in_structures
                ):
                    negating[title] = out[0]
        claim_titles = [t for t in self.statements if t not in negating]
        # Arguments without a premise–conclusion structure are claims of their own.
        plain_args = [t for t, a in arguments.items() if not a.steps]
        ids: dict[tuple[str, str], str] = {}
        used: set[str] = set()
        for kind, titles in (("s", claim_titles), ("a", plain_args)):
            for t in titles:
                cid = t if t not in used else f"{t} (argument)"
                try:
                    check_id(cid)
                except ValueError:
                    raise ArgmapError(f"title {t!r} cannot be used as an id", file=file) from None
                ids[(kind, t)] = cid
                used.add(cid)
        claims = [
            Claim(ids[("s", t)], self.statements[t].text, tuple(self.statements[t].tags))
            for t in claim_titles
        ] + [Claim(ids[("a", t)], arguments[t].text or t) for t in plain_args]
        if plain_args:
            report_loss("arguments without premise–conclusion structure were read as claims")

        relations: list[Relation] = []
        main_relation: dict[str, str] = {}  # argument title -> id of its final relation

        def fresh(base: str) -> str:
            rid = base
            k = 1
            while rid in used:
                k += 1
                rid = f"{base}-{k}"
            used.add(rid)
            return rid

        for title, arg in arguments.items():
            for k, (premises, conclusion) in enumerate(arg.steps):
                last = k == len(arg.steps) - 1
                rid = fresh(title if last else f"{title}-step{k + 1}")
                prem = tuple(ids[("s", p)] for p in dict.fromkeys(premises) if ("s", p) in ids)
                if last and title in negating:
                    neg = negating[title]
                    main_relation[title] = rid
                    relations.append(Relation(rid, neg.kind, prem, f"\0{neg.dst[0]}\0{neg.dst[1]}"))
                elif ("s", conclusion) in ids:
                    relations.append(
                        Relation(rid, RelationKind.SUPPORT, prem, ids[("s", conclusion)])
                    )
                    if last:
                        main_relation[title] = rid
        skipped_undercut = False
        n = 0
        for r in self.relations:
            if r.src[0] == "s" and r.src[1] in negating:
                continue
            src = self.resolve_source(r.src, ids)
            if src is None:
                continue
            n += 1
            rid = fresh(f"r{n}")
            relations.append(Relation(rid, r.kind, (src,), f"\0{r.dst[0]}\0{r.dst[1]}"))
        # Resolve targets now that every argument's relation is known.
        final: list[Relation] = []
        for rel in relations:
            if not rel.target.startswith("\0"):
                final.append(rel)
                continue
            _, kind, title = rel.target.split("\0", 2)
            ref = (kind, title)
            if rel.kind is RelationKind.UNDERCUT:
                if kind == "a" and title in main_relation:
                    final.append(Relation(rel.id, rel.kind, rel.premises, main_relation[title]))
                    continue
                skipped_undercut = True
                target = ids.get(ref) or self.conclusion_id(title, ids)
                if target is None:
                    continue
                final.append(Relation(rel.id, RelationKind.ATTACK, rel.premises, target))
                continue
            target = (
                ids.get(ref) if kind == "s" else (ids.get(ref) or self.conclusion_id(title, ids))
            )
            if target is None:
                report_loss(f"a relation to {title!r} could not be placed and was dropped")
                continue
            if target in rel.premises:
                report_loss("a relation of a statement to itself was dropped")
                continue
            final.append(Relation(rel.id, rel.kind, rel.premises, target))
        if skipped_undercut:
            report_loss(
                "undercuts of statements (not of an argument's inference) were read as attacks"
            )
        if self.headings:
            report_loss("sections (# headings) are not kept")
        thesis_title = self.front.get("thesis")
        thesis = ids.get(("s", thesis_title)) if thesis_title else None
        if thesis is None:
            thesis = guess_thesis(claims, final)
        title = self.front.get("title") or (self.headings[0] if self.headings else "")
        return finish_map(
            file,
            title=title,
            description=self.front.get("description", ""),
            thesis=thesis,
            claims=claims,
            relations=final,
        )

    def resolve_source(self, ref: tuple[str, str], ids: dict[tuple[str, str], str]) -> str | None:
        if ref in ids:
            return ids[ref]
        if ref[0] == "a":
            # An argument with a structure supports/attacks through its conclusion.
            return self.conclusion_id(ref[1], ids)
        return None

    def conclusion_id(self, title: str, ids: dict[tuple[str, str], str]) -> str | None:
        arg = self.arguments.get(title)
        if arg is None or not arg.steps:
            return None
        return ids.get(("s", arg.steps[-1][1]))


def _yaml_scalar(value: str) -> str:
    """A YAML scalar as we write it (JSON-quoted) or as people do (plain or single-quoted)."""
    if value.startswith('"'):
        try:
            result = json.loads(value)
            return result if isinstance(result, str) else str(result)
        except json.JSONDecodeError:
            return value.strip('"')
    if value.startswith("'") and value.endswith("'") and len(value) >= 2:
        return value[1:-1].replace("''", "'")
    return value
