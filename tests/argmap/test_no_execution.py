"""Nothing a file contains is ever executed or fetched.

The code of ``argmap`` and ``desktop`` is scanned (by its syntax tree, so comments and strings
don't count) for deserialisers that run code, dynamic evaluation, shells, network clients and
XML parsers that are not defusedxml; the few legitimate uses are allowed by name with the
reason. Graphviz is given only text we wrote: the layout sends no map text at all, the DOT
export escapes every character, and ``dot`` runs without a shell and with a time limit.
"""

from __future__ import annotations

import ast
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree as DET

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap
from tests.conftest import ROOT

PACKAGES = ("argmap", "desktop")

FORBIDDEN_MODULES = {
    "pickle", "cPickle", "dill", "marshal", "shelve", "copyreg",  # unpickling runs code
    "urllib", "urllib3", "requests", "httpx", "http", "aiohttp", "ftplib", "smtplib",
    "telnetlib", "xmlrpc", "socketserver", "webbrowser", "socket",  # network
    "subprocess", "pty", "ctypes", "cffi",  # other programs and raw memory
    "xml.dom", "xml.sax", "xml.parsers", "lxml",  # XML only through defusedxml
    "yaml",  # yaml.load builds objects (safe_load only, where allowed below)
    "runpy", "code", "codeop",  # running Python from a path or a string
}  # fmt: skip
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
FORBIDDEN_ATTRIBUTES = {
    ("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "execl"),
    ("os", "execlp"), ("os", "spawnv"), ("os", "spawnl"), ("os", "posix_spawn"),
    ("os", "startfile"), ("ET", "fromstring"), ("ET", "parse"), ("ET", "XML"),
    ("ET", "iterparse"), ("ET", "XMLParser"), ("ElementTree", "fromstring"),
    ("ElementTree", "parse"), ("QDesktopServices", "openUrl"),
}  # fmt: skip

# (file, name): why it is fine. Nothing here touches the content of a file being read.
ALLOWED = {
    ("argmap/layout/graphviz.py", "subprocess"): "runs Graphviz's dot with an argument list, no "
    "shell, a time limit, and DOT text we generate from internal names and numbers",
    ("argmap/formats/dot_format.py", "subprocess"): "runs its own dot_worker.py (this "
    "package's file, read as package data) with the same Python, no shell, a time limit; the "
    "DOT text goes to it as data on stdin, never as code",
    ("argmap/fileio.py", "socket"): "socket.gethostname() names temporaries; no connection",
    ("argmap/procinfo.py", "socket"): "socket.gethostname() for lock and recovery records",
    ("argmap/procinfo.py", "ctypes"): "Windows only: asks the OS whether a pid is running",
    ("argmap/export/brief_pdf.py", "xml.sax"): "xml.sax.saxutils.escape writes markup; "
    "it parses nothing",
    ("argmap/export/themes_svg.py", "xml.sax"): "xml.sax.saxutils.escape writes markup",
    ("argmap/formats/argdown_document.py", "yaml"): "Argdown front matter and {…} data are "
    "YAML (the reference parser reads them with js-yaml); only yaml.safe_load, which builds "
    "plain dicts, lists and scalars and never objects",
    ("argmap/formats/fields.py", "exec()"): "compiles each class's reader and writer once, at "
    "import, from the field declarations in argmap/model/elements.py (names and reprs of "
    "defaults), as dataclasses builds __init__; no text from a file reaches it; measured "
    "10-25 % faster than a loop over the fields (BENCHMARKS.md, Core)",
    ("tests-only", "none"): "placeholder so the table is never empty",
}
# Parsing with the standard library's ElementTree is allowed on trees defusedxml built
# (ET is imported for its types and for networkx's GraphML interpretation of such a tree).


def python_files() -> list[Path]:
    files: list[Path] = []
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def findings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    # Names bound to defusedxml's modules are safe to call parse functions on.
    defused = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("defusedxml"):
            defused |= {a.asname or a.name for a in node.names}
        if isinstance(node, ast.Import):
            defused |= {
                a.asname for a in node.names if a.name.startswith("defusedxml") and a.asname
            }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for name in names:
                for bad in FORBIDDEN_MODULES:
                    if name == bad or name.startswith(bad + "."):
                        out.append((node.lineno, bad))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                out.append((node.lineno, func.id + "()"))
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTES
                and func.value.id not in defused
            ):
                out.append((node.lineno, f"{func.value.id}.{func.attr}()"))
            for kw in node.keywords:
                if kw.arg == "shell" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    out.append((node.lineno, "shell="))
    return out


def test_the_scanner_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import pickle\nfrom urllib.request import urlopen\nimport subprocess\n"
        "eval('1')\nsubprocess.run('x', shell=True)\nos.system('x')\nET.fromstring(b'')\n"
        "from defusedxml import ElementTree\nElementTree.fromstring(b'')\n"
    )
    found = {what for _, what in findings(sample)}
    assert found == {
        "pickle", "urllib", "subprocess", "eval()", "shell=", "os.system()", "ET.fromstring()"
    }  # fmt: skip


def test_no_code_runs_and_nothing_is_fetched_because_of_a_file() -> None:
    problems = []
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        for line, what in findings(path):
            if (rel, what) not in ALLOWED:
                problems.append(f"{rel}:{line}: {what}")
    assert problems == []


def test_the_allowlist_has_no_stale_entries() -> None:
    used = {
        (path.relative_to(ROOT).as_posix(), what)
        for path in python_files()
        for _, what in findings(path)
    }
    stale = [k for k in ALLOWED if k not in used and k[0] != "tests-only"]
    assert stale == []


def test_xml_is_parsed_only_through_defusedxml() -> None:
    """Every module that parses XML imports defusedxml (ET alone is for types and trees)."""
    for path in python_files():
        text = path.read_text(encoding="utf-8")
        if "fromstring(" in text or "XMLParser" in text:
            assert "defusedxml" in text, path


# ------------------------------------------------------------------------------ Graphviz

HOSTILE = [
    '"; } digraph evil { x [label="pwned',  # closing our graph from inside a label
    "\\N \\G \\E \\T \\H \\L \\l \\r \\n \\\\",  # Graphviz's own label escapes
    "<b>html</b> <table> &amp; &lt; & <",
    "line one\nline two\r\nline\tthree",
    "\x00\x01\x07\x1b[31m\x7f",
    "{ } [ ] ; , = -> -- // /* */ # $(rm -rf /) `id` %s %n",
    "\u2028\u2029\ufeff\u200b\u202e\u0301é中文🙂",
]


def every_character_map() -> ArgumentMap:
    """One claim per character of U+0000–U+00FF and some beyond, each in a little context,
    plus the hostile strings above."""
    m = ArgumentMap("every character")
    chars = [chr(i) for i in range(0x100)] + list("\u2028\u2029\ufeff\u202e\u0301\uffff🙂")
    for ch in chars:
        m.add_claim(f"a{ch}b\\{ch}")
    for text in HOSTILE:
        m.add_claim(text)
    return m


def test_the_layout_sends_graphviz_no_text_of_the_map(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.layout import graphviz

    sent: list[str] = []

    def fake_dot(source: str, **kw: object) -> bytes:
        sent.append(source)
        raise ArgmapError("stop here")

    monkeypatch.setattr(graphviz, "run_dot", fake_dot)
    m = every_character_map()
    ids = [c.id for c in m.claims()]
    for premise, target in zip(ids[1:], ids[:-1], strict=False):
        if len(m.relations_from(premise)) == 0:
            m.connect([premise], target, "support")
    with pytest.raises(ArgmapError, match="stop here"):
        graphviz.compute_layout(m)
    [source] = sent
    # Only our own names, keywords and numbers: no quote, no backslash, nothing of the text.
    body = source.replace('label=""', "")
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-> {}[];=,\n\t")
    assert set(body) <= allowed, sorted(set(body) - allowed)
    assert "pwned" not in source


needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)


@needs_dot
def test_dot_export_passes_every_character_through_graphviz_unchanged(tmp_path: Path) -> None:
    import json
    import subprocess

    from argmap.formats import dot_format

    m = every_character_map()
    source = dot_format.dumps(m)
    done = subprocess.run(
        ["dot", "-Tjson0"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[:500]
    graph = json.loads(done.stdout)
    texts = {
        o["name"]: dot_format.unquote('"' + o["argmap_text"].replace('"', '\\"') + '"')
        for o in graph["objects"]
        if "argmap_text" in o
    }
    names = {o["name"] for o in graph["objects"]}
    assert "evil" not in names and all("pwned" not in n for n in names)
    assert sorted(texts.values()) == sorted(c.text for c in m.claims())
    # And the whole export reads back to the same texts.
    back = dot_format.loads(source.encode("utf-8"), "x.dot")
    assert sorted(c.text for c in back.claims()) == sorted(c.text for c in m.claims())


@needs_dot
def test_graphviz_draws_label_escapes_literally() -> None:
    import subprocess

    from argmap.formats import dot_format

    m = ArgumentMap()
    m.add_claim("see \\N and \\G here")
    m.add_claim('quote " and <tag> & done')
    done = subprocess.run(
        ["dot", "-Tsvg"],
        input=dot_format.dumps(m).encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    root = DET.fromstring(done.stdout)
    shown = " ".join(
        t.text or "" for t in root.iter() if t.tag.endswith("}text") or t.tag == "text"
    )
    assert "see \\N and \\G here" in shown  # not the node's name, not the graph's
    assert 'quote " and <tag> & done' in shown


def test_a_hanging_dot_is_stopped_by_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.layout import graphviz

    fake = tmp_path / "dot"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("ARGMAP_DOT", str(fake))
    with pytest.raises(ArgmapError, match="longer than 1 s"):
        graphviz.run_dot("digraph { a }", timeout=1.0)
    assert os.environ["ARGMAP_DOT"] == str(fake)
