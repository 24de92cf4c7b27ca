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
- what an Argdown import kept in ``data["argdown"]`` of claims and relations (inline data,
  headings, inference rules, argument titles and descriptions, contrary/contradictory/entails)
  is written back as it was read (docs/FORMATS.md has the table).

Import reads Argdown as the reference parser (@argdown/core) does: :mod:`argdown_lexer`,
:mod:`argdown_parser` and :mod:`argdown_document` build the same statements, arguments and
relations as its JSON; :func:`read` maps that document onto claims and relations, keeps what
they have no field for in their ``data`` and reports what the map cannot hold
(docs/FORMATS.md). Syntax errors are refused with the first one's line
and column, as the reference refuses the file.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats.argdown_document import (
    DocArgument,
    DocInference,
    DocRelation,
    Document,
    Endpoint,
    PcsMember,
    Section,
    read_document,
)
from argmap.formats.common import (
    MAX_ITEMS,
    decode_text,
    finish_map,
    guess_thesis,
    report_loss,
)
from argmap.model.argument_map import ArgumentMap, check_id, natural_key
from argmap.model.data import EMPTY, Data
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
    # Several premises, an undercut aimed at it, or what only an argument can say (its
    # title, data, inference rules): an argument with a premise–conclusion structure.
    as_argument = {
        r.id
        for r in relations
        if len(r.premises) > 1 or r.id in undercut_targets or _argument_data(r)
    }
    # Argdown merges equal relations (same kind, source and target); a repeated one is written
    # as an argument of its own, so that it stays a relation of its own.
    seen: set[tuple[RelationKind, tuple[str, ...], str]] = set()
    for r in relations:
        key = (r.kind, r.premises, r.target)
        if key in seen:
            as_argument.add(r.id)
        seen.add(key)
    _report_write_losses(m)

    incoming: dict[str, list[Relation]] = {}
    for r in relations:
        if r.id not in as_argument and r.kind is not RelationKind.UNDERCUT:
            incoming.setdefault(r.target, []).append(r)
    plain = [r for rs in incoming.values() for r in rs]
    # Claims read from arguments without premise–conclusion structure are written as such
    # arguments again, where only one-premise relations touch them.
    in_structures = {x for r in relations if r.id in as_argument for x in (*r.premises, r.target)}
    sign = {
        c.id: ("<", ">")
        if _argdown(c.data).get("argument") and c.id not in in_structures
        else ("[", "]")
        for c in claims
    }

    def ref(cid: str) -> str:
        left, right = sign[cid]
        return f"{left}{titles[cid]}{right}"

    mirrored = _contradictions(plain)
    statement_relations = [
        r for r in plain if sign[r.premises[0]][0] == "[" and sign[r.target][0] == "["
    ]
    strict = _strict(statement_relations, relations, as_argument)

    out: list[str] = ["==="]
    out.append("title: " + _front_value(m.title))
    if m.description:
        out.append("description: " + _front_value(m.description))
    if m.thesis is not None and sign[m.thesis][0] == "[":
        # (an argument cannot be the front matter's thesis: the reader guesses it again)
        out.append("thesis: " + _front_value(titles[m.thesis]))
    if strict:  # statement relations are entails and contrary, as they were read
        out.append("model: {mode: strict}")
    out += ["===", ""]
    if not claims:  # Argdown needs at least one element: the title as a heading
        out += ["# " + (escape(m.title) or "Map"), ""]

    neutral: dict[str, dict[str, list[str]]] = {}  # premise -> "qualifies" -> target titles
    for targets in incoming.values():
        for r in targets:
            if r.kind in _DATA_KEY:
                by_key = neutral.setdefault(r.premises[0], {})
                by_key.setdefault(_DATA_KEY[r.kind], []).append(titles[r.target])
    order = ([m.thesis] if m.thesis else []) + [c.id for c in claims if c.id != m.thesis]
    order, headings = _by_section(m, order)
    for cid in order:
        c = m.claim(cid)
        out += headings.get(cid, [])
        tags = "".join(" " + _tag(t) for t in c.tags)
        # no text: a reference, since a definition ("[t]:") needs text in Argdown
        text = f": {escape(c.text)}" if c.text.strip() else ""
        own = _argdown(c.data).get("data", {})
        ours = claim_data(c, neutral.get(cid, {})) if text else {}
        out.append(f"{ref(cid)}{text}{tags}{_inline_data(ours, own)}".rstrip())
        for r in incoming.get(cid, []):
            if r.id in mirrored:
                if mirrored[r.id]:  # the other of the pair is this "><"
                    out.append(f"  >< {ref(r.premises[0])}")
                continue
            op = "+" if r.kind is RelationKind.SUPPORT else "-"
            out.append(f"  {op} {ref(r.premises[0])}")
        out.append("")
    for r in relations:
        if r.id in as_argument:
            own = _argdown(r.data).get("data", {})
            description = str(_argdown(r.data).get("description") or "")
            if r.kind in _DATA_KEY:
                data = _inline_data({"kind": r.kind.value}, own)
                out.append(f"<{titles[r.id]}>: {_KIND_WORDS[r.kind]}.{data}")
            elif own or description:
                text = escape(description) or "Argument."
                out.append(f"<{titles[r.id]}>: {text}{_inline_data({}, own)}")
            else:
                out.append(f"<{titles[r.id]}>")
            out.append("")
            for i, p in enumerate(r.premises, 1):
                out.append(f"({i}) [{titles[p]}]")
            out += _inference_lines(_argdown(r.data).get("inference"))
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
            out.append(ref(r.premises[0]))
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


def _inline_data(data: dict[str, Any], own: Mapping[str, Any] | None = None) -> str:
    """`` {key: …, argmap: {…}}`` in YAML flow syntax (JSON is valid YAML), or nothing:
    the statement's or argument's own inline data as read, and argmap's key."""
    items = dict(own or {})
    if data:
        items["argmap"] = data
    return " " + _flow(items) if items else ""


def _flow(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)  # null, true, 3, 0.5: YAML reads them back as they were
    text = json.dumps(str(value), ensure_ascii=True)
    return _DATA_UNSAFE.sub(lambda mt: f"\\u{ord(mt[0]):04x}", text)


def _argdown(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The ``argdown`` part of a claim's or relation's data (what the reader kept)."""
    kept = data.get("argdown")
    return kept if isinstance(kept, Mapping) else {}


def _argument_data(r: Relation) -> bool:
    """Whether a relation was read from an argument whose title, data or inference rules
    only an argument can say again."""
    kept = _argdown(r.data)
    return r.kind is not RelationKind.UNDERCUT and any(
        k in kept for k in ("title", "description", "data", "inference")
    )


def _by_section(m: ArgumentMap, order: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Claims grouped under the headings they were read under (those without one first),
    and the heading lines to write before a claim where its section starts."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for cid in order:
        path = _argdown(m.claim(cid).data).get("section")
        if not (isinstance(path, tuple) and all(isinstance(t, str) and t.strip() for t in path)):
            path = ()
        groups.setdefault(path, []).append(cid)
    if list(groups) == [()]:
        return order, {}
    out: list[str] = []
    headings: dict[str, list[str]] = {}
    previous: tuple[str, ...] = ()
    for path in sorted(groups, key=lambda p: p != ()):  # stable: first seen first
        same = 0
        while same < min(len(path), len(previous)) and path[same] == previous[same]:
            same += 1
        if path:
            if same == len(path):  # the same headings again: repeat the last one
                same -= 1
            lines = ["#" * (k + 1) + " " + escape(path[k]) for k in range(same, len(path))]
            headings[groups[path][0]] = [x for line in lines for x in (line, "")]
        out += groups[path]
        previous = path
    return out, headings


def _contradictions(plain: list[Relation]) -> dict[str, bool]:
    """Pairs of one-premise attacks read from one ``><``: relation id → whether it is the
    one written (the other of the pair is left out). An attack marked contradictory whose
    mirror is gone is an attack again."""
    marked = {
        (r.premises[0], r.target): r
        for r in plain
        if r.kind is RelationKind.ATTACK and _argdown(r.data).get("relation") == "contradictory"
    }
    out: dict[str, bool] = {}
    for (a, b), r in marked.items():
        other = marked.get((b, a))
        if other is not None:
            out[r.id] = natural_key(r.id) < natural_key(other.id)
    return out


def _strict(plain: list[Relation], relations: list[Relation], as_argument: set[str]) -> bool:
    """Whether the map was read in Argdown's strict mode and can be written so again: every
    statement-to-statement support is marked entails and every attack contrary (or
    contradictory), and no argument concludes with an attack (strict would read its ``->``
    as contrary)."""
    relation = {r.id: _argdown(r.data).get("relation") for r in plain}
    if not any(v in ("entails", "contrary") for v in relation.values()):
        return False
    for r in plain:
        wanted = {
            RelationKind.SUPPORT: ("entails",),
            RelationKind.ATTACK: ("contrary", "contradictory"),
        }
        if relation[r.id] not in wanted.get(r.kind, ()):
            return False
    return not any(
        r.id in as_argument and r.kind not in (RelationKind.SUPPORT, RelationKind.UNDERCUT)
        for r in relations
    )


def _inference_lines(inference: Any) -> list[str]:
    """The inference line of an argument: ``----``, or its rules and data between ``--``."""
    if not isinstance(inference, Mapping):
        return ["----"]
    rules = inference.get("rules") or []
    data = inference.get("data") or {}
    text = ", ".join(escape(str(rule)) for rule in rules if str(rule).strip())
    inside = (text + (" " + _flow(data) if data else "")).strip()
    return ["--", inside, "--"] if inside else ["----"]


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


def _front_value(value: str) -> str:
    """A YAML string for the front matter. The Argdown lexer ends front matter at the first
    ``=``, so that one is written as an escape (valid in YAML's double-quoted strings)."""
    return json.dumps(value, ensure_ascii=False).replace("=", "\\u003d")


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


def sniff(data: bytes) -> bool:
    head = data[:2048]
    return bool(re.search(rb"^\s*(\[[^\]\n]+\]:|<[^>\n]+>:|===\s*$)", head, re.M))


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while reading: the reader allocates tokens, nodes
    and values by the hundred thousand (none of them garbage yet), and the collector's
    repeated full scans of them would cost a third of the reading time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read(data: bytes, file: str) -> ArgumentMap:
    """Read Argdown text into a map, as the reference parser reads it; losses are reported."""
    with _no_gc():
        return _read(data, file)


def _read(data: bytes, file: str) -> ArgumentMap:
    text = decode_text(data, file, "Argdown")
    path = Path(file)
    _check_front_matter_closed(text, file)
    doc = read_document(text, path if path.is_file() else None)
    if doc.issues:
        # As the Argdown parser, refuse the file; one line, the first place.
        first = doc.issues[0]
        more = f" (and {len(doc.issues) - 1} more problems)" if len(doc.issues) > 1 else ""
        raise ArgmapError(
            first.message + more, file=file, place=f"line {first.line}:{first.column}"
        )
    try:
        for warning in doc.warnings:
            report_loss(warning)
        _report_suspicious_text(doc)
        return _to_map(doc, file)
    finally:
        doc.break_cycles()


def _check_front_matter_closed(text: str, file: str) -> None:
    """An opening ``===`` without its closing one: the reference reads it all as text."""
    opening = re.match(r"\s*?^[ \t]*===+[ \t]*$", text, re.M)
    if opening is None or re.search(r"^[ \t]*===+[ \t]*$", text[opening.end() :], re.M):
        return
    line = text.count("\n", 0, opening.end()) + 1
    raise ArgmapError("front matter (===) is not closed", file=file, place=f"line {line}:1")


def _report_suspicious_text(doc: Document) -> None:
    """Text that looks like a cut-off title or reference is valid Argdown, but say so."""
    texts = "\n".join([m.text for ec in doc.statements.values() for m in ec.members])
    if "[" not in texts and "<" not in texts:  # (nearly always: no need to look closer)
        return
    for ec in doc.statements.values():
        for m in ec.members:
            text = m.text
            if text and ("[" in text or "<" in text) and re.search(r"(?<!\\)[\[<][^\]>]*$", text):
                report_loss(
                    f"line {doc.line(m.start)}: an unclosed '[' or '<' was read as text "
                    f"({m.text[:40]!r}); was the file cut off?"
                )


# Argdown relation types kept in a relation's data (support and attack need no mark).
_MARKED = ("contrary", "contradictory", "entails")


def _kept(argdown: dict[str, Any]) -> Data:
    """What Argdown says and the model has no field for, as ``{"argdown": {…}}`` data:
    ``data`` (inline data, but argmap's own key, which :func:`apply_argmap_data` reads),
    ``title`` and ``description`` (of an argument read as one relation), ``argument`` (a
    claim read from an argument without premise–conclusion structure), ``section`` (the
    headings a statement stands under), ``inference`` (rules
    and data of an inference), ``relation`` (contrary, contradictory, entails). Empty values
    are left out; what cannot be JSON or is too large is reported and left out."""
    out: dict[str, Any] = {}
    for key, value in argdown.items():
        if key == "data" and isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if k != "argmap"}
        if value:
            out[key] = _json_value(value)
    if not out:
        return EMPTY
    try:
        return Data({"argdown": out})
    except ValueError as e:
        report_loss(f"inline data that argmap cannot keep was left out ({e})")
        return EMPTY


def _json_value(value: Any) -> Any:
    """YAML values as JSON: dates and other scalars become their text."""
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)


def _inference(inference: DocInference | None) -> dict[str, Any] | None:
    """An inference's rules and data; ``uses`` is left out: the relation's premises say it."""
    if inference is None:
        return None
    out: dict[str, Any] = {}
    if inference.rules and any(inference.rules):
        out["rules"] = list(inference.rules)
    if isinstance(inference.data, Mapping):
        data = {k: v for k, v in inference.data.items() if k != "uses"}
        if data:
            out["data"] = data
    return out or None


def _to_map(doc: Document, file: str) -> ArgumentMap:
    if len(doc.statements) + len(doc.arguments) + len(doc.relations) > MAX_ITEMS:
        raise ArgmapError("too many statements, arguments and relations", file=file)
    ids: dict[int, str] = {}  # id(endpoint) -> claim id
    used: set[str] = set()

    def fresh(base: str) -> str:
        rid, k = base, 1
        while rid in used:
            k += 1
            rid = f"{base}-{k}"
        used.add(rid)
        return rid

    negating = _negating_conclusions(doc)
    paths = _section_paths(doc)
    used_sections: set[str] = set()

    def section(of: str | None) -> list[str] | None:
        if of is None or of not in paths:
            return None
        used_sections.add(of)
        return paths[of]

    claims: list[Claim] = []
    for ec in doc.statements.values():
        name = ec.title
        if name in negating:
            continue
        if name in used:
            cid = fresh(name)
        else:  # (the common case, without a call)
            cid = name
            used.add(name)
        ids[id(ec)] = cid
        # the last member's text, if it has one (the common case), else the last text given
        text = ec.members[-1].plain if ec.members else ""
        if not text:
            text = ec.plain_text
        # (a statement without text is written back as a reference, which has no section)
        where = section(ec.section) if ec.section is not None and text.strip() else None
        kept = _kept({"data": ec.data, "section": where}) if ec.data or where else EMPTY
        claims.append(Claim(cid, text, tuple(ec.tags), data=kept))
    # An argument without a premise–conclusion structure has no inference to become a
    # relation: it is a claim of its own (its description as text), marked as read from an
    # argument so that it is written back as one.
    plain = [a for a in doc.arguments.values() if not a.pcs]
    for arg in plain:
        cid = fresh(arg.title if arg.title not in used else f"{arg.title} (argument)")
        ids[id(arg)] = cid
        kept = _kept({"argument": True, "data": arg.data, "section": section(arg.section)})
        claims.append(Claim(cid, arg.plain_text or arg.title, tuple(arg.tags), data=kept))
    for cid in ids.values():
        try:
            check_id(cid)
        except ValueError:
            raise ArgmapError(f"title {cid!r} cannot be used as an id", file=file) from None

    relations: list[Relation] = []
    deferred: list[tuple[Relation, Endpoint]] = []  # our export of an attack with premises
    inference_ids: dict[int, str] = {}
    for arg in doc.arguments.values():
        if not arg.pcs:
            continue
        steps = _steps(arg)
        for k, (premises, conclusion) in enumerate(steps):
            last = k == len(steps) - 1
            rid = fresh(arg.title if last else f"{arg.title}-step{k + 1}")
            if conclusion.inference is not None:
                inference_ids[id(conclusion.inference)] = rid
            prem = tuple(dict.fromkeys([ids[id(doc.statements[p])] for p in premises]))
            if last and arg.title in negating:
                neg = negating[arg.title]
                kind = RelationKind.ATTACK if neg.kind == "attack" else RelationKind.UNDERCUT
                kept = _kept(
                    {"title": rid, "data": arg.data} if len(prem) == 1 else {"data": arg.data}
                )
                deferred.append((Relation(rid, kind, prem, "", data=kept), neg.target))
                continue
            concluded = ids[id(doc.statements[conclusion.title])]
            if concluded in prem:
                prem = tuple([p for p in prem if p != concluded])
            if not prem:
                report_loss(f"a step of argument <{arg.title}> concludes one of its premises")
                continue
            kept = _kept(
                {
                    "title": rid,
                    "description": arg.plain_text if last else None,
                    "data": arg.data if last else None,
                    "inference": _inference(conclusion.inference),
                }
            )
            relations.append(Relation(rid, RelationKind.SUPPORT, prem, concluded, data=kept))

    def claim_of(e: Endpoint) -> str | None:
        cid = ids.get(id(e))  # a statement or an argument read as a claim
        if cid is None and isinstance(e, DocArgument) and e.pcs:
            return ids[id(doc.statements[e.pcs[-1].title])]
        return cid

    for rel, end in deferred:
        if rel.kind is RelationKind.UNDERCUT:
            target = inference_ids.get(id(end)) if isinstance(end, DocInference) else None
        else:
            target = claim_of(end)
        if target is None:
            report_loss(f"argument <{rel.id}> could not be placed and was dropped")
            continue
        relations.append(dataclasses.replace(rel, target=target))
    negating_ecs = {id(doc.statements[t]) for t in negating}
    n = 0
    # (one pass over every relation of the file: claim_of's common case, a statement's
    # claim, looked up inline, and the most frequent kinds tested first)
    claim_id = ids.get
    for r in doc.relations:
        source, r_kind = r.source, r.kind
        if id(source) in negating_ecs:
            continue
        src = claim_id(id(source)) or claim_of(source)
        if src is None:
            continue
        if r_kind == "support" or r_kind == "entails":
            kind = RelationKind.SUPPORT
        elif r_kind == "undercut":
            target = inference_ids.get(id(r.target)) if isinstance(r.target, DocInference) else None
            if target is not None:
                n += 1
                relations.append(Relation(fresh(f"r{n}"), RelationKind.UNDERCUT, (src,), target))
                continue
            report_loss("undercuts of statements (not of an inference) were read as attacks")
            kind = RelationKind.ATTACK
        else:
            kind = RelationKind.ATTACK
        # Argdown's own relation type, where it says more than support or attack: a
        # contradiction is two attacks for the semantics, written back as one "><".
        marked = _kept({"relation": r_kind}) if r_kind in _MARKED else EMPTY
        dst = claim_id(id(r.target)) or claim_of(r.target)
        if dst is None or dst == src:
            line = doc.line(r.start)
            report_loss(f"a relation of line {line} could not be placed and was dropped")
            continue
        pairs = ((src, dst), (dst, src)) if r_kind == "contradictory" else ((src, dst),)
        for a, b in pairs:
            n += 1
            rid = f"r{n}"
            if rid in used:
                rid = fresh(rid)
            else:
                used.add(rid)
            relations.append(Relation(rid, kind, (a,), b, data=marked))
    if set(paths) - used_sections or any(sec.data for sec in _all_sections(doc.sections)):
        report_loss(
            "sections (# headings) are kept only as the section of the statements in them; "
            "headings without statements, arguments' sections and headings' data are not"
        )
    # Our own export keeps what Argdown has no construct for (qualify, supersede,
    # attribution, provenance) under an "argmap" key of the inline data: bring it back.
    # (only the data that has such a key: the others have nothing to bring back)
    statement_data = {
        ids[id(ec)]: ec.data
        for ec in doc.statements.values()
        if "argmap" in ec.data and id(ec) in ids
    }
    relation_ids = {rel.id for rel in relations}  # a set: 10,000 arguments took 0.35 s in a list
    argument_data = {
        arg.title: arg.data
        for arg in doc.arguments.values()
        if "argmap" in arg.data and arg.title in relation_ids
    }
    if statement_data or argument_data:
        titles = {ids[id(ec)]: ec.title for ec in doc.statements.values() if id(ec) in ids}
        claims, relations = apply_argmap_data(
            claims, relations, statement_data, argument_data, titles
        )

    front = doc.front_matter
    thesis_title = front.get("thesis")
    thesis = None
    if isinstance(thesis_title, str) and thesis_title in doc.statements:
        thesis = ids[id(doc.statements[thesis_title])]
    if thesis is None:
        thesis = guess_thesis(claims, relations)
    heading = doc.sections[0].title if doc.sections else ""
    title = front.get("title")
    description = front.get("description")
    return finish_map(
        file,
        title=str(title) if title is not None else heading,
        description=str(description) if description is not None else "",
        thesis=thesis,
        claims=claims,
        relations=relations,
    )


def _all_sections(sections: list[Section]) -> Iterator[Section]:
    for sec in sections:
        yield sec
        yield from _all_sections(sec.children)


def _section_paths(doc: Document) -> dict[str, list[str]]:
    """Each section's id → the titles of the headings down to it (``# A`` then ``## B``:
    ``["A", "B"]``)."""
    out: dict[str, list[str]] = {}
    for sec in _all_sections(doc.sections):
        titles: list[str] = []
        at: Section | None = sec
        while at is not None:
            titles.append(at.title)
            at = at.parent
        out[sec.id] = titles[::-1]
    return out


def _negating_conclusions(doc: Document) -> dict[str, DocRelation]:
    """Arguments as our writer exports an attack or undercut with several premises.

    Their conclusion is titled like the argument and does nothing but attack (``->``) or
    undercut (``_>``) one thing; the map holds that as one relation with those premises.
    """
    used_in_structures = {p.title for a in doc.arguments.values() for p in a.pcs[:-1]}
    out: dict[str, DocRelation] = {}
    for title, arg in doc.arguments.items():
        if not arg.pcs or arg.pcs[-1].title != title or title in used_in_structures:
            continue
        ec = doc.statements[title]
        outgoing = [r for r in ec.relations if r.source is ec]
        if len(outgoing) == 1 and len(ec.relations) == 1 and outgoing[0].kind != "support":
            out[title] = outgoing[0]
    return out


def _steps(arg: DocArgument) -> list[tuple[list[str], PcsMember]]:
    """Inference steps: premises since the last conclusion, plus that conclusion; or, as in
    the reference, the statement numbers an inference lists as ``{uses: [1, 2]}``."""
    steps: list[tuple[list[str], PcsMember]] = []
    pending: list[str] = []
    previous: str | None = None
    for member in arg.pcs:
        if member.role == "premise":
            pending.append(member.title)
            continue
        premises = pending + ([previous] if previous and previous not in pending else [])
        uses = _uses(member, len(arg.pcs))
        if uses is not None:
            premises = [arg.pcs[i - 1].title for i in uses]
        steps.append((premises, member))
        previous, pending = member.title, []
    return steps


def _uses(conclusion: PcsMember, size: int) -> list[int] | None:
    for data in (
        conclusion.inference.data if conclusion.inference else None,
        conclusion.member.data if conclusion.member else None,
    ):
        uses = data.get("uses") if isinstance(data, dict) else None
        if isinstance(uses, list) and uses:
            if all(isinstance(i, int) and 1 <= i <= size for i in uses):
                return uses
            report_loss("an inference's 'uses' list names statements that do not exist")
    return None
