"""What an Argdown document says: statements, arguments, relations, sections, tags.

Built from the syntax tree of :mod:`argdown_parser` the way the reference model builder
(@argdown/core ``ModelPlugin``) builds its JSON: equivalence classes of statements by title
(untitled ones are numbered ``Untitled N`` in document order), arguments with their
premise–conclusion structure, relations deduplicated, relations of a reconstructed argument
moved to its main conclusion (outgoing) or its last inference (incoming undercuts), and in
``model: {mode: strict}`` statement-to-statement relations read as entails/contrary.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.formats import argdown_lexer as lx
from argmap.formats import argdown_parser as ap

# A member of a statement or argument: the parser's node itself, completed by the builder
# (its title, role, normalised text and ``plain``, the text without its tags, which argmap
# keeps apart); the tree is not used after the walk.
Member = ap.Node


def _last_text(members: list[Member]) -> Member | None:
    texts = [m for m in members if m.text]
    return texts[-1] if texts else None


def _last_plain(members: list[Member]) -> str:
    # a loop, not next() over a generator: asked for every statement of a file
    for m in reversed(members):
        if m.plain:
            return m.plain
    return ""


class _Described:
    """What statements and arguments share: their text is that of their last member."""

    members: list[Member]

    @property
    def text(self) -> str:
        """The last text given (the reference's canonical member)."""
        m = _last_text(self.members)
        return m.text if m else ""

    @property
    def plain_text(self) -> str:
        """The last text without tags (a later ``[t] #tag`` does not blank the text)."""
        return _last_plain(self.members)


@dataclass(eq=False)
class EquivalenceClass(_Described):
    title: str
    members: list[Member] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    relations: list[DocRelation] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class PcsMember:
    title: str
    role: str  # premise | intermediary-conclusion | main-conclusion
    inference: DocInference | None = None
    member: Member | None = None  # the statement as written in the structure


@dataclass(eq=False)
class DocInference:
    argument: str
    rules: list[str]
    data: Any
    conclusion_index: int = 0
    relations: list[DocRelation] = field(default_factory=list)


@dataclass(eq=False)
class DocArgument(_Described):
    title: str
    members: list[Member] = field(default_factory=list)  # descriptions and references
    pcs: list[PcsMember] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    relations: list[DocRelation] = field(default_factory=list)


Endpoint = EquivalenceClass | DocArgument | DocInference


@dataclass(eq=False, slots=True)
class DocRelation:
    kind: str  # support attack undercut contradictory contrary entails
    source: Endpoint
    target: Endpoint
    start: int  # offset of its operator (Document.line gives the line)


@dataclass
class Section:
    id: str
    title: str
    level: int
    line: int
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    data: Any = None


@dataclass
class Document:
    statements: dict[str, EquivalenceClass]
    arguments: dict[str, DocArgument]
    relations: list[DocRelation]
    sections: list[Section]
    tags: list[str]
    front_matter: dict[str, Any]
    issues: list[ap.SyntaxIssue]
    warnings: list[str]
    lines: lx.Lines | None = None  # the text's lines, for the line of an offset

    def line(self, offset: int) -> int:
        """The line of an offset in the text (of a member's or a relation's ``start``)."""
        return self.lines.line(offset) if self.lines is not None else 0

    def break_cycles(self) -> None:
        """Break the document's reference cycles (a relation and its endpoints, a section
        and its parent), for when it has been read: freed as soon as it is dropped, it
        leaves the garbage collector nothing to trace (a tenth of the reading time)."""
        for ec in self.statements.values():
            ec.relations.clear()
        for arg in self.arguments.values():
            arg.relations.clear()
            for member in arg.pcs:
                if member.inference is not None:
                    member.inference.relations.clear()
        self.relations.clear()
        stack = list(self.sections)
        while stack:
            sec = stack.pop()
            stack += sec.children
            sec.children.clear()


def endpoint_type(e: Endpoint) -> str:
    if isinstance(e, EquivalenceClass):
        return "equivalence-class"
    if isinstance(e, DocArgument):
        return "argument"
    return "inference"


def endpoint_title(e: Endpoint) -> str:
    return e.argument if isinstance(e, DocInference) else e.title


_INCLUDE = re.compile(r"@include\(([^)]*)\)")
MAX_INCLUDES = 1000


def expand_includes(
    text: str, base: Path | None, warnings: list[str], seen: set[Path] | None = None
) -> str:
    """Replace ``@include(a.argdown, b.argdown)`` by the files' text (relative paths to
    ``.argdown``/``.ad`` files only).

    As in the reference, each file is included once (the first time), so cycles end.
    """
    seen = set() if seen is None else seen

    def include(m: re.Match[str]) -> str:
        parts: list[str] = []
        for name in (p.strip() for p in m.group(1).split(",")):
            if not name:
                continue
            # Only Argdown files, by relative path: a shared file cannot pull other files
            # of the reader's disk (keys, notes) into a map that may be passed on.
            if (
                base is None
                or Path(name).is_absolute()
                or Path(name).suffix.lower() not in (".argdown", ".ad")
                or len(seen) >= MAX_INCLUDES
            ):
                warnings.append(f"@include({name}) was not followed and its content is missing")
                continue
            path = (base / name).resolve()
            if path in seen:
                continue
            seen.add(path)
            try:
                included = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                warnings.append(f"@include({name}) could not be read ({e}); its content is missing")
                continue
            parts.append(expand_includes(included, path.parent, warnings, seen))
        return "\n\n".join(parts)

    if "@include(" not in text:
        return text
    return _INCLUDE.sub(include, text)


def read_document(text: str, file: Path | None = None) -> Document:
    """The document of ``text``; ``file`` (the text's own path) anchors ``@include``."""
    warnings: list[str] = []
    if file is not None:
        text = expand_includes(text, file.parent, warnings, {file.resolve()})

    def parse_data(image: str, line: int) -> Any:
        # "{" then a line break: YAML block format, the braces only delimit it
        body = image[1:-1] if re.match(r"\{[ \t]*\r?\n", image) else image
        value, problem = _load_yaml(body)
        if problem:
            warnings.append(f"line {line}: data {image[:30]!r}… {problem} and was dropped")
        return value if isinstance(value, dict) else None

    tree = ap.parse(text, parse_data)
    front: dict[str, Any] = {}
    if tree.front_matter is not None:
        body = re.sub(r"^=+|=+$", "", tree.front_matter.strip())
        loaded, problem = _load_yaml(body)
        if problem:
            warnings.append(f"the front matter {problem} and was dropped")
        if isinstance(loaded, dict):
            front = loaded
    builder = _Builder(front)
    builder.walk(tree.elements)
    doc = builder.finish()
    doc.issues = tree.issues
    doc.lines = tree.lines
    doc.warnings = warnings
    return doc


MAX_DATA_DEPTH = 100  # nesting of YAML data; deeper is refused (the YAML loader recurses)


def _load_yaml(body: str) -> tuple[Any, str]:
    """(value, "") or (None, what is wrong). Never raises: data is user input."""
    depth = deepest = 0
    for ch in body:  # flow nesting; block nesting is caught below
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    if deepest > MAX_DATA_DEPTH + 1:
        return None, f"is nested deeper than {MAX_DATA_DEPTH} levels"
    try:
        return yaml.safe_load(body), ""
    except yaml.YAMLError as e:
        return None, f"is not valid YAML ({getattr(e, 'problem', None) or e})"
    except RecursionError:
        return None, f"is nested deeper than {MAX_DATA_DEPTH} levels"


def _merge(into: dict[str, Any], data: Any, depth: int = 0) -> None:
    """Later data over earlier, dictionaries merged key by key (lodash ``merge``)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, dict) and isinstance(into.get(k), dict) and depth < MAX_DATA_DEPTH:
                _merge(into[k], v, depth + 1)
            else:
                into[k] = v


class _Builder:
    """Mirrors the reference model builder's walk over the tree."""

    def __init__(self, front: dict[str, Any]) -> None:
        model = front.get("model") if isinstance(front.get("model"), dict) else {}
        assert isinstance(model, dict)
        self.front = front
        self.strict = model.get("mode") == "strict"
        self.remove_tags = bool(model.get("removeTagsFromText"))
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, DocArgument] = {}
        self.relations: list[DocRelation] = []
        self.sections: list[Section] = []
        self.tags: list[str] = []
        self.untitled = 0
        self.section: Section | None = None
        self.section_count = 0
        self.inference: DocInference | None = None  # the last one seen (as the reference)

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def ec(self, title: str) -> EquivalenceClass:
        ec = self.statements.get(title)
        if ec is None:
            ec = self.statements[title] = EquivalenceClass(title)
        return ec

    def argument(self, title: str | None) -> DocArgument:
        if title is None:
            title = self.unique_title()
        arg = self.arguments.get(title)
        if arg is None:
            arg = self.arguments[title] = DocArgument(title)
        return arg

    def note_tags(self, tags: list[str]) -> None:
        self.tags += [t for t in tags if t not in self.tags]

    # -- walk
    def walk(self, elements: list[ap.Element]) -> None:
        previous: ap.Element | None = None
        previous_argument: DocArgument | None = None
        for element in elements:
            if isinstance(element, ap.Heading):
                self.heading(element)
            elif isinstance(element, ap.Pcs):
                arg = previous_argument if isinstance(previous, ap.Node) else None
                self.pcs(element, arg)
            elif isinstance(element, ap.ListBlock):
                for item in element.items:
                    self.node(item, "")
            else:
                self.node(element, "top-level-statement")
            previous = element
            previous_argument = self.last_argument if isinstance(element, ap.Node) else None

    last_argument: DocArgument | None = None

    def heading(self, h: ap.Heading) -> None:
        self.section_count += 1
        self.note_tags(h.content.tags)
        text = h.content.text_without_tags if self.remove_tags else h.content.text
        section = Section(f"s{self.section_count}", text.strip(), h.level, h.line, data=h.data)
        previous = self.section
        while previous is not None and previous.level >= section.level:
            previous = previous.parent
        if previous is not None:
            previous.children.append(section)
            section.parent = previous
        else:
            self.sections.append(section)
        self.section = section

    def member(self, node: ap.Node, title: str, role: str) -> Member:
        """The node completed in place as a member (no copy: the tree is not used after)."""
        text = node.text
        if text:
            text = " ".join(text.split())
        plain = " ".join(node.text_without_tags.split()) if node.tags else text
        node.title = title
        node.text = plain if self.remove_tags else text
        node.role = role
        node.plain = plain
        return node

    def node(self, node: ap.Node, role: str) -> Endpoint:
        """A statement or argument with its relations; returns its class or argument."""
        if node.kind == "argument":
            assert node.title is not None
            arg = self.argument(node.title)
            if node.has_relations:
                self.relate(arg, node.relations)
            arg.members.append(self.member(node, node.title, "argument-description"))
            if node.tags:
                arg.tags += [t for t in node.tags if t not in arg.tags]
                self.note_tags(node.tags)
            if node.data:
                _merge(arg.data, node.data)
            if arg.section is None and not node.is_reference and self.section is not None:
                arg.section = self.section.id
            self.last_argument = arg
            return arg
        title = node.title
        if not title:
            title = node.title = self.unique_title()
        ec = self.statements.get(title)
        if ec is None:  # (before the relations: the document keeps the order titles come in)
            ec = self.statements[title] = EquivalenceClass(title)
        if node.has_relations:
            self.relate(ec, node.relations)
        # the node completed as a member (as member() does, inline: asked for every node;
        # a node without text has no tags either, and its empty texts stay as they are)
        text, tags = node.text, node.tags
        if text:
            text = " ".join(text.split())
            plain = " ".join(node.text_without_tags.split()) if tags else text
            node.text = plain if self.remove_tags else text
            node.plain = plain
        node.role = role
        ec.members.append(node)
        if tags:
            ec.tags += [t for t in tags if t not in ec.tags]
            self.note_tags(tags)
        if node.data:
            _merge(ec.data, node.data)
        if ec.section is None and not node.is_reference and self.section is not None:
            ec.section = self.section.id
        self.last_argument = None
        return ec

    def relate(self, parent: Endpoint, relations: list[ap.Relation]) -> None:
        statements = self.statements
        for rel in relations:
            kind, parent_side = ap.RELATION_KIND[rel.op]
            if rel.op in ("<_", "_") and isinstance(parent, EquivalenceClass) and self.inference:
                parent_end: Endpoint = self.inference
            else:
                parent_end = parent
            node = rel.child
            if (
                node.kind == "statement"
                and not node.text
                and node.title
                and not node.has_relations
                and node.data is None
            ):
                # A bare reference (``+ [t]``, the most frequent child): what node() does for
                # it, inline. (Without text it has no tags, and a reference sets no section.)
                ec = statements.get(node.title)
                if ec is None:
                    ec = statements[node.title] = EquivalenceClass(node.title)
                node.role = "relation-statement"
                ec.members.append(node)
                self.last_argument = None
                child: Endpoint = ec
            else:
                child = self.node(node, "relation-statement")
            if parent_side == "from":
                self.add_relation(kind, parent_end, child, rel.start)
            else:
                self.add_relation(kind, child, parent_end, rel.start)

    def add_relation(self, kind: str, source: Endpoint, target: Endpoint, start: int) -> None:
        for existing in source.relations:
            if existing.kind == kind and (
                existing.target is target or (kind == "contradictory" and existing.source is target)
            ):
                return
        r = DocRelation(kind, source, target, start)
        self.relations.append(r)
        source.relations.append(r)
        target.relations.append(r)

    def pcs(self, pcs: ap.Pcs, arg: DocArgument | None) -> None:
        if arg is None:
            arg = self.argument(None)
        if arg.section is None and self.section is not None:
            arg.section = self.section.id
        arg.pcs = []
        after_inference: DocInference | None = None
        for item in pcs.items:
            if isinstance(item, ap.Inference):
                inference = DocInference(arg.title, item.rules, item.data)
                self.inference = inference
                self.relate(inference, item.relations)
                after_inference = inference
                continue
            ec = self.node(item, "")
            assert isinstance(ec, EquivalenceClass)
            ec.members[-1].role = "premise"
            member = PcsMember(ec.title, "premise", member=ec.members[-1])
            if after_inference is not None:
                member.role = "intermediary-conclusion"
                member.inference = after_inference
                after_inference.conclusion_index = len(arg.pcs)
                ec.members[-1].role = "intermediary-conclusion"
            arg.pcs.append(member)
            after_inference = None
        arg.pcs[-1].role = "main-conclusion"
        self.statements[arg.pcs[-1].title].members[-1].role = "main-conclusion"
        self.last_argument = None

    # -- after the walk
    def finish(self) -> Document:
        self.move_argument_relations()
        if self.strict:
            self.semantic_statement_relations()
        model = self.front.get("model")
        if isinstance(model, dict) and model.get("explodeArguments"):
            for arg in list(self.arguments.values()):
                self.explode(arg)
        group = self.front.get("group")
        if isinstance(group, dict) and isinstance(group.get("regroup"), list):
            self.sections = _regroup(group["regroup"], 1, None)
        return Document(
            self.statements,
            self.arguments,
            self.relations,
            self.sections,
            self.tags,
            self.front,
            [],
            [],
        )

    def move_argument_relations(self) -> None:
        kept: list[DocRelation] = []
        for r in self.relations:
            add = True
            src, dst = r.source, r.target
            if isinstance(src, DocArgument) and src.pcs:
                src.relations.remove(r)
                ec = self.statements[src.pcs[-1].title]
                r.source = ec
                if any(e.target is dst and e.kind == r.kind for e in ec.relations):
                    dst.relations.remove(r)
                    add = False
                else:
                    ec.relations.append(r)
            if isinstance(dst, DocArgument) and dst.pcs and r.kind == "undercut":
                inference = dst.pcs[-1].inference
                assert inference is not None
                r.target = inference
                dst.relations.remove(r)
                if any(e.source is r.source and e.kind == r.kind for e in inference.relations):
                    if r in r.source.relations:
                        r.source.relations.remove(r)
                    add = False
                else:
                    inference.relations.append(r)
            if add:
                kept.append(r)
        self.relations = kept

    def semantic_statement_relations(self) -> None:
        kept: list[DocRelation] = []
        for r in self.relations:
            if isinstance(r.source, EquivalenceClass) and isinstance(r.target, EquivalenceClass):
                if r.kind == "support":
                    r.kind = "entails"
                elif r.kind == "attack":
                    if any(
                        e.kind == "contrary"
                        and {id(e.source), id(e.target)} == {id(r.source), id(r.target)}
                        for e in r.source.relations
                    ):
                        continue
                    r.kind = "contrary"
            kept.append(r)
        self.relations = kept

    def explode(self, arg: DocArgument) -> None:
        """One argument per inference step, as the reference's ``model.explodeArguments``."""
        steps: list[list[PcsMember]] = []
        for index, pm in enumerate(arg.pcs):
            if pm.role != "premise":
                steps.append(self.inferential_step(arg, pm, index))
        if len(steps) <= 1:
            return
        del self.arguments[arg.title]
        new: list[DocArgument] = []
        for k, step in enumerate(steps, 1):
            title = f"{arg.title} - {k}"
            part = DocArgument(title, arg.members, step, arg.tags, arg.data, arg.section)
            for pm in step:
                if pm.inference is not None:
                    pm.inference.argument = title
            new.append(part)
            self.arguments[title] = part
        last = new[-1]
        for r in arg.relations:
            if r.source is arg:
                r.source = last
            if r.target is arg:
                r.target = last
            last.relations.append(r)

    def inferential_step(
        self, arg: DocArgument, conclusion: PcsMember, index: int
    ) -> list[PcsMember]:
        uses = None
        for owner in (
            conclusion.inference.data if conclusion.inference else None,
            conclusion.member.data if conclusion.member else None,
        ):
            if isinstance(owner, dict) and isinstance(owner.get("uses"), list):
                uses = owner["uses"]
                break
        step: list[PcsMember] = []
        if uses is not None:
            for i in uses:
                if isinstance(i, int) and 1 <= i <= len(arg.pcs):
                    step.append(self.substitute(arg.pcs[i - 1], "premise"))
        else:
            for i in range(index - 1, -1, -1):
                old = arg.pcs[i]
                step.append(self.substitute(old, "premise"))
                if old.role == "intermediary-conclusion":
                    break
            step.reverse()
        step.append(self.substitute(conclusion, "main-conclusion"))
        return step

    def substitute(self, old: PcsMember, role: str) -> PcsMember:
        """A copy with another role that replaces the statement in its class's members."""
        ec = self.statements[old.title]
        member = None
        if old.member is not None:
            ec.members = [m for m in ec.members if m is not old.member]
            member = dataclasses.replace(old.member, role=role)
            ec.members.append(member)
        return PcsMember(old.title, role, old.inference, member)


def _regroup(groups: Any, level: int, parent: Section | None) -> list[Section]:
    """Sections replaced by the front matter's ``group.regroup`` tree (as the reference)."""
    out: list[Section] = []
    if not isinstance(groups, list) or level > MAX_DATA_DEPTH:
        return out
    for g in groups:
        if not isinstance(g, dict):
            continue
        title = str(g.get("title", ""))
        section = Section(title, title, level, 0, parent=parent)
        section.children = _regroup(g.get("children") or [], level + 1, section)
        out.append(section)
    return out
