"""The recovery store: autosaved work survives the process that wrote it, and only then is
offered to another instance."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from argmap import recovery
from argmap.errors import ArgmapError
from argmap.formats import native
from argmap.model import ArgumentMap
from argmap.userdirs import data_dir
from tests.conftest import ROOT, SEED_MAPS

WRITER = textwrap.dedent(
    """
    import sys, time
    from argmap import recovery
    from argmap.formats import native
    m = native.load(sys.argv[1])
    m.update_map(title="edited in the child")
    recovery.write_recovery(sys.argv[2], m, sys.argv[3])
    print("written", flush=True)
    if sys.argv[4] == "stay":
        time.sleep(60)
    """
)


def child(seed: Path, key: str, original: str, stay: bool) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(seed), key, original, "stay" if stay else "exit"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def seed_map() -> ArgumentMap:
    return native.load(SEED_MAPS[0])


@pytest.fixture
def live_child(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    proc = child(SEED_MAPS[0], "live-doc", str(tmp_path / "a.argmap"), stay=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "written"
    yield proc
    proc.kill()
    proc.wait()


def test_recovery_goes_to_the_data_folder_of_the_environment(
    seed_map: ArgumentMap, tmp_path: Path
) -> None:
    entry = recovery.write_recovery("doc", seed_map, tmp_path / "x.argmap")
    assert entry.map_path.parent == Path(os.environ["ARGMAP_DATA_DIR"]) / "recovery"
    assert native.load(entry.map_path) == seed_map
    meta = orjson.loads(entry.meta_path.read_bytes())
    assert meta["original_path"] == str(tmp_path / "x.argmap")
    assert meta["pid"] == os.getpid()
    assert meta["title"] == seed_map.title
    assert meta["claims"] == seed_map.claim_count


def test_data_dir_defaults_to_the_platform_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("ARGMAP_DATA_DIR")
    assert data_dir() == Path(platformdirs.user_data_dir("argmap", appauthor=False))


def test_own_live_work_is_not_offered(seed_map: ArgumentMap) -> None:
    recovery.write_recovery("mine", seed_map, None)
    assert recovery.list_recoveries() == []
    assert [e.key for e in recovery.list_recoveries(include_live=True)] == ["mine"]


def test_work_of_a_dead_process_is_offered_and_restored(
    seed_map: ArgumentMap, tmp_path: Path
) -> None:
    original = str(tmp_path / "debate.argmap")
    proc = child(SEED_MAPS[0], "dead-doc", original, stay=False)
    proc.communicate()
    assert proc.returncode == 0
    [entry] = recovery.list_recoveries()
    assert entry.key == "dead-doc"
    assert entry.name == "debate.argmap"
    assert entry.title == "edited in the child"
    assert entry.claims == seed_map.claim_count
    m, path = recovery.restore(entry)
    assert path == original
    expected = seed_map.copy()
    expected.update_map(title="edited in the child")
    assert m == expected
    # Restored work now belongs to this process: another instance would not offer it again.
    assert recovery.list_recoveries() == []
    recovery.discard(entry)
    assert list(recovery.recovery_dir().iterdir()) == []


def test_work_of_a_running_instance_is_not_offered_until_it_dies(
    live_child: subprocess.Popen[str],
) -> None:
    assert recovery.list_recoveries() == []
    assert [e.pid for e in recovery.list_recoveries(include_live=True)] == [live_child.pid]
    live_child.kill()
    live_child.wait()
    assert [e.key for e in recovery.list_recoveries()] == ["live-doc"]


def test_a_pid_from_an_earlier_boot_is_not_live(
    live_child: subprocess.Popen[str],
) -> None:
    [entry] = recovery.list_recoveries(include_live=True)
    meta = orjson.loads(entry.meta_path.read_bytes())
    meta["boot"] = "an-earlier-boot"
    entry.meta_path.write_bytes(orjson.dumps(meta))
    # The pid runs, but it is some other process now: the work is offered.
    assert [e.key for e in recovery.list_recoveries()] == ["live-doc"]


def test_newest_first_and_untitled_names(tmp_path: Path) -> None:
    for i, key in enumerate(["old", "new"]):
        proc = child(SEED_MAPS[i], key, "", stay=False)
        proc.communicate()
    entries = recovery.list_recoveries()
    assert [e.key for e in entries] == ["new", "old"]
    assert entries[0].original_path is None
    assert entries[0].name == "edited in the child"


def test_broken_entries_are_skipped_not_fatal(seed_map: ArgumentMap) -> None:
    folder = recovery.recovery_dir()
    folder.mkdir(parents=True)
    (folder / "garbage.json").write_bytes(b"\x00\xff not json")
    (folder / "garbage.argmap").write_bytes(b"{}")
    (folder / "wrong.json").write_bytes(b"[1, 2]")
    (folder / "wrong.argmap").write_bytes(b"{}")
    (folder / "nomap.json").write_bytes(
        orjson.dumps({"format": "argmap-recovery", "version": 1, "pid": 1})
    )
    (folder / "types.json").write_bytes(
        orjson.dumps(
            {"format": "argmap-recovery", "pid": "x", "saved_at": [], "title": 3, "host": None}
        )
    )
    (folder / "types.argmap").write_bytes(native.dump_bytes(seed_map))
    entries = recovery.list_recoveries()
    assert [e.key for e in entries] == ["types"]
    assert (entries[0].pid, entries[0].title, entries[0].saved_at) == (0, "", 0.0)


def test_restoring_a_damaged_map_is_a_one_line_error(seed_map: ArgumentMap) -> None:
    entry = recovery.write_recovery("doc", seed_map, None)
    entry.map_path.write_bytes(b'{"format": "argmap", "version": 1, "claims": [')
    with pytest.raises(ArgmapError) as info:
        recovery.restore(entry)
    assert str(entry.map_path) in info.value.line()


def test_keys_cannot_escape_the_recovery_folder(seed_map: ArgumentMap) -> None:
    entry = recovery.write_recovery("../../outside/evil key", seed_map, None)
    assert entry.map_path.parent == recovery.recovery_dir()
    assert entry.meta_path.parent == recovery.recovery_dir()
    recovery.discard_key("../../outside/evil key")
    assert list(recovery.recovery_dir().iterdir()) == []


def test_a_new_autosave_replaces_the_previous_one(seed_map: ArgumentMap) -> None:
    recovery.write_recovery("doc", seed_map, None)
    changed = seed_map.copy()
    changed.update_map(title="later")
    recovery.write_recovery("doc", changed, None)
    [entry] = recovery.list_recoveries(include_live=True)
    assert native.load(entry.map_path) == changed
    assert sorted(p.name for p in recovery.recovery_dir().iterdir()) == ["doc.argmap", "doc.json"]


def test_an_unwritable_data_folder_is_a_one_line_error(
    seed_map: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_bytes(b"")
    monkeypatch.setenv("ARGMAP_DATA_DIR", str(blocker))
    with pytest.raises(ArgmapError, match="cannot create the recovery folder"):
        recovery.write_recovery("doc", seed_map, None)
