#!/usr/bin/env bash
# Sets up everything argmap needs on a fresh Debian machine, idempotently:
#   system packages (Graphviz's dot; for tests also rsvg-convert), a virtualenv in .venv,
#   and the Python packages of pyproject.toml. Usage: scripts/bootstrap.sh [run|test]
# Where it cannot install something (not root, no apt-get) it stops with one sentence
# saying what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"
PY="${PYTHON:-python3}"

say() { printf 'argmap setup: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null \
  || die "Python 3.11 or newer is needed as '$PY'; install it (apt-get install python3) or set PYTHON=/path/to/python3.11."

# System packages: name of a command we need -> Debian package that provides it.
need_pkgs=()
command -v dot >/dev/null 2>&1 || need_pkgs+=(graphviz)
if [ "$purpose" = test ]; then
  command -v rsvg-convert >/dev/null 2>&1 || need_pkgs+=(librsvg2-bin)
  # pdftotext/pdffonts/pdftoppm: the tests read back the text and fonts of PDF briefs.
  command -v pdftotext >/dev/null 2>&1 || need_pkgs+=(poppler-utils)
fi
"$PY" -m venv --help >/dev/null 2>&1 && "$PY" -c 'import ensurepip' 2>/dev/null || need_pkgs+=(python3-venv)
# Qt's offscreen and xcb platform plugins need these shared libraries on a bare image.
# cairo draws PNG and PDF exports (CairoSVG loads it; Graphviz's package usually brings it).
ldconfig -p 2>/dev/null | grep -q "libcairo.so.2" || need_pkgs+=(libcairo2)
for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libglib-2.0.so.0 libxkbcommon-x11.so.0 libxcb-cursor.so.0; do
  ldconfig -p 2>/dev/null | grep -q "$lib" && continue
  case "$lib" in
    libEGL.so.1) need_pkgs+=(libegl1) ;; libGL.so.1) need_pkgs+=(libgl1) ;;
    libxkbcommon.so.0) need_pkgs+=(libxkbcommon0) ;; libfontconfig.so.1) need_pkgs+=(libfontconfig1) ;;
    libdbus-1.so.3) need_pkgs+=(libdbus-1-3) ;; libglib-2.0.so.0) need_pkgs+=(libglib2.0-0) ;;
    libxkbcommon-x11.so.0) need_pkgs+=(libxkbcommon-x11-0) ;; libxcb-cursor.so.0) need_pkgs+=(libxcb-cursor0) ;;
  esac
done

if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "please install these system packages first (as root: apt-get install ${need_pkgs[*]}), then run this again."
  fi
  say "installing system packages: ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# The virtualenv, reinstalled only when pyproject.toml changed.
stamp=".venv/.installed-$purpose"
if [ ! -x .venv/bin/python ]; then
  say "creating the virtualenv .venv"
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  extras=""
  [ "$purpose" = test ] && extras="[test]"
  say "installing Python packages into .venv (pip install -e .$extras)"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi
