"""Graphviz DOT: export through pydot (with positions) and import of DOT graphs.

Written graphs look like the map when Graphviz draws them (``neato -n2 -Tsvg`` keeps our
positions and routes, ``dot -Tsvg`` lays them out again): claims are rounded boxes of the size
the drawing gives them, in role colours, labelled like the picture (the role header in small
bold capitals, the wrapped text, the ``#tags``) with an HTML-like label; every relation is a
small point node, premises → point → target, so linked premises and undercuts keep their
structure, and every edge carries its part of the drawn route as ``pos``. Exact values ride
along in ``argmap_*`` attributes (Graphviz ignores them), so reading our own DOT back gives
the same claims, relations, thesis and positions. Articles, anchors and notes are not written
(use ``.argmap`` for everything).

Reading also accepts plain DOT graphs: every node becomes a claim (its label, else its name),
every edge a relation: an attack when it says so (``argmap_kind``, a ``label`` of
``attack``/``attacks``/``con``/``-``, or ``arrowhead=tee``), else a support.

Strings are written as DOT quoted strings with ``\\`` and ``"`` escaped; ``argmap_*`` values
also escape newlines and control characters (``\\n``, ``\\uXXXX``) so any text survives.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import orjson
import pydot

from argmap.errors import ArgmapError
from argmap.fileio import decode_utf8
from argmap.formats import Format, register
from argmap.layout import style
from argmap.layout.drawing import EdgeShape, build_drawing
from argmap.layout.textmetrics import FONT_FAMILY
from argmap.model.argument_map import ArgumentMap, natural_key
from argmap.model.elements import Claim, Point, Relation, RelationKind
from argmap.model.validation import validate_map

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)
_ATTACK_LABELS = {"attack", "attacks", "con", "-", "objection"}


# ------------------------------------------------------------------------------ quoting


def quote(text: str) -> str:
    """A DOT quoted string holding ``text`` exactly (decoded by :func:`unquote`).

    >>> quote('say "hi"\\\\n')
    '"say \\\\"hi\\\\"\\\\\\\\n"'
    >>> unquote(quote('a\\\\"b\\nc\\x01')) == 'a\\\\"b\\nc\\x01'
    True
    """
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + _CONTROL.sub(lambda mt: f"\\u{ord(mt.group()):04x}", out) + '"'


def label(lines: list[str]) -> str:
    """A Graphviz label: left-justified lines; controls become U+FFFD (labels are shown)."""
    body = "".join(
        _CONTROL.sub("\ufffd", line).replace("\\", "\\\\").replace('"', '\\"') + "\\l"
        for line in lines
    )
    return f'"{body}"'


def _html(text: str) -> str:
    """Text for an HTML-like label. Graphviz expands ``\\N`` and the like even there (a
    character reference does not stop it), so a backslash is doubled."""
    return (
        _CONTROL.sub("\ufffd", text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\\", "\\\\")
    )


def html_label(header: str, colour: str, lines: list[str], tags: tuple[str, ...]) -> str:
    r"""An HTML-like Graphviz label as the picture shows a claim: role header, text, tags.

    >>> print(html_label("REASON", "#009e73", ["Tea & milk"], ("drinks",)).replace("<BR", "\n<BR"))
    <<FONT POINT-SIZE="7.5" COLOR="#009e73"><B>REASON</B></FONT>
    <BR ALIGN="LEFT"/>Tea &amp; milk
    <BR ALIGN="LEFT"/><FONT POINT-SIZE="7.5" COLOR="#333333">#drinks</FONT>
    <BR ALIGN="LEFT"/>>
    """
    br = '<BR ALIGN="LEFT"/>'
    small = f"{style.ROLE_FONT_SIZE:g}"
    out = f'<<FONT POINT-SIZE="{small}" COLOR="{colour}"><B>{_html(header)}</B></FONT>{br}'
    out += "".join(_html(line) + br for line in lines)
    if tags:
        chips = "  ".join("#" + t for t in tags)
        out += f'<FONT POINT-SIZE="{style.TAG_FONT_SIZE:g}" COLOR="{style.TAG_TEXT}">'
        out += f"{_html(chips)}</FONT>{br}"
    return out + ">"


def unquote(raw: str) -> str:
    """The text of a DOT id or quoted string as pydot returns it (quotes included or not)."""
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        body = raw[1:-1].replace("\\\n", "")  # DOT line continuations

        def one(mt: re.Match[str]) -> str:
            code = mt.group(1)
            if code in ("n", "l", "r"):  # Graphviz's line breaks (centred, left, right)
                return "\n"
            if code.startswith("u") and len(code) == 5:
                return chr(int(code[1:], 16))
            return code

        return _ESCAPE.sub(one, body)
    if raw.startswith("<") and raw.endswith(">"):  # an HTML-like label: keep its text
        return re.sub(r"<[^>]*>", "", raw[1:-1])
    return raw


# ------------------------------------------------------------------------------ writing


def to_dot(m: ArgumentMap, *, wrap_width: float = style.WRAP_WIDTH) -> pydot.Dot:
    """The pydot graph of ``m``: styled nodes at the drawing's positions (Graphviz y-up)."""
    drawing = build_drawing(m, wrap_width=wrap_width)
    x0, _y0, _x1, y1 = drawing.bounds

    def pos(p: Point) -> str:
        return quote(f"{p[0] - x0:.2f},{y1 - p[1]:.2f}!")

    g = pydot.Dot(graph_type="digraph", strict=False)
    g.set("rankdir", "BT")
    g.set("splines", "true")
    g.set("nodesep", "0.3")
    g.set("ranksep", "0.22")
    w, h = drawing.width, drawing.height
    g.set("bb", quote(f"0,0,{w:.2f},{h:.2f}"))
    # Where Graphviz's origin is in our coordinates, so positions read back exactly.
    g.set("argmap_origin", quote(f"{x0:.2f},{y1:.2f}"))
    g.set("argmap_title", quote(m.title))
    if m.thesis is not None:
        g.set("argmap_thesis", quote(m.thesis))
    if m.title:
        g.set("label", label([m.title]))
        g.set("labelloc", "t")
        g.set("fontname", quote(FONT_FAMILY))
    g.set_node_defaults(
        shape="box",
        style='"rounded,filled"',
        fixedsize="true",
        fontname=quote(FONT_FAMILY),
        fontsize=f"{style.FONT_SIZE:g}",
        penwidth=f"{style.BORDER_WIDTH:g}",
    )
    g.set_edge_defaults(penwidth=f"{style.EDGE_WIDTH:g}")
    for claim in sorted(m.claims(), key=lambda c: natural_key(c.id)):
        node = drawing.nodes.get(claim.id)
        attrs: dict[str, Any] = {"argmap_text": quote(claim.text)}
        if claim.tags:
            attrs["argmap_tags"] = quote("\n".join(claim.tags))
        if claim.pinned:
            attrs["argmap_pinned"] = "true"
        if node is not None:
            lines = [line.text for line in node.box.lines]
            attrs.update(
                label=html_label(node.box.role_label.text, node.style.stroke, lines, claim.tags),
                width=f"{node.width / 72:.4f}",
                height=f"{node.height / 72:.4f}",
                fillcolor=quote(node.style.fill),
                color=quote(node.style.stroke),
                argmap_role=node.role.value,
                pos=pos((node.cx, node.cy)),
            )
        else:  # hidden under a collapsed claim: still part of the graph
            attrs.update(label=label([claim.text]), style="invis")
        g.add_node(pydot.Node(quote(claim.id), **attrs))
    for rel in sorted(m.relations(), key=lambda r: natural_key(r.id)):
        st = style.EDGE_STYLES[rel.kind]
        edge = drawing.edges.get(rel.id)
        point: dict[str, Any] = {
            "shape": "point",
            "width": "0.08",
            "height": "0.08",
            "style": "filled",
            "color": quote(st.color),
            "argmap_kind": rel.kind.value,
        }
        routes = _routes(edge, rel.premises, pos) if edge is not None else None
        if edge is not None:
            point["pos"] = pos(routes.point if routes else edge.midpoint)
        g.add_node(pydot.Node(quote(rel.id), **point))
        common: dict[str, Any] = {"color": quote(st.color)}
        if st.dash:
            common["style"] = "dotted" if rel.kind is RelationKind.UNDERCUT else "dashed"
        for p in rel.premises:
            into: dict[str, Any] = dict(common, dir="none")
            if routes and p in routes.into:
                into["pos"] = routes.into[p]
            g.add_edge(pydot.Edge(quote(p), quote(rel.id), **into))
        out: dict[str, Any] = dict(common)
        out["arrowhead"] = {
            "arrow": "normal",
            "bar": "teenormal",
            "open": "empty",
            "diamond": "diamond",
        }[st.head]
        if routes:
            out["pos"] = routes.out
        g.add_edge(pydot.Edge(quote(rel.id), quote(rel.target), **out))
    return g


@dataclass(frozen=True)
class _Routes:
    """A relation's drawn route cut at its point node: premises → point, point → target."""

    point: Point
    into: dict[str, str]  # premise id → the pos of its edge into the point
    out: str  # the pos of the edge from the point to the target, arrowhead included


def _routes(edge: EdgeShape, premises: tuple[str, ...], pos: Callable[[Point], str]) -> _Routes:
    """Graphviz ``pos`` splines for the edges of one relation, from the drawing's shapes."""

    def spline(points: Sequence[Point], end: Point | None = None) -> str:
        body = " ".join(pos(p).strip('"').rstrip("!") for p in points)
        return quote((f"e,{pos(end).strip(chr(34)).rstrip('!')} " if end else "") + body)

    tip = edge.head[0]
    if edge.junction is not None:  # linked premises: feeders meet at the junction
        into = {p: spline(f) for p, f in zip(premises, edge.feeders, strict=False)}
        return _Routes(edge.junction, into, spline(edge.path, tip))
    first, second = split_chain(list(edge.path), edge.midpoint)
    into = {premises[0]: spline(first)} if premises else {}
    return _Routes(second[0], into, spline(second, tip))


def split_chain(path: list[Point], near: Point) -> tuple[list[Point], list[Point]]:
    """A cubic Bézier chain cut in two at its point nearest to ``near`` (de Casteljau).

    >>> split_chain([(0, 0), (1, 0), (2, 0), (3, 0)], (1.5, 1))
    ([(0, 0), (0.5, 0.0), (1.0, 0.0), (1.5, 0.0)], [(1.5, 0.0), (2.0, 0.0), (2.5, 0.0), (3, 0)])
    """
    segments = (len(path) - 1) // 3
    if segments < 1:
        return list(path), list(path)
    best = (math.inf, 0, 0.5)
    for k in range(segments):
        seg = path[3 * k : 3 * k + 4]
        for step in range(1, 64):
            t = step / 64
            dist = math.dist(_bezier_at(seg, t), near)
            if dist < best[0]:
                best = (dist, k, t)
    _, k, t = best
    p0, c1, c2, p1 = path[3 * k : 3 * k + 4]
    a, b, c = _lerp(p0, c1, t), _lerp(c1, c2, t), _lerp(c2, p1, t)
    d, e = _lerp(a, b, t), _lerp(b, c, t)
    mid = _lerp(d, e, t)
    return [*path[: 3 * k + 1], a, d, mid], [mid, e, c, *path[3 * k + 3 :]]


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (round(a[0] + (b[0] - a[0]) * t, 2), round(a[1] + (b[1] - a[1]) * t, 2))


def _bezier_at(seg: Sequence[Point], t: float) -> Point:
    p0, c1, c2, p1 = seg
    mt = 1 - t
    return (
        mt**3 * p0[0] + 3 * mt**2 * t * c1[0] + 3 * mt * t**2 * c2[0] + t**3 * p1[0],
        mt**3 * p0[1] + 3 * mt**2 * t * c1[1] + 3 * mt * t**2 * c2[1] + t**3 * p1[1],
    )


def dumps(m: ArgumentMap) -> str:
    """DOT text of ``m`` (deterministic: sorted ids, positions from the stored layout)."""
    text: str = to_dot(m).to_string()
    return text


# ------------------------------------------------------------------------------ reading


def _attr(attrs: dict[str, str], name: str) -> str | None:
    value = attrs.get(name)
    return None if value is None else unquote(value)


def _endpoint(value: str | None, file: str) -> str:
    if value is None:  # a subgraph as an edge end: `a -> {b c}`
        raise ArgmapError("edges to subgraphs are not supported", file=file)
    return unquote(value.split(":")[0] if not value.startswith('"') else value)


# pydot's pyparsing grammar can backtrack for ever on some malformed input (fuzzing found
# such files), so it parses in a process of its own (dot_worker.py), which gets PARSE_SECONDS
# plus PARSE_SECONDS_PER_MB for each megabyte of CPU time (legitimate files take time roughly
# linear in their size: about 40 s per MB with pydot 4; a runaway never ends) and is stopped
# by the caller after three times that in wall-clock time (a loaded machine runs it slower).
PARSE_SECONDS = 10.0
PARSE_SECONDS_PER_MB = 120.0


class _ParseWorker:
    """This process's dot_worker, started on first use and kept (building pydot's grammar
    costs 0.5 s of CPU per process); restarted after a parse it had to stop. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._pid = 0  # the process that started it (a forked child starts its own)

    def parse(self, text: str, cpu_seconds: float) -> dict[str, Any] | None:
        """The worker's answer, or None when it ran out of time."""
        with self._lock:
            proc = self._running()
            body = orjson.dumps({"text": text, "cpu_seconds": cpu_seconds})
            answer: list[bytes] = []

            def talk() -> None:
                assert proc.stdin is not None and proc.stdout is not None
                try:
                    proc.stdin.write(len(body).to_bytes(8, "big") + body)
                    proc.stdin.flush()
                    head = proc.stdout.read(8)
                    if len(head) == 8:
                        answer.append(proc.stdout.read(int.from_bytes(head, "big")))
                except (OSError, ValueError):  # the worker is gone
                    pass

            talker = threading.Thread(target=talk, daemon=True)
            talker.start()
            talker.join(3 * cpu_seconds)
            if talker.is_alive() or not answer:
                self._stop()
                talker.join()
                code = proc.returncode
                if not answer and code not in (None, -signal.SIGKILL, -_SIGXCPU):
                    raise _WorkerDied(code)
                return None
            result: dict[str, Any] = orjson.loads(answer[0])
            return result

    def _running(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._pid != os.getpid() or self._proc.poll() is not None:
            worker = files("argmap.formats").joinpath("dot_worker.py").read_text("utf-8")
            self._proc = subprocess.Popen(
                [sys.executable, "-c", worker],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            self._pid = os.getpid()
        return self._proc

    def _stop(self) -> None:
        if self._proc is not None and self._pid == os.getpid():
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    def close(self) -> None:
        """End the worker (at exit): end of input makes it return."""
        proc, self._proc = self._proc, None
        if proc is None or self._pid != os.getpid():
            return
        with contextlib.suppress(OSError):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class _WorkerDied(Exception):
    def __init__(self, code: int | None) -> None:
        super().__init__(f"exit code {code}")


_SIGXCPU = getattr(signal, "SIGXCPU", 0)  # the worker's CPU limit (not on Windows)
_worker = _ParseWorker()
atexit.register(_worker.close)


def _parse_in_worker(text: str, file: str) -> dict[str, Any]:
    """What dot_worker.py makes of ``text``; one clear error when it runs out of time or dies."""
    budget = PARSE_SECONDS + len(text) / 1e6 * PARSE_SECONDS_PER_MB
    try:
        result = _worker.parse(text, budget)
    except _WorkerDied as e:
        raise ArgmapError(f"invalid DOT: the parser failed ({e})", file=file) from None
    if result is None:
        raise ArgmapError(
            f"invalid DOT: the parser gave up after {budget:g} s (malformed or too complex)",
            file=file,
        )
    return result


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "parse error")


def _parse_error(printed: str) -> str:
    """The useful line of what pydot printed (it prints the text, a caret and the error)."""
    for line in printed.splitlines():
        if "Expected" in line or "error" in line.lower():
            return line.strip()[:200]
    return "no graph found" if not printed.strip() else _first_line(printed)[:200]


def loads(data: bytes, file: str = "<dot>") -> ArgumentMap:
    """Read a DOT graph written by :func:`dumps`, or a plain graph with labelled nodes."""
    text = decode_utf8(data, file)
    # pydot reports a parse error by printing it: the user gets that as one line on stderr.
    parsed = _parse_in_worker(text, file)
    if "error" in parsed:
        raise ArgmapError(f"invalid DOT: {parsed['error']}", file=file)
    if "graph" not in parsed:
        raise ArgmapError(f"invalid DOT: {_parse_error(parsed.get('printed', ''))}", file=file)
    g = parsed["graph"]
    gattrs = {k: unquote(v) for k, v in g["attrs"].items()}
    # Graphviz's y points up: ours = (x + ox, oy - y), the origin from our attribute or bb.
    origin = (0.0, 0.0)
    try:
        if "argmap_origin" in gattrs:
            ox, oy = (float(v) for v in gattrs["argmap_origin"].split(","))
            origin = (ox, oy)
        elif "bb" in gattrs:
            origin = (0.0, float(gattrs["bb"].split(",")[3]))
    except (ValueError, IndexError):
        origin = (0.0, 0.0)

    def position(attrs: dict[str, str]) -> Point | None:
        raw = _attr(attrs, "pos")
        if raw is None:
            return None
        try:
            x, y = (float(v) for v in raw.rstrip("!").split(",")[:2])
        except ValueError:
            return None
        return (round(x + origin[0], 2), round(origin[1] - y, 2))

    claims: dict[str, Claim] = {}
    kinds: dict[str, RelationKind] = {}  # relation point nodes
    for raw_name, node in g["nodes"]:
        if raw_name.lower() in ("node", "edge", "graph"):
            continue  # default attributes; a quoted "node" is an ordinary node
        name = unquote(raw_name)
        kind = _attr(node, "argmap_kind")
        if kind is not None:
            try:
                kinds[name] = RelationKind(kind)
            except ValueError:
                raise ArgmapError(
                    f"node {name!r}: unknown relation kind {kind!r}", file=file
                ) from None
            continue
        exact = _attr(node, "argmap_text")
        text = exact if exact is not None else _label_text(_attr(node, "label"), name)
        tags_raw = _attr(node, "argmap_tags")
        tags = tuple(t for t in (tags_raw or "").split("\n") if t.strip())
        claims[name] = Claim(
            name,
            text,
            tags=tags,
            position=position(node),
            pinned=_attr(node, "argmap_pinned") == "true",
        )
    edges = []
    for raw_src, raw_dst, edge in g["edges"]:
        src, dst = _endpoint(raw_src, file), _endpoint(raw_dst, file)
        edges.append((src, dst, edge))
        for end in (src, dst):
            if end not in claims and end not in kinds:
                claims[end] = Claim(end, end)  # declared only by an edge

    premises: dict[str, list[str]] = {r: [] for r in kinds}
    targets: dict[str, str] = {}
    relations: list[Relation] = []
    counter = 0
    for src, dst, edge in edges:
        if dst in kinds and src in claims:
            premises[dst].append(src)
        elif src in kinds:
            if src in targets:
                raise ArgmapError(f"relation {src!r} has more than one target", file=file)
            targets[src] = dst
        else:  # a plain edge between two claims
            counter += 1
            rid = f"e{counter}"
            while rid in claims or rid in kinds:
                counter += 1
                rid = f"e{counter}"
            relations.append(Relation(rid, _plain_kind(edge), (src,), dst))
    for rid, kind in kinds.items():
        if rid not in targets or not premises[rid]:
            raise ArgmapError(f"relation {rid!r} needs premises and a target", file=file)
        relations.append(Relation(rid, kind, tuple(premises[rid]), targets[rid]))

    thesis = gattrs.get("argmap_thesis")
    m = ArgumentMap.from_values(
        title=gattrs.get("argmap_title", gattrs.get("label", "")),
        thesis=thesis if thesis in claims else None,
        claims=claims.values(),
        relations=relations,
    )
    errors = [p for p in validate_map(m) if p.severity == "error"]
    if errors:
        raise ArgmapError(f"not a valid argument map: {errors[0]}", file=file)
    return m


def _label_text(raw: str | None, name: str) -> str:
    """A claim's text from a Graphviz label: line breaks (``\\n``, ``\\l``) become spaces."""
    if raw is None or raw == "\\N":
        return name
    return re.sub(r"\s*\n\s*", " ", raw).strip() or name


def _plain_kind(e: dict[str, str]) -> RelationKind:
    kind = _attr(e, "argmap_kind")
    if kind in ("support", "attack"):
        return RelationKind(kind)
    lab = (_attr(e, "label") or "").strip().lower()
    if lab in _ATTACK_LABELS or (_attr(e, "arrowhead") or "").startswith("tee"):
        return RelationKind.ATTACK
    return RelationKind.SUPPORT


def _sniff(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"digraph", b"graph", b"strict"))


register(
    Format(
        name="dot",
        extensions=(".dot", ".gv"),
        description="Graphviz DOT graph (positions as pos; exact text in argmap_* attributes)",
        reader=lambda data, file: loads(data, file),
        writer=lambda m: dumps(m).encode("utf-8"),
        sniff=_sniff,
    )
)
