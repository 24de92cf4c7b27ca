"""Parse DOT with pydot in a process of its own, and answer with plain JSON.

Run by :mod:`argmap.formats.dot_format` as ``python -c <this file's text>``: pydot's pyparsing
grammar can backtrack for ever on some malformed input (fuzzing found such files), and a
separate process can be stopped at the reader's time limit without a process-wide signal
handler in the caller. It imports nothing but pydot and stays up between files, because
building pydot's grammar (on the first parse) costs about 0.5 s of CPU.

Protocol on stdin/stdout: each request is an 8-byte big-endian length and that many bytes of
JSON ``{"text": DOT text, "cpu_seconds": budget}``; each answer likewise, JSON
``{"graph": {"attrs": {…}, "nodes": [[name, attrs]…], "edges": [[src, dst, attrs]…]}}`` with
nodes and edges of nested subgraphs flattened (a subgraph as an edge end gives ``null``), or
``{"error": first line}``, or ``{"printed": what pydot printed}`` when it found no graph. The
worker ends at end of input; a parse over its CPU budget ends the worker (RLIMIT_CPU), so it
cannot spin on after its caller has gone.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import warnings
from typing import Any, BinaryIO

import pydot


def _attrs(obj: Any) -> dict[str, str]:
    return {k: str(v) for k, v in obj.get_attributes().items()}


def _flatten(g: Any, nodes: list[Any], edges: list[Any]) -> None:
    for n in g.get_nodes():
        nodes.append([n.get_name(), _attrs(n)])
    for e in g.get_edges():
        ends = (e.get_source(), e.get_destination())
        edges.append([*(end if isinstance(end, str) else None for end in ends), _attrs(e)])
    for sub in g.get_subgraphs():
        _flatten(sub, nodes, edges)


def parse(text: str) -> dict[str, Any]:
    printed = io.StringIO()  # pydot reports a parse error by printing it and returning None
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(printed):
            # pydot's parser uses pyparsing names that newer pyparsing marks as deprecated.
            warnings.simplefilter("ignore", DeprecationWarning)
            graphs = pydot.graph_from_dot_data(text)
    except Exception as e:  # pyparsing raises its own exception types
        lines = [line.strip() for line in str(e).splitlines() if line.strip()]
        return {"error": lines[0] if lines else "parse error"}
    if not graphs:
        return {"printed": printed.getvalue()}
    nodes: list[Any] = []
    edges: list[Any] = []
    _flatten(graphs[0], nodes, edges)
    return {"graph": {"attrs": _attrs(graphs[0]), "nodes": nodes, "edges": edges}}


def _limit_cpu(seconds: float) -> None:
    """End this process once it has used ``seconds`` more CPU time (where the OS allows)."""
    try:
        import resource
        import time
    except ImportError:  # not on this platform: the caller's wall-clock limit still holds
        return
    used = time.process_time()
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = int(used + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))


def _read(stream: BinaryIO, n: int) -> bytes | None:
    data = stream.read(n)
    return data if data is not None and len(data) == n else None


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    while (head := _read(inp, 8)) is not None:
        body = _read(inp, int.from_bytes(head, "big"))
        if body is None:
            return
        request = json.loads(body)
        _limit_cpu(float(request["cpu_seconds"]))
        answer = json.dumps(parse(request["text"])).encode("utf-8")
        out.write(len(answer).to_bytes(8, "big") + answer)
        out.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
