"""Kill a save of a large map with SIGKILL at random moments and check what is left on disk.

Used by ``tests/argmap/test_kill_save.py`` (20+ kills) and ``python -m bench reliability``
(200 kills). Each round a fresh interpreter saves the other of two versions of a
100,000-claim map over the file (with a backup, as the app saves) and is killed after a random
delay drawn over the whole save. After every kill the file must be byte for byte one of the two
versions, the backup likewise, and at most the dead save's own temporaries may be left; the
next save removes them.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from argmap.formats import native
from bench.generate import generate_map

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = 100_000

# The child: read the serialized map, say so, save it the way the app does.
_CHILD = """
import sys
from argmap.fileio import atomic_write
data = open(sys.argv[2], "rb").read()
print("ready", flush=True)
atomic_write(sys.argv[1], data, backup=True)
print("done", flush=True)
"""


def make_versions(folder: Path, claims: int = CLAIMS, *, check: bool = True) -> tuple[Path, Path]:
    """Two different complete files of a ``claims``-claim map (made once, then reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    old, new = folder / f"old-{claims}.argmap", folder / f"new-{claims}.argmap"
    if not (old.exists() and new.exists()):
        m = generate_map(claims, seed=7)
        old_bytes = native.dump_bytes(m)
        first = next(iter(m.claims()))
        m.update_claim(first.id, text=first.text + " (edited)")
        m.update_map(title="The same map, edited")
        new_bytes = native.dump_bytes(m)
        del m
        if check:  # both versions are real, loadable maps
            for data in (old_bytes, new_bytes):
                assert native.loads(data).claim_count == claims
        (folder / "old.part").write_bytes(old_bytes)
        (folder / "new.part").write_bytes(new_bytes)
        os.replace(folder / "old.part", old)
        os.replace(folder / "new.part", new)
    return old, new


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(8 << 20):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class KillReport:
    rounds: int = 0
    kills: int = 0  # rounds where the process was really killed before it finished
    outcomes: Counter[str] = field(default_factory=Counter)
    max_temporaries: int = 0
    save_seconds: float = 0.0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        found = ", ".join(f"{k}: {v}" for k, v in sorted(self.outcomes.items()))
        return (
            f"{self.kills} kills in {self.rounds} rounds ({found}); an unkilled save takes "
            f"{self.save_seconds:.2f} s; at most {self.max_temporaries} temporaries left at once; "
            f"{self.seconds:.0f} s"
        )


def _start(target: Path, source: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target), str(source)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != "ready":
        _, err = proc.communicate()
        raise RuntimeError(f"the saving process did not start: {line!r} {err}")
    return proc


def temporaries(folder: Path, name: str) -> list[str]:
    """Files in ``folder`` other than the target and its backup (temporaries of saves)."""
    return sorted(p for p in os.listdir(folder) if p not in (name, name + "~"))


def run_kills(
    work: Path, old: Path, new: Path, kills: int, *, seed: int = 0, budget: float = 1e9
) -> KillReport:
    """Save alternately ``new`` and ``old`` over ``work/debate.argmap``, killing each save."""
    start = time.monotonic()
    rng = random.Random(seed)
    report = KillReport()
    work.mkdir(parents=True, exist_ok=True)
    target = work / "debate.argmap"
    backup = work / "debate.argmap~"
    digests = {_digest(old): "old", _digest(new): "new"}
    sources = {"old": old, "new": new}
    target.write_bytes(old.read_bytes())

    # How long does a save take when nobody kills it? Kills are spread over the shortest of
    # three (the disk's cache makes them vary).
    times = []
    for version in ("new", "old", "new"):
        proc = _start(target, sources[version])
        t = time.monotonic()
        assert proc.stdout is not None
        done = proc.stdout.readline().strip()
        times.append(time.monotonic() - t)
        proc.communicate()
        assert done == "done", done
        assert digests[_digest(target)] == version
    report.save_seconds = min(times)
    current = "new"

    while report.kills < kills and time.monotonic() - start < budget:
        report.rounds += 1
        other = "old" if current == "new" else "new"
        proc = _start(target, sources[other])
        time.sleep(rng.uniform(0.0, report.save_seconds))
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
            report.kills += 1
        proc.communicate()  # reap it: a zombie would still count as running
        found = digests.get(_digest(target))
        if found is None:
            report.failures.append(f"round {report.rounds}: the file is neither old nor new")
            break
        if backup.exists() and _digest(backup) not in digests:
            report.failures.append(f"round {report.rounds}: the backup is neither old nor new")
            break
        left = temporaries(work, target.name)
        report.max_temporaries = max(report.max_temporaries, len(left))
        if not finished:
            kind = "new complete" if found == other else "old intact"
            report.outcomes[kind + (" + temporary" if left else "")] += 1
        current = found

    # One more save, not killed, removes what the killed ones left behind.
    proc = _start(target, old if current == "new" else new)
    proc.communicate()
    if proc.returncode != 0:
        report.failures.append(f"the final save failed: exit {proc.returncode}")
    left = temporaries(work, target.name)
    if left:
        report.failures.append(f"temporaries left after the next save: {left}")
    report.seconds = time.monotonic() - start
    return report
