"""Keeping a map and its Argdown text in step (the desktop's Argdown pane, saving back).

Text to map, :func:`merge_into`: the live map is changed, by ordinary model mutations, until
what Argdown says about it (claim ids, texts and tags; relations; title, description, thesis)
equals the map read from the text. What Argdown does not carry stays: positions, pins, notes,
anchors, articles, collapse and what-if marks, relation ids and routes. Relations are matched by
what they connect (one-premise relations have no id in Argdown); a claim whose title changed
keeps the place of the claim it replaces (same text, or the only one gone).

Map to text, :func:`text_for`: the user's text where it still says what the map says; else
the changed statements patched in place and new ones appended; else the writer's text. Every
candidate is checked by reading it back, so the text returned always reads as the map.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from argmap.errors import ArgmapError
from argmap.formats import argdown
from argmap.formats.common import collecting_losses
from argmap.model.argument_map import ArgumentMap
from argmap.model.elements import Claim, Point, Relation, RelationKind
from argmap.model.events import (
    ArticleAdded,
    ArticleRemoved,
    ClaimUpdated,
    MapEvent,
    RelationUpdated,
)

# Where a new claim goes: given the id of a placed relative (or None), a free centre.
Placer = Callable[[str | None], Point | None]


@dataclass(frozen=True)
class ParseError:
    """Why a text does not read as a map, and where (1-based; 0 when the reader gives none)."""

    message: str
    line: int = 0
    column: int = 0


_PLACE = re.compile(r"line (\d+):(\d+)")


def parse(text: str, name: str = "<argdown pane>") -> ArgumentMap | ParseError:
    """The map the text says, or where it fails. Loss reports are collected, not printed."""
    try:
        with collecting_losses():
            return argdown.read(text.encode("utf-8"), name)
    except ArgmapError as e:
        where = _PLACE.search(e.place or "")
        if where is None:
            return ParseError(e.message)
        return ParseError(e.message, int(where.group(1)), int(where.group(2)))


def dumps(m: ArgumentMap) -> str:
    """The writer's text, with its loss reports kept quiet (the pane is not an export)."""
    with collecting_losses():
        return argdown.dumps(m)


def changes_text(event: MapEvent) -> bool:
    """Whether a change of the map changes what Argdown says of it (a move does not)."""
    if isinstance(event, ClaimUpdated):
        return event.field in ("text", "tags")
    if isinstance(event, RelationUpdated):
        return event.field != "route"
    return not isinstance(event, ArticleAdded | ArticleRemoved)


def content_key(m: ArgumentMap) -> Hashable:
    """A cheap key of what Argdown says about ``m`` (and of relation ids): equal maps, equal
    keys, whatever the order their values were added in (undo re-adds at the end)."""
    return (
        m.title,
        m.description,
        m.thesis,
        frozenset((c.id, c.text, c.tags) for c in m.claims()),
        frozenset((r.id, r.kind, r.premises, r.target) for r in m.relations()),
    )


def same_content(a: ArgumentMap, b: ArgumentMap) -> bool:
    """Whether Argdown says the same about both maps (ids of relations it writes as plain
    ``+``/``-`` lines are not part of what it says)."""
    return _signature(a) == _signature(b)


def _signature(m: ArgumentMap) -> Hashable:
    rels = list(m.relations())
    named = {r.id for r in rels if len(r.premises) > 1} | {
        r.target for r in rels if r.kind is RelationKind.UNDERCUT
    }

    def key(r: Relation) -> Hashable:
        target: Hashable = r.target
        if r.kind is RelationKind.UNDERCUT:
            target = key(m.relation(r.target))
        return (r.kind, frozenset(r.premises), target, r.id if r.id in named else None)

    return (
        m.title,
        m.description,
        m.thesis,
        frozenset((c.id, _norm(c.text), c.tags) for c in m.claims()),
        frozenset(Counter(key(r) for r in rels).items()),
    )


# ---------------------------------------------------------------------------- text → map


def _norm(text: str) -> str:
    return " ".join(text.split())


def _key(kind: RelationKind, premises: tuple[str, ...], target: str) -> tuple[object, ...]:
    return (kind, frozenset(premises), target)


def _match_relations(live: ArgumentMap, parsed: ArgumentMap) -> tuple[list[Relation], list[str]]:
    """The parsed relations to add (under the ids they will have in the live map) and the live
    relations to remove; every other live relation is kept, matched to a parsed one."""
    free: dict[tuple[object, ...], list[str]] = {}
    for r in live.relations():
        free.setdefault(_key(r.kind, r.premises, r.target), []).append(r.id)
    # Relations Argdown writes as arguments <title>: their title is their id, so it counts.
    named = {r.id for r in parsed.relations() if len(r.premises) > 1} | {
        r.target for r in parsed.relations() if r.kind is RelationKind.UNDERCUT
    }
    kept: dict[str, str] = {}  # parsed id → live id
    unmatched: list[Relation] = []
    todo = list(parsed.relations())
    while todo:  # undercuts wait until the relation they aim at is matched or not
        later = []
        for r in todo:
            target = r.target
            if r.kind is RelationKind.UNDERCUT:
                if target not in kept and all(u.id != target for u in unmatched):
                    later.append(r)
                    continue
                target = kept.get(target, "")  # an unmatched target: nothing live matches
            key = _key(r.kind, r.premises, target)
            # (a live relation whose id the text gives a claim cannot keep that id)
            same = [
                i
                for i in free.get(key, ())
                if not parsed.has_claim(i) and (i == r.id or r.id not in named)
            ]
            if same:
                kept[r.id] = same[0]
                free[key].remove(same[0])
            else:
                unmatched.append(r)
        if len(later) == len(todo):
            break  # an undercut of nothing the map holds: the reader never makes one
        todo = later
    # New ids: the text's own where free (removed relations free theirs), else fresh.
    taken = set(kept.values())
    ids: dict[str, str] = {}
    for r in unmatched:
        rid, n = r.id, 0
        while rid in taken or parsed.has_claim(rid):
            n += 1
            rid = f"r{n}"
        taken.add(rid)
        ids[r.id] = rid
    to_add = [
        Relation(
            ids[r.id],
            r.kind,
            r.premises,
            (kept.get(r.target) or ids[r.target]) if r.kind is RelationKind.UNDERCUT else r.target,
        )
        for r in unmatched
    ]
    gone = [rid for ids_ in free.values() for rid in ids_]
    return to_add, gone


def _renamed(live: ArgumentMap, parsed: ArgumentMap) -> dict[str, str]:
    """New claim id → the removed claim it replaces (same text, or the only one each)."""
    removed = [c for c in live.claims() if not parsed.has_claim(c.id)]
    added = [c for c in parsed.claims() if not live.has_claim(c.id)]
    pairs: dict[str, str] = {}
    by_text: dict[str, list[str]] = {}
    for c in removed:
        by_text.setdefault(_norm(c.text), []).append(c.id)
    for c in added:
        same = by_text.get(_norm(c.text))
        if same:
            pairs[c.id] = same.pop(0)
    left_removed = [c.id for c in removed if c.id not in pairs.values()]
    left_added = [c.id for c in added if c.id not in pairs]
    if len(left_removed) == 1 and len(left_added) == 1:
        pairs[left_added[0]] = left_removed[0]
    return pairs


def merge_into(live: ArgumentMap, parsed: ArgumentMap, place: Placer | None = None) -> None:
    """Change ``live`` until Argdown says of it what it says of ``parsed`` (see the module).

    Run it under :class:`argmap.model.history.Recorder` to make it one undo step; if a step
    fails (a title that is a relation id of the map…), the recorder rolls it all back.
    """
    to_add, gone = _match_relations(live, parsed)
    renamed = _renamed(live, parsed)
    if live.thesis is not None and not parsed.has_claim(live.thesis):
        live.update_map(thesis=None)
    for rid in gone:
        if live.has_relation(rid):  # (undercuts of a removed relation went with it)
            live.disconnect(rid)
    old_claims = {c.id: c for c in live.claims() if not parsed.has_claim(c.id)}
    for cid in old_claims:
        live.remove_claim(cid)

    new_ids = []
    for c in parsed.claims():
        if live.has_claim(c.id):
            own = live.claim(c.id)
            changes: dict[str, object] = {}
            if _norm(own.text) != _norm(c.text):
                changes["text"] = c.text
            if own.tags != c.tags:
                changes["tags"] = c.tags
            if own.data.get("argdown") != c.data.get("argdown"):  # what Argdown says of it
                changes["data"] = own.data.merged("argdown", c.data.get("argdown"))
            if changes:
                live.update_claim(c.id, **changes)
            continue
        old = old_claims.get(renamed.get(c.id, ""))
        if old is None:
            new_ids.append(c.id)
            live.insert_claim(Claim(c.id, c.text, c.tags, data=c.data))
        else:  # everything Argdown does not say comes from the claim it replaces
            data = old.data.merged("argdown", c.data.get("argdown"))
            live.insert_claim(
                dataclasses.replace(old, id=c.id, text=c.text, tags=c.tags, data=data)
            )
    for r in to_add:
        live.insert_relation(r)
    if place is not None:
        _place_new(live, new_ids, place)

    live.update_map(title=parsed.title, description=parsed.description, thesis=parsed.thesis)


def _place_new(m: ArgumentMap, new_ids: list[str], place: Placer) -> None:
    """New claims go next to a relative that has a place: a claim they bear on first."""
    todo = list(new_ids)
    placed = {c.id for c in m.claims() if c.position is not None}
    while todo:
        later: list[str] = []
        for cid in todo:
            near = _placed_relative(m, cid, placed)
            if near is None and len(later) < len(todo):
                later.append(cid)
                continue
            pos = place(near)
            if pos is not None:
                m.move(cid, pos)
                placed.add(cid)
        if len(later) == len(todo):  # nothing related is placed: anywhere free
            for cid in later:
                pos = place(None)
                if pos is not None:
                    m.move(cid, pos)
                    placed.add(cid)
            break
        todo = later


def _placed_relative(m: ArgumentMap, cid: str, placed: set[str]) -> str | None:
    for r in m.relations_from(cid):
        if r.target in placed:
            return r.target
    for r in m.relations_into(cid):
        for p in r.premises:
            if p in placed:
                return p
    return None


# ---------------------------------------------------------------------------- map → text


def text_for(m: ArgumentMap, text: str | None, said: ArgumentMap | None = None) -> str:
    """Argdown text of ``m`` that keeps as much of the user's ``text`` as still holds.

    ``said``: the map ``text`` is known to read as (spares reading it once more)."""
    if text is None:
        return dumps(m)
    parsed = said if said is not None else parse(text)
    if isinstance(parsed, ParseError):
        return dumps(m)
    if same_content(parsed, m):
        return text
    patched = patch(text, parsed, m)
    if patched is not None:
        again = parse(patched)
        if not isinstance(again, ParseError) and same_content(again, m):
            return patched
    return dumps(m)


def _definition(title: str) -> re.Pattern[str]:
    # "[title]: text" on one line, after an optional relation sign or PCS number.
    return re.compile(
        r"^(?P<lead>[ \t]*(?:(?:[+\-_]>?|<[+\-_]|><)[ \t]+|\(\d+\)[ \t]*)?)\["
        + re.escape(title)
        + r"\]:[^\n]*$",
        re.M,
    )


def patch(text: str, old: ArgumentMap, new: ArgumentMap) -> str | None:
    """``text`` (which reads as ``old``) changed to say ``new``, touching only what changed:
    claims whose text or tags changed are rewritten on their definition line, new claims and
    new one-premise relations are appended. ``None`` when the change is of another kind
    (removals, linked arguments, undercuts, title changes): the caller then rewrites."""
    if (old.title, old.description, old.thesis) != (new.title, new.description, new.thesis):
        return None
    if any(not new.has_claim(c.id) for c in old.claims()):
        return None
    old_keys = {_key(r.kind, r.premises, r.target) for r in old.relations()}
    new_keys = {_key(r.kind, r.premises, r.target): r for r in new.relations()}
    if not old_keys <= new_keys.keys():
        return None
    added = [r for k, r in new_keys.items() if k not in old_keys]
    if any(len(r.premises) != 1 or r.kind is RelationKind.UNDERCUT for r in added):
        return None
    out = text
    tail: list[str] = []
    for c in new.claims():
        line = _statement(c.id, c.text, c.tags)
        if not old.has_claim(c.id):
            tail.append(line)
            continue
        was = old.claim(c.id)
        if _norm(was.text) == _norm(c.text) and was.tags == c.tags:
            continue
        found = list(_definition(c.id).finditer(out))
        if len(found) != 1:
            return None
        hit = found[0]
        out = out[: hit.start()] + hit.group("lead") + line + out[hit.end() :]
    for r in added:
        sign = "+>" if r.kind is RelationKind.SUPPORT else "->"
        tail.append(f"[{r.premises[0]}]\n  {sign} [{r.target}]")
    if tail:
        out = out.rstrip("\n") + "\n\n" + "\n\n".join(tail) + "\n"
    return out


def _statement(title: str, text: str, tags: tuple[str, ...]) -> str:
    with collecting_losses():
        tag_text = "".join(" " + argdown._tag(t) for t in tags)
    body = f": {argdown.escape(text)}" if text.strip() else ""
    return f"[{title}]{body}{tag_text}"


# ---------------------------------------------------------------------------- one-line edits

# A statement defined on one line with plain text: nothing in it the lexer gives a meaning.
_PLAIN_DEFINITION = re.compile(
    r"^(?P<lead>[ \t]*(?:(?:[+\-_]>?|<[+\-_]|><)[ \t]+|\(\d+\)[ \t]*)?)"
    r"\[(?P<title>[^\[\]\n\\]+)\]:[ \t]+"
    r"(?P<text>(?:[^\[\]<>#/*_{}@`~\\\n.:=]|[.:](?=[ \t]|$))+?)"
    r"(?P<tags>(?:[ \t]+#(?:\([^()\n\\]*\)|[A-Za-z0-9_-]+))*)[ \t]*$"
)


def _common_prefix(x: str, y: str) -> int:
    """Length of the common start of ``x`` and ``y`` (binary search: slices compare in C)."""
    lo, hi = 0, min(len(x), len(y))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if x[:mid] == y[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def quick_edit(
    old_text: str, new_text: str, m: ArgumentMap
) -> tuple[str, str, tuple[str, ...]] | None:
    """``(claim id, text, tags)`` when ``new_text`` differs from ``old_text`` (which reads as
    ``m``) only inside the plain text or simple tags of one statement defined once, on one
    line; else None.

    Typing into a claim's text is the common keystroke, and it needs no reading of the whole
    text: the statement's text and tags are the line's (the old line is checked against the
    map, so a hard-wrapped or twice-defined statement falls back to reading everything)."""
    if old_text == new_text:
        return None
    a = _common_prefix(old_text, new_text)
    b = _common_prefix(old_text[::-1], new_text[::-1])
    b = min(b, len(old_text) - a, len(new_text) - a)
    old_start, old_end = _line_at(old_text, a)
    new_start, new_end = _line_at(new_text, a)
    if old_end < len(old_text) - b or new_end < len(new_text) - b:
        return None  # the change spans lines
    before = _PLAIN_DEFINITION.match(old_text[old_start:old_end])
    after = _PLAIN_DEFINITION.match(new_text[new_start:new_end])
    if before is None or after is None:
        return None
    title = before.group("title")
    if (after.group("title"), after.group("lead")) != (title, before.group("lead")):
        return None
    if not m.has_claim(title) or old_text.count(f"[{title}]:") != 1:
        return None  # (defined twice: the last text counts, read it all)
    claim = m.claim(title)
    if _norm(claim.text) != _norm(before.group("text")) or claim.tags != _tags_of(before):
        return None
    return title, _norm(after.group("text")), _tags_of(after)


def _tags_of(definition: re.Match[str]) -> tuple[str, ...]:
    tags = [t.strip("()").strip() for t in re.findall(r"#(\([^()]*\)|[\w-]+)", definition["tags"])]
    return tuple(dict.fromkeys(t for t in tags if t))
