"""Runs every reader and the CLI on hostile files, in a process of its own, one JSON line per file.

``python -m tests.argmap.bad_probe FILE…``. For each file: ``formats.load_map``, then
``argmap validate`` through ``argmap.cli.main`` (and for ICCMA files ``argmap evaluate`` and
the ICCMA reader), each with a time limit; the process's peak memory is reset before each file
(``/proc/self/clear_refs``) and read after it (``VmHWM``; ``ru_maxrss`` would be inherited
across fork and exec). Any network connection is refused and recorded.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import socket
import sys
import time
import traceback
from typing import Any

from argmap import formats
from argmap.cli import main as cli_main
from argmap.errors import ArgmapError

HANG_SECONDS = 60.0  # a step still running then has hung (generous: the machine is shared)
ADDRESS_LIMIT = 3 * 1024**3  # bytes of address space: far above the 500 MB bound we check
ICCMA = (".apx", ".tgf", ".af")
NETWORK: list[str] = []


def _no_network(self: socket.socket, address: Any) -> None:
    NETWORK.append(repr(address))
    raise OSError("network access refused by the test")


socket.socket.connect = _no_network  # type: ignore[method-assign]
socket.socket.connect_ex = _no_network  # type: ignore[method-assign,assignment]


class Timeout(BaseException):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout


def hwm_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_hwm() -> None:
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def timed(fn: Any) -> dict[str, Any]:
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    start = time.perf_counter()
    try:
        fn()
        out: dict[str, Any] = {"result": "ok"}
    except Timeout:
        out = {"result": "timeout"}
    except ArgmapError as e:
        out = {"result": "error", "line": e.line()}
    except BaseException as e:
        out = {
            "result": "crash",
            "exception": f"{type(e).__name__}: {e}"[:500],
            "where": traceback.format_exc()[-1500:],
        }
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    out["seconds"] = time.perf_counter() - start
    return out


def check_loaded(m: Any) -> None:
    """A map that loads must be valid: readers never hand out a broken model."""
    from argmap.model.validation import validate_map

    errors = [p for p in validate_map(m) if p.severity == "error"]
    if errors:
        raise AssertionError(f"loaded an invalid map: {errors[0]}")


def cli(argv: list[str]) -> dict[str, Any]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code: list[int] = []

    def run() -> None:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code.append(cli_main(argv))

    out = timed(run)
    out["code"] = code[0] if code else None
    out["stdout"] = stdout.getvalue()[:5000]
    out["stderr"] = stderr.getvalue()[:5000]
    return out


def probe(path: str) -> dict[str, Any]:
    from argmap.analysis import iccma

    reset_hwm()
    NETWORK.clear()
    result: dict[str, Any] = {"file": path}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        result["load"] = timed(lambda: check_loaded(formats.load_map(path)))
    result["load"]["printed"] = printed.getvalue()[:2000]
    result["validate"] = cli(["validate", path])
    if path.lower().endswith(ICCMA):
        result["iccma"] = timed(lambda: iccma.load_framework(path))
        result["evaluate"] = cli(["evaluate", path])
    result["peak_mb"] = hwm_mb()
    result["network"] = list(NETWORK)
    return result


def main(paths: list[str]) -> int:
    # A runaway allocation fails here (and is reported) instead of taking the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)
    for path in paths:
        print(json.dumps(probe(path)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
