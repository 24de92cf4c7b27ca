"""Writes tests/data/bad/: hostile and broken inputs for every format argmap reads.

Run ``python -m tests.argmap.bad_corpus`` to (re)write the committed corpus; it is
deterministic (seeded garbage), and a test checks the committed files match. The size bombs
(200 MB) are never committed: :func:`write_size_bombs` makes them sparse at test time.

Each file name says what is wrong with it; ``MUST_LOAD`` lists the few that are hostile in size
only (a 1 MB label) and must load, or be refused in one line, within the time and memory bound.
"""

from __future__ import annotations

import functools
import json
import random
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
SEED = ROOT / "seeds" / "maps" / "000_c9735eb6699b3f22.argmap"
MICROTEXT = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_x" topic_id="t" stance="con">
  <edu id="e1"><![CDATA[The retirement age should be raised to 65 again.]]></edu>
  <edu id="e2"><![CDATA[People are getting older on average,]]></edu>
  <edu id="e3"><![CDATA[but they are not sicker because of it.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="opp"/>
  <adu id="a3" type="pro"/>
  <edge id="c6" src="e1" trg="a1" type="seg"/>
  <edge id="c7" src="e2" trg="a2" type="seg"/>
  <edge id="c8" src="e3" trg="a3" type="seg"/>
  <edge id="c2" src="a2" trg="a1" type="reb"/>
  <edge id="c3" src="a3" trg="c2" type="und"/>
</arggraph>
"""
MB = 1024 * 1024
BIG_LABEL = "word " * (MB // 5)  # a 1 MB label
DEEP = 10_000
MUST_LOAD = {
    "native-1mb-label.argmap",
    "argdown-1mb-label.argdown",
    "aif-1mb-label.json",
    "graphml-1mb-label.graphml",
    "dot-1mb-label.dot",
    "microtext-1mb-label.xml",
    "svg-1mb-label.svg",
    "iccma-1mb-name.apx",
}

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)
XXE_FILE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
XXE_HTTP = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>\n'
XXE_PARAM = (
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n'
)
DTD_EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">\n'


def garbage(seed: int, n: int = 4096) -> bytes:
    return random.Random(seed).randbytes(n)


def seed_doc() -> dict:  # type: ignore[type-arg]
    return json.loads(SEED.read_text(encoding="utf-8"))


def exports() -> dict[str, bytes]:
    """A valid file of each writable format, from the first seed map."""
    from argmap.formats import get, native, write_map

    m = native.load(SEED)
    out = {}
    for name in ("argmap", "svg", "argdown", "aif", "graphml", "dot"):
        out[name] = write_map(m, get(name))
    return out


def _native() -> Iterator[tuple[str, bytes]]:
    doc = seed_doc()
    valid = json.dumps(doc, ensure_ascii=False, indent=1).encode()
    yield "native-empty.argmap", b""
    yield "native-whitespace.argmap", b" \n\t\r\n"
    yield "native-bom-only.argmap", b"\xef\xbb\xbf"
    yield "native-truncated.argmap", valid[: len(valid) // 2]
    yield "native-truncated-in-escape.argmap", b'{"format": "argmap", "title": "\\u00'
    yield "native-garbage.argmap", garbage(1)
    yield "native-invalid-utf8.argmap", valid[:200] + b"\xff\xfe\xc3(" + valid[200:]
    yield "native-nul-bytes.argmap", valid[:300] + b"\x00\x00\x00" + valid[300:]
    yield "native-utf16.argmap", json.dumps(doc).encode("utf-16")
    yield "native-top-array.argmap", b"[1, 2, 3]"
    yield "native-top-string.argmap", b'"argmap"'
    yield "native-not-argmap.argmap", b'{"format": "something-else", "version": 1}'
    yield "native-newer-version.argmap", b'{"format": "argmap", "version": 99, "claims": []}'
    yield "native-version-string.argmap", b'{"format": "argmap", "version": "1"}'
    yield "native-version-huge.argmap", b'{"format": "argmap", "version": 1e999}'
    yield (
        "native-nan.argmap",
        (
            b'{"format": "argmap", "version": 1, "claims": [{"id": "a", "text": "A", '
            b'"position": [NaN, Infinity]}]}'
        ),
    )
    yield (
        "native-huge-numbers.argmap",
        (
            b'{"format": "argmap", "version": 1, "claims": [{"id": "a", "text": "A", '
            b'"position": [1e308, -1e308]}], "relations": [{"id": "r", "kind": "support", '
            b'"premises": ["a"], "target": "a", "route": [[1e400, 0]]}]}'
        ),
    )
    yield (
        "native-deep-nesting.argmap",
        (b'{"format": "argmap", "version": 1, "title": ' + b"[" * DEEP + b"]" * DEEP + b"}"),
    )
    yield (
        "native-deep-objects.argmap",
        (b'{"format": "argmap", "version": 1, "x": ' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"}"),
    )
    yield from _native_wrong_types(doc)
    yield from _native_semantic(doc)
    yield from _native_data()
    big = seed_doc()
    big["claims"][0]["text"] = BIG_LABEL
    yield "native-1mb-label.argmap", json.dumps(big).encode()
    yield (
        "native-1mb-id.argmap",
        json.dumps(
            {"format": "argmap", "version": 1, "claims": [{"id": "x" * MB, "text": "A"}]}
        ).encode(),
    )
    yield (
        "native-1mb-unknown-field.argmap",
        json.dumps({"format": "argmap", "version": 1, "x" * MB: 1}).encode(),
    )


_WRONG = [7, "text", True, None, [1], {"a": 1}, -1.5]


def _native_data() -> Iterator[tuple[str, bytes]]:
    """The free ``data`` object: bounded in depth and size, JSON numbers only."""

    def claim(data: str) -> bytes:
        head = '{"format": "argmap", "version": 3, "claims": [{"id": "a", "text": "A", "data": '
        return (head + data + "}]}").encode()

    yield "native-data-not-object.argmap", claim("[1, 2]")
    yield "native-data-deep.argmap", claim('{"a":' * 40 + "1" + "}" * 40)
    yield "native-data-1mb.argmap", claim(json.dumps({"x": "word " * (MB // 5)}))


def _native_wrong_types(doc: dict) -> Iterator[tuple[str, bytes]]:  # type: ignore[type-arg]
    """Every field of every kind of object, given a value of the wrong type."""
    claim = doc["claims"][0]
    relation = doc["relations"][0]
    article = doc["articles"][0]
    anchor = next(c for c in doc["claims"] if c.get("anchors"))["anchors"][0]
    samples = {
        "top": (
            {k: v for k, v in doc.items()},
            ["title", "description", "thesis", "articles", "claims", "relations"],
        ),
        "claim": (
            claim,
            [
                *claim.keys(),
                "tags",
                "notes",
                "pinned",
                "collapsed",
                "assumption",
                "rehearsal",
                "position",
            ],
        ),
        "relation": (relation, [*relation.keys(), "route"]),
        "article": (article, list(article.keys())),
        "anchor": (anchor, list(anchor.keys())),
    }
    for where, (obj, keys) in samples.items():
        bad = json.loads(json.dumps(doc))
        target = {
            "top": bad,
            "claim": bad["claims"][0],
            "relation": bad["relations"][0],
            "article": bad["articles"][0],
            "anchor": next(c for c in bad["claims"] if c.get("anchors"))["anchors"][0],
        }[where]
        for i, key in enumerate(dict.fromkeys(keys)):
            current = obj.get(key)
            wrong = next(
                w for w in _WRONG[i % len(_WRONG) :] + _WRONG if type(w) is not type(current)
            )
            target[key] = wrong
        yield f"native-wrong-types-{where}.argmap", json.dumps(bad).encode()
    items = json.loads(json.dumps(doc))
    items["claims"] = [1, "two", None, [], True]
    items["relations"] = {"not": "a list"}
    yield "native-wrong-types-items.argmap", json.dumps(items).encode()


def _native_semantic(doc: dict) -> Iterator[tuple[str, bytes]]:  # type: ignore[type-arg]
    def variant(change: Callable[[dict], None]) -> bytes:  # type: ignore[type-arg]
        d = json.loads(json.dumps(doc))
        change(d)
        return json.dumps(d, ensure_ascii=False).encode()

    claims = [c["id"] for c in doc["claims"]]

    def dangling(d: dict) -> None:  # type: ignore[type-arg]
        d["relations"][0]["target"] = "nowhere"
        d["relations"][1]["premises"] = ["ghost"]
        d["thesis"] = "missing-thesis"

    def dangling_article(d: dict) -> None:  # type: ignore[type-arg]
        next(c for c in d["claims"] if c.get("anchors"))["anchors"][0]["article"] = "no-such"

    def duplicate(d: dict) -> None:  # type: ignore[type-arg]
        d["claims"][1]["id"] = d["claims"][0]["id"]
        d["relations"][0]["id"] = d["claims"][2]["id"]

    def anchors_outside(d: dict) -> None:  # type: ignore[type-arg]
        c = next(c for c in d["claims"] if c.get("anchors"))
        c["anchors"] = [
            {**c["anchors"][0], "start": 10**9, "end": 10**9 + 5},
            {**c["anchors"][0], "start": -5, "end": 3},
            {**c["anchors"][0], "start": 50, "end": 10},
        ]

    def anchor_wrong_quote(d: dict) -> None:  # type: ignore[type-arg]
        c = next(c for c in d["claims"] if c.get("anchors"))
        c["anchors"][0]["quote"] = "this text is not in the article at that place"

    def cycle(d: dict) -> None:  # type: ignore[type-arg]
        a, b, c = claims[:3]
        d["relations"] = [
            {"id": "x1", "kind": "support", "premises": [a], "target": b},
            {"id": "x2", "kind": "support", "premises": [b], "target": c},
            {"id": "x3", "kind": "support", "premises": [c], "target": a},
        ]

    def self_support(d: dict) -> None:  # type: ignore[type-arg]
        d["relations"] = [
            {"id": "x1", "kind": "support", "premises": [claims[0]], "target": claims[0]}
        ]

    def undercut_cycle(d: dict) -> None:  # type: ignore[type-arg]
        a, b = claims[:2]
        d["relations"] = [
            {"id": "u1", "kind": "undercut", "premises": [a], "target": "u2"},
            {"id": "u2", "kind": "undercut", "premises": [b], "target": "u1"},
        ]

    def bad_ids(d: dict) -> None:  # type: ignore[type-arg]
        d["claims"][0]["id"] = "has space/and\nnewline"
        d["claims"][1]["id"] = ""

    def bad_enum(d: dict) -> None:  # type: ignore[type-arg]
        d["relations"][0]["kind"] = "explodes"
        d["claims"][0]["assumption"] = "maybe"

    def empty_premises(d: dict) -> None:  # type: ignore[type-arg]
        d["relations"][0]["premises"] = []

    yield "native-dangling-ids.argmap", variant(dangling)
    yield "native-dangling-article.argmap", variant(dangling_article)
    yield "native-duplicate-ids.argmap", variant(duplicate)
    yield "native-anchors-outside-text.argmap", variant(anchors_outside)
    yield "native-anchor-wrong-quote.argmap", variant(anchor_wrong_quote)
    yield "native-support-cycle.argmap", variant(cycle)
    yield "native-self-support.argmap", variant(self_support)
    yield "native-undercut-cycle.argmap", variant(undercut_cycle)
    yield "native-bad-ids.argmap", variant(bad_ids)
    yield "native-bad-enums.argmap", variant(bad_enum)
    yield "native-empty-premises.argmap", variant(empty_premises)


def _xml_family(prefix: str, ext: str, valid: bytes, root: str) -> Iterator[tuple[str, bytes]]:
    """What every XML format gets: the parser-level attacks and damage."""
    yield f"{prefix}-empty{ext}", b""
    yield f"{prefix}-truncated{ext}", valid[: len(valid) // 2]
    yield f"{prefix}-garbage{ext}", garbage(zlib.crc32(prefix.encode()) % 1000 + 2)
    yield f"{prefix}-invalid-utf8{ext}", valid[:150] + b"\xff\xfe\x80" + valid[150:]
    yield f"{prefix}-nul-bytes{ext}", valid[:150] + b"\x00" + valid[150:]
    yield f"{prefix}-billion-laughs{ext}", (BILLION_LAUGHS + f"<{root}>&lol9;</{root}>\n").encode()
    yield f"{prefix}-xxe-file{ext}", (XXE_FILE + f"<{root}>&xxe;</{root}>\n").encode()
    yield f"{prefix}-xxe-http{ext}", (XXE_HTTP + f"<{root}>&xxe;</{root}>\n").encode()
    yield f"{prefix}-xxe-parameter{ext}", (XXE_PARAM + f"<{root}/>\n").encode()
    yield f"{prefix}-external-dtd{ext}", (DTD_EXTERNAL + f"<{root}/>\n").encode()
    yield (
        f"{prefix}-deep-nesting{ext}",
        (f"<{root}>" + "<g>" * DEEP + "</g>" * DEEP + f"</{root}>").encode(),
    )
    yield (
        f"{prefix}-unknown-encoding{ext}",
        (f"<?xml version='1.0' encoding='UTN-8'?>\n<{root}/>\n".encode()),
    )
    yield (
        f"{prefix}-utf7-encoding{ext}",
        (f"<?xml version='1.0' encoding='UTF-7'?>\n<{root}/>\n".encode()),
    )
    yield f"{prefix}-wrong-root{ext}", b"<?xml version='1.0'?><html><body/></html>"
    yield f"{prefix}-two-roots{ext}", valid + valid


def _svg(valid: bytes) -> Iterator[tuple[str, bytes]]:
    yield from _xml_family("svg", ".svg", valid, "svg")
    yield "svg-no-map.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    text = valid.decode()
    start = text.index("<metadata")
    end = text.index("</metadata>") + len("</metadata>")
    meta = text[start:end]
    inner_start = meta.index(">") + 1  # the map is the <metadata> element's own text
    inner_end = meta.rindex("</metadata>")
    head, body, tail = meta[:inner_start], meta[inner_start:inner_end], meta[inner_end:]

    def with_map(new_body: str) -> bytes:
        return (text[:start] + head + new_body + tail + text[end:]).encode()

    yield "svg-map-truncated.svg", with_map(body[: len(body) // 2])
    yield (
        "svg-map-wrong-types.svg",
        with_map('{"format": "argmap", "version": 1, "claims": {"a": 1}}'),
    )
    yield (
        "svg-map-dangling.svg",
        with_map(
            '{"format": "argmap", "version": 1, "claims": [{"id": "a", "text": "A"}], '
            '"relations": [{"id": "r", "kind": "support", "premises": ["a"], "target": "zz"}]}'
        ),
    )
    no_decl = with_map("&xxe;").decode()
    if no_decl.startswith("<?xml"):
        no_decl = no_decl[no_decl.index("?>") + 2 :]
    yield (
        "svg-map-entity-in-json.svg",
        XXE_FILE.replace("DOCTYPE r", "DOCTYPE svg").encode() + no_decl.encode(),
    )
    big = seed_doc()
    big["claims"][0]["text"] = BIG_LABEL
    yield (
        "svg-1mb-label.svg",
        with_map(json.dumps(big).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")),
    )


def _argdown(valid: bytes) -> Iterator[tuple[str, bytes]]:
    yield "argdown-empty.argdown", b""
    yield "argdown-truncated.argdown", valid[: len(valid) // 2] + b"\n[unclosed"
    yield "argdown-garbage.argdown", garbage(3)
    yield "argdown-invalid-utf8.argdown", valid[:100] + b"\xff\xfe" + valid[100:]
    yield "argdown-nul-bytes.argdown", valid[:100] + b"\x00\x00" + valid[100:]
    yield (
        "argdown-deep-nesting.argdown",
        b"[a]: A\n" + b"".join(b"  " * i + b"+ [s%d]: S\n" % i for i in range(1, DEEP)),
    )
    yield "argdown-deep-indent-one-line.argdown", b"[a]: A\n" + b" " * (DEEP * 2) + b"+ [b]: B\n"
    yield "argdown-dangling-references.argdown", b"[a]: A\n  + <ghost>\n  - [b]\n  _> <nowhere>\n"
    yield "argdown-support-cycle.argdown", b"[a]: A\n  + [b]: B\n    + [c]: C\n      + [a]\n"
    yield "argdown-duplicate-definitions.argdown", b"[a]: A\n[a]: Another A\n<r>: R\n<r>: R2\n"
    yield "argdown-unclosed-front-matter.argdown", b"===\ntitle: [unclosed\n"
    yield (
        "argdown-front-matter-wrong-types.argdown",
        b"===\ntitle: [1, 2]\nthesis: {a: 1}\n===\n[a]: A\n",
    )
    yield "argdown-unclosed-comment.argdown", b"[a]: A\n/* never closed\n"
    yield "argdown-bad-pcs.argdown", b"<arg>\n\n(1) [p]: P\n----\n(3) \n----\n"
    yield "argdown-only-relations.argdown", b"+ [a]\n- [b]\n"
    yield "argdown-1mb-label.argdown", b"[a]: " + BIG_LABEL.encode() + b"\n  + [b]: B\n"


def _aif(valid: bytes) -> Iterator[tuple[str, bytes]]:
    doc = json.loads(valid)
    yield "aif-empty.json", b""
    yield "aif-truncated.json", valid[: len(valid) // 2]
    yield "aif-garbage.json", garbage(4)
    yield "aif-invalid-utf8.json", valid[:100] + b"\xff" + valid[100:]
    yield "aif-nul-bytes.json", valid[:100] + b"\x00" + valid[100:]
    yield "aif-top-array.json", b"[]"
    yield "aif-deep-nesting.json", b'{"nodes": ' + b"[" * DEEP + b"]" * DEEP + b"}"
    yield (
        "aif-wrong-types.json",
        json.dumps(
            {
                "nodes": [
                    {"nodeID": [1], "text": 5, "type": None},
                    {"nodeID": "2", "text": {"a": 1}, "type": 7},
                    "not an object",
                ],
                "edges": {"fromID": "1"},
                "locutions": 5,
            }
        ).encode(),
    )
    yield (
        "aif-wrong-types-edges.json",
        json.dumps(
            {
                "nodes": [{"nodeID": "1", "text": "A", "type": "I"}],
                "edges": [{"fromID": 1.5, "toID": None}, 3],
            }
        ).encode(),
    )
    yield (
        "aif-dangling-edges.json",
        json.dumps(
            {
                "nodes": [
                    {"nodeID": "1", "text": "A", "type": "I"},
                    {"nodeID": "2", "text": "Default Inference", "type": "RA"},
                ],
                "edges": [
                    {"edgeID": "e1", "fromID": "1", "toID": "2"},
                    {"edgeID": "e2", "fromID": "2", "toID": "99"},
                ],
            }
        ).encode(),
    )
    yield (
        "aif-duplicate-ids.json",
        json.dumps(
            {
                "nodes": [
                    {"nodeID": "1", "text": "A", "type": "I"},
                    {"nodeID": "1", "text": "B", "type": "I"},
                ],
                "edges": [],
            }
        ).encode(),
    )
    yield (
        "aif-support-cycle.json",
        json.dumps(
            {
                "nodes": [
                    {"nodeID": "a", "text": "A", "type": "I"},
                    {"nodeID": "b", "text": "B", "type": "I"},
                    {"nodeID": "r1", "text": "Default Inference", "type": "RA"},
                    {"nodeID": "r2", "text": "Default Inference", "type": "RA"},
                ],
                "edges": [
                    {"fromID": "a", "toID": "r1"},
                    {"fromID": "r1", "toID": "b"},
                    {"fromID": "b", "toID": "r2"},
                    {"fromID": "r2", "toID": "a"},
                ],
            }
        ).encode(),
    )
    yield (
        "aif-ra-without-conclusion.json",
        json.dumps(
            {
                "nodes": [
                    {"nodeID": "a", "text": "A", "type": "I"},
                    {"nodeID": "r", "text": "RA", "type": "RA"},
                ],
                "edges": [{"fromID": "a", "toID": "r"}],
            }
        ).encode(),
    )
    yield (
        "aif-extension-wrong-types.json",
        json.dumps({**doc, "argmap": {"claims": 5, "thesis": [1]}}).encode(),
    )
    big = json.loads(valid)
    nodes = big["AIF"]["nodes"] if "AIF" in big else big["nodes"]
    next(n for n in nodes if n.get("type") == "I")["text"] = BIG_LABEL
    yield "aif-1mb-label.json", json.dumps(big).encode()


def _microtext() -> Iterator[tuple[str, bytes]]:
    valid = MICROTEXT.encode()
    yield from _xml_family("microtext", ".xml", valid, "arggraph")
    yield (
        "microtext-dangling-edges.xml",
        MICROTEXT.replace('trg="a1" type="reb"', 'trg="a9" type="reb"').encode(),
    )
    yield "microtext-duplicate-ids.xml", MICROTEXT.replace('<adu id="a3"', '<adu id="a2"').encode()
    yield (
        "microtext-wrong-edge-type.xml",
        MICROTEXT.replace('type="reb"', 'type="explode"').encode(),
    )
    yield (
        "microtext-missing-attributes.xml",
        MICROTEXT.replace(' src="e2"', "").replace(' id="a1"', "").encode(),
    )
    yield (
        "microtext-undercut-cycle.xml",
        MICROTEXT.replace(
            '<edge id="c2" src="a2" trg="a1" type="reb"/>',
            '<edge id="c2" src="a2" trg="c3" type="und"/>',
        ).encode(),
    )
    yield (
        "microtext-support-cycle.xml",
        MICROTEXT.replace(
            "</arggraph>",
            '  <edge id="c10" src="a1" trg="a3" type="sup"/>\n'
            '  <edge id="c11" src="a3" trg="a1" type="sup"/>\n</arggraph>',
        ).encode(),
    )
    yield (
        "microtext-1mb-label.xml",
        MICROTEXT.replace("People are getting older on average,", BIG_LABEL).encode(),
    )


def _graphml(valid: bytes) -> Iterator[tuple[str, bytes]]:
    yield from _xml_family("graphml", ".graphml", valid, "graphml")
    head = (
        '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
        '<key id="x" for="node" attr.name="x" attr.type="double"/>\n'
        '<key id="n" for="node" attr.name="n" attr.type="int"/>\n'
        '<graph edgedefault="directed">\n'
    )
    tail = "</graph>\n</graphml>\n"
    yield (
        "graphml-dangling-edges.graphml",
        (
            head
            + '<node id="a"><data key="label">A</data></node>\n<edge source="a" target="ghost"/>\n'
            + tail
        ).encode(),
    )
    yield (
        "graphml-duplicate-ids.graphml",
        (head + '<node id="a"/><node id="a"/>\n<edge source="a" target="a"/>\n' + tail).encode(),
    )
    yield (
        "graphml-wrong-types.graphml",
        (
            head
            + '<node id="a"><data key="x">not a number</data><data key="n">1.5e999</data></node>\n'
            + tail
        ).encode(),
    )
    yield (
        "graphml-undeclared-key.graphml",
        (head + '<node id="a"><data key="nosuchkey">A</data></node>\n' + tail).encode(),
    )
    yield (
        "graphml-support-cycle.graphml",
        (
            head
            + '<node id="a"/><node id="b"/>\n'
            + '<edge source="a" target="b"/><edge source="b" target="a"/>\n'
            + tail
        ).encode(),
    )
    yield (
        "graphml-self-loop.graphml",
        (head + '<node id="a"/>\n<edge source="a" target="a"/>\n' + tail).encode(),
    )
    yield "graphml-own-format-wrong-json.graphml", valid.replace(b"[", b"{", 3)
    text = valid.decode()
    i = text.index("<data key=", text.index("<node"))
    j = text.index(">", i) + 1
    k = text.index("</data>", j)
    yield "graphml-1mb-label.graphml", (text[:j] + BIG_LABEL + text[k:]).encode()


def _dot(valid: bytes) -> Iterator[tuple[str, bytes]]:
    yield "dot-empty.dot", b""
    yield "dot-truncated.dot", valid[: len(valid) // 2]
    yield "dot-garbage.dot", garbage(5)
    yield "dot-invalid-utf8.dot", valid[:100] + b"\xff\xfe" + valid[100:]
    yield "dot-nul-bytes.dot", valid[:100] + b"\x00" + valid[100:]
    yield (
        "dot-deep-subgraphs.dot",
        b"digraph G {" + b"subgraph {" * DEEP + b"a" + b"}" * DEEP + b"}",
    )
    yield (
        "dot-deep-braces-edge.dot",
        b"digraph G { a -> " + b"{" * DEEP + b"b" + b"}" * DEEP + b" }",
    )
    yield "dot-dangling-edges.dot", b'digraph G { a [label="A"]; a -> b; b -> c [kind="support"]; }'
    yield "dot-support-cycle.dot", b'digraph G { a [label="A"]; b [label="B"]; a -> b; b -> a; }'
    yield (
        "dot-wrong-attributes.dot",
        (
            b'digraph G { a [label=<<b>html</b>>, pos="x,y!", pinned="maybe"]; '
            b'b [pos="1e999,-1e999"]; a -> b [kind="explodes", pos="e,1,2 3"]; }'
        ),
    )
    yield "dot-undirected.dot", b"graph G { a -- b; }"
    yield "dot-shell-like.dot", b'digraph G { a [label="$(rm -rf /) `id` ;|&"]; a -> a; }'
    yield "dot-1mb-label.dot", b'digraph G { a [label="' + BIG_LABEL.encode() + b'"]; b; a -> b; }'


def _iccma() -> Iterator[tuple[str, bytes]]:
    yield "iccma-empty.apx", b""
    yield "iccma-garbage.apx", garbage(6)
    yield "iccma-invalid-utf8.apx", b"arg(a).\narg(\xff).\n"
    yield "iccma-nul-bytes.apx", b"arg(a).\x00\natt(a,a).\n"
    yield "iccma-dangling.apx", b"arg(a).\natt(a,ghost).\n"
    yield "iccma-duplicate.apx", b"arg(a).\narg(a).\n"
    yield "iccma-syntax.apx", b"arg(a\natt(a,b,c).\n"
    yield "iccma-deep-nesting.apx", b"arg(" + b"(" * DEEP + b")" * DEEP + b").\n"
    yield "iccma-1mb-name.apx", b"arg(" + b"a" * MB + b").\n"
    yield "iccma-empty.tgf", b""
    yield "iccma-garbage.tgf", garbage(7)
    yield "iccma-dangling.tgf", b"1\n2\n#\n1 3\n"
    yield "iccma-duplicate.tgf", b"1\n1\n#\n"
    yield "iccma-two-separators.tgf", b"1\n#\n#\n"
    yield "iccma-invalid-utf8.tgf", b"1\n\xff\n#\n"
    yield "iccma-empty.af", b""
    yield "iccma-no-header.af", b"1 2\n"
    yield "iccma-huge-count.af", b"p af 999999999999999\n1 2\n"
    yield "iccma-out-of-range.af", b"p af 2\n1 5\n"
    yield "iccma-negative.af", b"p af 2\n-1 2\n"
    yield "iccma-garbage.af", garbage(8)


LARGE = 256 * 1024  # files this big are made at test time, not committed


@functools.cache
def all_inputs() -> dict[str, bytes]:
    """Every bad input but the size bombs: name -> bytes."""
    ex = exports()
    files: dict[str, bytes] = {}
    for gen in (
        _native(),
        _svg(ex["svg"]),
        _argdown(ex["argdown"]),
        _aif(ex["aif"]),
        _microtext(),
        _graphml(ex["graphml"]),
        _dot(ex["dot"]),
        _iccma(),
    ):
        for name, data in gen:
            assert name not in files, name
            files[name] = data
    return files


def corpus() -> dict[str, bytes]:
    """The committed bad files (the small ones)."""
    return {k: v for k, v in all_inputs().items() if len(v) < LARGE}


def large_inputs_names() -> list[str]:
    return sorted(large_inputs())


def large_inputs() -> dict[str, bytes]:
    """The 1 MB ones, written to a temporary folder at test time."""
    return {k: v for k, v in all_inputs().items() if len(v) >= LARGE}


SIZE_BOMB_EXTENSIONS = (".argmap", ".svg", ".argdown", ".json", ".xml", ".graphml", ".dot", ".apx")


def write_size_bombs(folder: Path, size: int = 200 * 1000 * 1000) -> list[Path]:
    """A sparse 200 MB file per format: nothing on disk, but every reader must refuse it by
    its size before reading a byte."""
    out = []
    for ext in SIZE_BOMB_EXTENSIONS:
        path = folder / f"size-bomb-200mb{ext}"
        with open(path, "wb") as f:
            f.write(b"{" if ext in (".argmap", ".json") else b"<")
            f.truncate(size)
        out.append(path)
    return out


def main() -> int:
    BAD.mkdir(parents=True, exist_ok=True)
    files = corpus()
    for old in BAD.iterdir():
        if old.name not in files and old.name != "README.md":
            old.unlink()
    for name, data in files.items():
        (BAD / name).write_bytes(data)
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} files, {total / MB:.2f} MB, to {BAD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
