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

Import reads Argdown as the reference parser (@argdown/core) does: :mod:`argdown_lexer`,
:mod:`argdown_parser` and :mod:`argdown_document` build the same statements, arguments and
relations as its JSON; :func:`read` maps that document onto claims and relations and reports
what the map cannot hold (docs/FORMATS.md). Syntax errors are refused with the first one's line
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
    # Argdown merges equal relations (same kind, source and target); a repeated one is written
    # as an argument of its own, so that it stays a relation of its own.
    seen: set[tuple[RelationKind, tuple[str, ...], str]] = set()
    for r in relations:
        key = (r.kind, r.premises, r.target)
        if key in seen:
            as_argument.add(r.id)
        seen.add(key)
    _report_write_losses(m)

    out: list[str] = ["==="]
    out.append("title: " + _front_value(m.title))
    if m.description:
        out.append("description: " + _front_value(m.description))
    if m.thesis is not None:
        out.append("thesis: " + _front_value(titles[m.thesis]))
    out += ["===", ""]
    if not claims:  # Argdown needs at least one element: the title as a heading
        out += ["# " + (escape(m.title) or "Map"), ""]

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
        # no text: a reference, since a definition ("[t]:") needs text in Argdown
        text = f": {escape(c.text)}" if c.text.strip() else ""
        data = _inline_data(claim_data(c, neutral.get(cid, {}))) if text else ""
        out.append(f"[{titles[cid]}]{text}{tags}{data}".rstrip())
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
    for warning in doc.warnings:
        report_loss(warning)
    _report_suspicious_text(doc)
    return _to_map(doc, file)


def _check_front_matter_closed(text: str, file: str) -> None:
    """An opening ``===`` without its closing one: the reference reads it all as text."""
    opening = re.match(r"\s*?^[ \t]*===+[ \t]*$", text, re.M)
    if opening is None or re.search(r"^[ \t]*===+[ \t]*$", text[opening.end() :], re.M):
        return
    line = text.count("\n", 0, opening.end()) + 1
    raise ArgmapError("front matter (===) is not closed", file=file, place=f"line {line}:1")


def _report_suspicious_text(doc: Document) -> None:
    """Text that looks like a cut-off title or reference is valid Argdown, but say so."""
    for ec in doc.statements.values():
        for m in ec.members:
            if ("[" in m.text or "<" in m.text) and re.search(r"(?<!\\)[\[<][^\]>]*$", m.text):
                report_loss(
                    f"line {m.line}: an unclosed '[' or '<' was read as text "
                    f"({m.text[:40]!r}); was the file cut off?"
                )


def _foreign_data(data: Mapping[str, Any] | None) -> bool:
    """Whether inline data holds anything besides argmap's own key (which is read back)."""
    return bool(data) and any(k != "argmap" for k in data)  # type: ignore[union-attr]


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
    claims: list[Claim] = []
    for ec in doc.statements.values():
        if ec.title in negating:
            continue
        cid = fresh(ec.title)
        ids[id(ec)] = cid
        claims.append(Claim(cid, ec.plain_text, tuple(ec.tags)))
    # An argument without a premise–conclusion structure has no inference to become a
    # relation: it is a claim of its own (its description as text).
    plain = [a for a in doc.arguments.values() if not a.pcs]
    for arg in plain:
        cid = fresh(arg.title if arg.title not in used else f"{arg.title} (argument)")
        ids[id(arg)] = cid
        claims.append(Claim(cid, arg.plain_text or arg.title, tuple(arg.tags)))
    if plain:
        report_loss("arguments without premise–conclusion structure were read as claims")
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
            prem = tuple(dict.fromkeys(ids[id(doc.statements[p])] for p in premises))
            if last and arg.title in negating:
                neg = negating[arg.title]
                kind = RelationKind.ATTACK if neg.kind == "attack" else RelationKind.UNDERCUT
                deferred.append((Relation(rid, kind, prem, ""), neg.target))
                continue
            concluded = ids[id(doc.statements[conclusion.title])]
            prem = tuple(p for p in prem if p != concluded)
            if not prem:
                report_loss(f"a step of argument <{arg.title}> concludes one of its premises")
                continue
            relations.append(Relation(rid, RelationKind.SUPPORT, prem, concluded))
            if any(p.inference and p.inference.rules for _, p in [(0, conclusion)]):
                report_loss("inference rules are not kept")

    def claim_of(e: Endpoint) -> str | None:
        if isinstance(e, DocArgument) and e.pcs:
            return ids[id(doc.statements[e.pcs[-1].title])]
        if isinstance(e, DocInference):
            return None
        return ids.get(id(e))

    for rel, end in deferred:
        if rel.kind is RelationKind.UNDERCUT:
            target = inference_ids.get(id(end)) if isinstance(end, DocInference) else None
        else:
            target = claim_of(end)
        if target is None:
            report_loss(f"argument <{rel.id}> could not be placed and was dropped")
            continue
        relations.append(Relation(rel.id, rel.kind, rel.premises, target))
    negating_ecs = {id(doc.statements[t]) for t in negating}
    n = 0
    for r in doc.relations:
        if id(r.source) in negating_ecs:
            continue
        src = claim_of(r.source)
        if src is None:
            continue
        if r.kind == "undercut":
            target = inference_ids.get(id(r.target)) if isinstance(r.target, DocInference) else None
            if target is not None:
                n += 1
                relations.append(Relation(fresh(f"r{n}"), RelationKind.UNDERCUT, (src,), target))
                continue
            report_loss("undercuts of statements (not of an inference) were read as attacks")
            kind = RelationKind.ATTACK
        elif r.kind in ("support", "entails"):
            kind = RelationKind.SUPPORT
        else:
            kind = RelationKind.ATTACK
            if r.kind == "contradictory":
                report_loss("contradictions (><) between statements were read as two attacks")
            elif r.kind == "contrary":
                report_loss("contrary relations between statements were read as attacks")
        dst = claim_of(r.target)
        if dst is None or dst == src:
            report_loss(f"a relation of line {r.line} could not be placed and was dropped")
            continue
        pairs = [(src, dst), (dst, src)] if r.kind == "contradictory" else [(src, dst)]
        for a, b in pairs:
            n += 1
            relations.append(Relation(fresh(f"r{n}"), kind, (a,), b))
    if doc.sections:
        report_loss("sections (# headings) are not kept")
    # Our own export keeps what Argdown has no construct for (qualify, supersede,
    # attribution, provenance) under an "argmap" key of the inline data: bring it back.
    statement_data = {ids[id(ec)]: ec.data for ec in doc.statements.values() if id(ec) in ids}
    argument_data = {
        rel.id: arg.data
        for arg in doc.arguments.values()
        for rel in relations
        if arg.data and rel.id == arg.title
    }
    titles = {ids[id(ec)]: ec.title for ec in doc.statements.values() if id(ec) in ids}
    claims, relations = apply_argmap_data(claims, relations, statement_data, argument_data, titles)
    if any(_foreign_data(ec.data) for ec in doc.statements.values()) or any(
        _foreign_data(a.data) for a in doc.arguments.values()
    ):
        report_loss("inline data ({…}) of statements and arguments is not kept")

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
