"""Parse DOT text (stdin) with pydot and print the graph as plain JSON (stdout).

Run by :mod:`argmap.formats.dot_format` as ``python -c <this file's text>`` in a process of its
own: pydot's pyparsing grammar can backtrack for ever on some malformed input (fuzzing found
such files), and a separate process can be stopped at the reader's time limit without a
process-wide signal handler in the caller. It imports nothing but pydot, so it starts quickly.

Output: ``{"graph": {"attrs": {…}, "nodes": [[name, attrs]…], "edges": [[src, dst, attrs]…]}}``
with nodes and edges of nested subgraphs flattened (a subgraph as an edge end gives ``null``),
or ``{"error": first line}``, or ``{"printed": what pydot printed}`` when it found no graph.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import warnings
from typing import Any

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


if __name__ == "__main__":
    result = parse(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.write(json.dumps(result))
