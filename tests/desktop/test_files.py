"""Files: open failures, save prompts, save/save as, recent files, drop, export, library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from argmap.formats import load_map, native
from desktop import exporting, settings
from tests.desktop.conftest import ROOT, SEEDS


def _edit(w) -> None:  # type: ignore[no-untyped-def]
    m = w.current.doc.map
    cid = next(iter(m.claims())).id
    w.current.doc.run("Edit", lambda: m.update_claim(cid, text="edited"))


def test_screenshot_subprocess_writes_a_1400x900_png(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "shot.png"
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "ARGMAP_CONFIG_DIR": str(tmp_path / "cfg"),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    thesis = load_map(SEEDS[1]).thesis
    assert thesis is not None
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            str(SEEDS[1]),
            "--select",
            thesis,
            "--screenshot",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    # Not blank: role colours of the canvas are there.
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def test_open_failure_shows_one_line_and_changes_nothing(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    errors = w.prompts.errors
    before = w.current.doc.map.copy()
    bad = tmp_path / "bad.argmap"
    bad.write_text('{"format": "argmap", "version": 1, "claims": [{"id": 3}]}')
    assert w.open_path(str(bad)) is None
    assert len(errors) == 1 and "\n" not in errors[0]
    assert str(bad) in errors[0] and "claims[0]" in errors[0]
    assert len(w.views) == 1 and w.current.doc.map == before
    assert w.open_path(str(tmp_path / "missing.argmap")) is None
    assert "no such file" in errors[1]


def test_a_cut_argdown_file_opens_with_a_warning_never_silently(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    cut = tmp_path / "cut.argdown"
    cut.write_text("[a]: A\n  + [b]: B\n  - [c", encoding="utf-8")
    view = w.open_path(str(cut))
    assert view is not None and w.current is view  # what could be read is open
    assert {c.text for c in view.doc.map.claims()} >= {"A", "B"}
    assert w.prompts.errors == [] and len(w.prompts.infos) == 1
    assert str(cut) in w.prompts.infos[0] and "line 3" in w.prompts.infos[0]
    w.open_path(str(SEEDS[1]))  # a whole file: nothing to say
    assert len(w.prompts.infos) == 1


def test_close_with_unsaved_changes_asks(make_window, small_map_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(small_map_file)
    _edit(w)
    assert w.isWindowModified() and "[*]" in w.windowTitle()
    assert w.saved_state.text() == "unsaved changes"
    w.prompts.unsaved = "cancel"
    assert not w.close()
    # Named by title and file name: two maps of one article have the same title.
    assert w.prompts.asked_unsaved == ["About cats (cats.argmap)"] and w.isVisible()
    w.prompts.unsaved = "save"
    expected = w.current.doc.map.copy()
    assert w.close()
    assert load_map(small_map_file) == expected


def test_close_map_discard_and_save_as(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0], SEEDS[1])
    assert len(w.views) == 2
    _edit(w)
    w.close_current()  # the scripted answer is "discard"
    assert len(w.views) == 1
    # A seed map has no save path: Save asks where (Save As), then saves there.
    _edit(w)
    target = tmp_path / "copy"
    w.prompts.save_path = str(target)
    assert w.save()
    saved = Path(str(target) + ".argmap")
    assert load_map(saved) == w.current.doc.map
    assert not w.isWindowModified() and w.saved_state.text() == "saved"
    assert settings.recent_files()[0] == str(saved)
    assert w.recent_menu.actions()[0].text() == str(saved)


def test_drop_opens_files_and_export_uses_registry(make_window, small_map_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window(SEEDS[0])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(small_map_file))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(event)
    assert len(w.views) == 2 and w.current.doc.path == str(small_map_file)
    out = tmp_path / "out.argmap"
    assert exporting.export_current(w, str(out))
    assert native.load(out) == w.current.doc.map
    errors = w.prompts.errors
    assert not exporting.export_current(w, str(tmp_path / "x.unknownext"))
    assert errors and "\n" not in errors[0]


def test_library_switches_maps_each_with_its_own_undo(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()  # no file: the five seed maps are open, the first in front
    assert [dv.doc.source for dv in w.views] == [str(p) for p in SEEDS]
    assert w.current is w.views[0]
    seeds = w.library.seed_group
    # The library lists every seed map: the five article maps and the overview map.
    assert seeds.childCount() == len(list((ROOT / "seeds" / "maps").glob("*.argmap")))
    first = w.current
    _edit(w)
    w.library._clicked(seeds.child(2))
    second = w.current
    assert second is not first and second.doc.source == str(SEEDS[2])
    assert w.undo_group.activeStack() is second.doc.undo_stack
    assert not second.doc.undo_stack.canUndo()
    # Already open: the library brings the same map to the front, no second copy.
    assert w.library.open_group.childCount() == len(SEEDS)
    w.library._clicked(w.library.open_group.child(0))
    assert w.current is first and w.registry["edit.undo"].isEnabled()
    assert (
        w.counts.text()
        == f"{first.doc.map.claim_count} claims · {first.doc.map.relation_count} relations"
    )


def test_export_svg_is_what_the_cli_writes(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from argmap.cli import main as cli_main

    w = make_window(SEEDS[0])
    ours = tmp_path / "ours.svg"
    assert exporting.export_current(w, str(ours))
    theirs = tmp_path / "theirs.svg"
    assert cli_main(["export", str(SEEDS[0]), "-o", str(theirs)]) == 0
    assert ours.read_bytes() == theirs.read_bytes()
    assert ours.read_bytes().lstrip().startswith(b"<")


def test_library_names_each_seed_map_once() -> None:
    from desktop.panels.library import seed_maps, seed_title

    titles = [seed_title(p) for p in seed_maps()]
    assert len(titles) == len(set(titles)) == len(seed_maps())
    overview = [seed_title(p) for p in seed_maps() if p.stem == "overview"]
    assert overview and "coalition" in overview[0].lower()


def test_screenshot_with_pending_recovery_does_not_wait_for_a_dialog(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A recovery entry left by a crash must not block a --screenshot run on a modal dialog."""
    import os

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ARGMAP_DATA_DIR": str(tmp_path / "data"),
        "ARGMAP_CONFIG_DIR": str(tmp_path / "cfg"),
    }
    # Written by a process that then ends, as after a crash: only then is the entry offered
    # to a new instance (entries of live processes are theirs).
    write = (
        "import sys; from argmap import recovery; from argmap.formats import load_map; "
        "recovery.write_recovery('crashed-doc', load_map(sys.argv[1]), sys.argv[1])"
    )
    subprocess.run([sys.executable, "-c", write, str(SEEDS[0])], env=env, check=True, timeout=60)
    probe = "from argmap import recovery; print(len(recovery.list_recoveries()))"
    offered = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert offered.stdout.strip() == "1", offered.stderr
    out = tmp_path / "shot.png"
    command = [sys.executable, "-m", "desktop", str(SEEDS[0]), "--screenshot", str(out)]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 10_000
