"""Build ``seeds/maps/*.argmap`` from the hand-written ``seeds/curation/*.json``.

Curators write exact quotes, not offsets (see curation/README.md); this finds each quote in
its article, computes the anchor span, and writes the map through the model, so every seed
map is checked by the same rules as any user's map, then lays it out (the default engine) and
stores the positions and routes, so every seed map opens as drawn without laying out again.

``python -m seeds.build --check`` exits 1 when a committed map differs from what its curation
source builds. Positions and routes are left out of that comparison (they change with the
layout engine; the check only needs them present), and a committed map whose content is
current keeps its stored layout unless ``--relayout`` is given, so rebuilding does not churn.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats import native
from argmap.layout.engine import apply_layout, compute_layout
from argmap.model import Anchor, ArgumentMap, Article, RelationKind
from argmap.model.elements import (
    Attribution,
    AttributionKind,
    Claim,
    DateRange,
    Provenance,
    VocabularyEntry,
)
from argmap.resources import seeds_dir

SEEDS = seeds_dir()  # this package's own folder, found as package data
ARTICLES = SEEDS / "articles"
CURATION = SEEDS / "curation"
MAPS = SEEDS / "maps"
VOCABULARY = SEEDS / "vocabulary.json"


def find_quote(text: str, quote: str, occurrence: int | None, where: str) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) appearance of ``quote`` in ``text``."""
    starts = []
    i = text.find(quote)
    while i != -1:
        starts.append(i)
        i = text.find(quote, i + 1)
    if not starts:
        raise ArgmapError(f"quote not found in the article: {quote[:60]!r}", place=where)
    if occurrence is None:
        if len(starts) > 1:
            raise ArgmapError(
                f'quote occurs {len(starts)} times; give "occurrence": {quote[:60]!r}', place=where
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise ArgmapError(f"quote occurs {len(starts)} times, not {occurrence}", place=where)
    start = starts[occurrence - 1]
    return start, start + len(quote)


def load_vocabulary(path: Path = VOCABULARY) -> list[VocabularyEntry]:
    """The corpus's controlled tags, stored in every seed map."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [
        VocabularyEntry(e["tag"], e.get("label", ""), e.get("description", "")) for e in entries
    ]


def article_of(meta: dict[str, Any], text: str) -> Article:
    """An article from its curation metadata: an exact ``date`` or a ``date_range``."""
    span = meta.get("date_range")
    return Article(
        meta["id"],
        text,
        title=meta.get("title") or "",
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        date=meta.get("date"),
        url=meta.get("url"),
        date_range=None
        if span is None
        else DateRange(span["earliest"], span["latest"], span.get("evidence", "")),
        language=meta.get("language"),
    )


def attribution_of(value: dict[str, Any] | None) -> Attribution | None:
    """Who asserts a claim; absent means the article's author."""
    if value is None:
        return None
    return Attribution(AttributionKind(value["kind"]), value.get("name", ""), value.get("role", ""))


def build_map(
    source: dict[str, Any],
    articles_dir: Path = ARTICLES,
    vocabulary: list[VocabularyEntry] | None = None,
) -> ArgumentMap:
    """Build a map from a curation source: one ``"article"``, or several ``"articles"`` whose
    quotes each name their ``"article"`` (the overview map joins all five)."""
    metas = source["articles"] if "articles" in source else [source["article"]]
    default = metas[0]["id"] if len(metas) == 1 else None
    m = ArgumentMap(
        title=source.get("map_title", metas[0].get("title", "")),
        description=source.get("description", ""),
    )
    m.update_map(vocabulary=load_vocabulary() if vocabulary is None else vocabulary)
    texts: dict[str, str] = {}
    for meta in metas:
        text = (articles_dir / f"{meta['id']}.txt").read_bytes().decode("utf-8")
        texts[meta["id"]] = text
        m.add_article(article_of(meta, text))
    for i, c in enumerate(source["claims"]):
        anchors = []
        for j, q in enumerate(c.get("quotes", [])):
            where = f"$.claims[{i}].quotes[{j}]"
            if isinstance(q, str):
                quote, occ, article = q, None, default
            else:
                quote, occ, article = q["quote"], q.get("occurrence"), q.get("article", default)
            if article not in texts:
                raise ArgmapError(
                    f"quote names no article of this source: {article!r}", place=where
                )
            start, end = find_quote(texts[article], quote, occ, where)
            anchors.append(Anchor(article, start, end, quote))
        m.insert_claim(
            Claim(
                id=c["id"],
                text=c["text"],
                tags=tuple(c.get("tags", ())),
                notes=c.get("notes", ""),
                anchors=tuple(anchors),
                attribution=attribution_of(c.get("attribution")),
                provenance=Provenance(c.get("provenance", Provenance.ARTICLE)),
            )
        )
    # Undercuts need their target relation first: add claim-targeting relations, then the rest.
    pending = list(source["relations"])
    while pending:
        progress = False
        for r in list(pending):
            if r["kind"] != RelationKind.UNDERCUT or m.has_relation(r["target"]):
                m.connect(r["premises"], r["target"], r["kind"], id=r["id"])
                pending.remove(r)
                progress = True
        if not progress:
            raise ArgmapError(f"undercut {pending[0]['id']!r} targets no relation")
    m.update_map(thesis=source["thesis"])
    return m


def without_layout(m: ArgumentMap) -> str:
    """The map's document with positions and routes removed: what ``--check`` compares."""
    bare = m.copy()
    for c in list(bare.claims()):
        bare.move(c.id, None)
    for r in list(bare.relations()):
        bare.update_relation(r.id, route=())
    return native.dumps(bare)


def fully_laid_out(m: ArgumentMap) -> bool:
    return all(c.position is not None for c in m.claims()) and all(r.route for r in m.relations())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seeds.build", description=__doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if a committed map is out of date",
    )
    parser.add_argument(
        "--relayout",
        action="store_true",
        help="lay out every map again even if its stored layout is current",
    )
    args = parser.parse_args(argv)
    MAPS.mkdir(exist_ok=True)
    stale = []
    for src in sorted(CURATION.glob("*.json")):
        try:
            m = build_map(json.loads(src.read_text(encoding="utf-8")))
        except (ArgmapError, ValueError, KeyError) as e:
            msg = e.line() if isinstance(e, ArgmapError) else str(e)
            print(f"{src}: {msg}", file=sys.stderr)
            return 1
        out = MAPS / f"{src.stem}.argmap"
        committed = native.load(out) if out.exists() else None
        current = (
            committed is not None
            and fully_laid_out(committed)
            and without_layout(committed) == without_layout(m)
        )
        if args.check:
            if not current:
                stale.append(out)
        elif not current or args.relayout:
            try:
                apply_layout(m, compute_layout(m))
            except ArgmapError as e:
                print(f"{src}: {e.line()}", file=sys.stderr)
                return 1
            if committed is None or native.dumps(committed) != native.dumps(m):
                native.save(m, out)
                print(f"wrote {out.relative_to(SEEDS.parent)} ({m.claim_count} claims)")
        elif committed is not None and out.read_bytes() != native.dump_bytes(committed):
            # Same map, but the format's canonical bytes changed (a new writer): re-save it.
            native.save(committed, out)
            print(f"rewrote {out.relative_to(SEEDS.parent)} in the current format")
    for out in stale:
        print(f"{out}: out of date; run `make seeds`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
