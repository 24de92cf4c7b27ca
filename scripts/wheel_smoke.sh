#!/usr/bin/env bash
# Installed is the normal case: build the wheel from this checkout, install it into a clean
# virtualenv in a temporary folder, and run the commands a user runs, from there, with the
# checkout out of sight (no PYTHONPATH, another working folder, a temporary HOME).
# Checks: the seed maps are package data; `argmap export` (SVG, PNG, DOT read back), `argmap
# evaluate` and `argmap-desktop --screenshot` work and write sane files.
# Usage: scripts/wheel_smoke.sh
# (PYTHON=python3.x to choose the interpreter; pip's cache makes reruns quick).
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
PY="${PYTHON:-python3}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/argmap-wheel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say() { printf 'wheel smoke: %s\n' "$*" >&2; }
# pip's messages, less the notes about configured local indexes that are absent here.
quiet() { "$@" 2>&1 | { grep -v "^WARNING: Location .* is ignored" || true; } >&2; }
fail() { say "FAILED: $*"; exit 1; }

# Build from a copy of the files git knows (tracked, or new and not ignored), so build output
# never lands in the checkout and nothing ignored (.venv, caches) sneaks into the wheel.
mkdir "$tmp/src" "$tmp/dist" "$tmp/run" "$tmp/home"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$tmp/src"
say "building the wheel"
quiet "$PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$tmp/dist" "$tmp/src"
wheel=$(ls "$tmp"/dist/argmap-*.whl)
say "installing $(basename "$wheel") into a clean virtualenv"
"$PY" -m venv "$tmp/venv"
quiet "$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"

# From here on the checkout must not be importable: run elsewhere, with a clean environment.
cd "$tmp/run"
unset PYTHONPATH ARGMAP_CONFIG_DIR FONTCONFIG_FILE
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache" \
  XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state" \
  XDG_RUNTIME_DIR="$tmp/home/run" QT_QPA_PLATFORM=offscreen
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
bin="$tmp/venv/bin"

seed=$("$bin/python" - "$checkout" <<'EOF'
import sys
from pathlib import Path

import argmap, desktop, resources, seeds
from argmap.resources import font_path, seed_maps

checkout = Path(sys.argv[1]).resolve()
for module in (argmap, desktop, resources, seeds):
    where = Path(module.__file__).resolve()
    if where.is_relative_to(checkout) or "site-packages" not in where.parts:
        sys.exit(f"{module.__name__} imported from {where}, not from the installed wheel")
maps = seed_maps()
if len(maps) < 6 or not all("site-packages" in p.parts for p in maps):
    sys.exit(f"seed maps not found as package data: {maps}")
if not font_path().is_file() or not font_path(bold=True).is_file():
    sys.exit("the DejaVu fonts are not in the wheel")
articles = sorted((maps[0].parent.parent / "articles").glob("*.txt"))
if len(articles) != 5:
    sys.exit(f"expected the five seed articles in the wheel, found {len(articles)}")
print(maps[0])
EOF
) || fail "package data"
say "seed map from the wheel: $seed"

"$bin/argmap" export "$seed" -o x.svg || fail "argmap export to SVG"
"$bin/argmap" export "$seed" -o x.png || fail "argmap export to PNG"
"$bin/argmap" evaluate "$seed" > evaluate.txt || fail "argmap evaluate"
# DOT is read by a worker process the reader starts from its own package data.
"$bin/argmap" export "$seed" -o x.dot || fail "argmap export to DOT"
"$bin/argmap" validate x.dot > validate.txt || fail "argmap validate of the DOT export"
grep -q "^x.dot: valid (" validate.txt || fail "DOT read back: $(cat validate.txt)"
"$bin/argmap-desktop" --screenshot shot.png "$seed" || fail "argmap-desktop --screenshot"

"$bin/python" - "$seed" <<'EOF' || fail "the outputs are not what they should be"
import re
import sys
from xml.etree import ElementTree

from PySide6.QtGui import QImage

from argmap.formats import native

m = native.load(sys.argv[1])
svg = ElementTree.parse("x.svg").getroot()
texts = " ".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
thesis = m.claim(m.thesis).text.split()[0]
assert svg.tag.endswith("svg") and thesis in texts, "the SVG lacks the thesis's text"

lines = open("evaluate.txt", encoding="utf-8").read().splitlines()
statuses = [re.match(r"(in|out|undecided)\s", line) for line in lines]
assert len([s for s in statuses if s]) == m.claim_count, f"evaluate printed {lines[:3]}…"

for name, least in (("x.png", 400), ("shot.png", 600)):
    image = QImage(name)
    assert not image.isNull() and image.width() >= least, f"{name}: {image.size()}"
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 20, f"{name} is nearly blank ({len(colours)} colours)"
print(f"export, evaluate ({m.claim_count} claims) and screenshot all sane")
EOF
say "passed"
