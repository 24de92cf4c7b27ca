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
  # npm: the Argdown tests install the reference parser (@argdown/cli) with it; under CI=true
  # a missing tool fails the suite instead of skipping (tests/README.md).
  command -v npm >/dev/null 2>&1 || need_pkgs+=(npm)
fi
"$PY" -m venv --help >/dev/null 2>&1 && "$PY" -c 'import ensurepip' 2>/dev/null || need_pkgs+=(python3-venv)
# cairo draws PNG and PDF exports (CairoSVG loads it; Graphviz's package usually brings it).
ldconfig -p 2>/dev/null | grep -q "libcairo.so.2" || need_pkgs+=(libcairo2)

install_pkgs() {
  [ "$#" -gt 0 ] || return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "please install these system packages first (as root: apt-get install $*), then run this again."
  fi
  say "installing system packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${apt_updated:-}" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
install_pkgs ${need_pkgs[@]+"${need_pkgs[@]}"}

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

# Qt's own libraries and its platform plugins (xcb for a screen, offscreen for tests) need
# shared libraries a bare image may lack. Ask the dynamic linker what is missing and install
# the Debian packages that provide exactly those.
qt_dir=$(.venv/bin/python -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))' 2>/dev/null) \
  || die "PySide6 did not install into .venv; see the pip messages above."
missing=$(for f in "$qt_dir"/Qt/lib/libQt6Core.so.6 "$qt_dir"/Qt/lib/libQt6Gui.so.6 \
            "$qt_dir"/Qt/lib/libQt6Widgets.so.6 "$qt_dir"/Qt/lib/libQt6XcbQpa.so.6 \
            "$qt_dir"/Qt/plugins/platforms/libqxcb.so "$qt_dir"/Qt/plugins/platforms/libqoffscreen.so; do
            [ -e "$f" ] && ldd "$f" 2>/dev/null | awk '/not found/ {print $1}'
          done | sort -u)
qt_pkgs=()
for lib in $missing; do
  case "$lib" in
    libxcb.so.1) qt_pkgs+=(libxcb1) ;;
    libX11.so.6) qt_pkgs+=(libx11-6) ;;
    libX11-xcb.so.1) qt_pkgs+=(libx11-xcb1) ;;
    libxcb-cursor.so.0) qt_pkgs+=(libxcb-cursor0) ;;
    libxcb-icccm.so.4) qt_pkgs+=(libxcb-icccm4) ;;
    libxcb-image.so.0) qt_pkgs+=(libxcb-image0) ;;
    libxcb-keysyms.so.1) qt_pkgs+=(libxcb-keysyms1) ;;
    libxcb-randr.so.0) qt_pkgs+=(libxcb-randr0) ;;
    libxcb-render.so.0) qt_pkgs+=(libxcb-render0) ;;
    libxcb-render-util.so.0) qt_pkgs+=(libxcb-render-util0) ;;
    libxcb-shape.so.0) qt_pkgs+=(libxcb-shape0) ;;
    libxcb-shm.so.0) qt_pkgs+=(libxcb-shm0) ;;
    libxcb-sync.so.1) qt_pkgs+=(libxcb-sync1) ;;
    libxcb-util.so.1) qt_pkgs+=(libxcb-util1) ;;
    libxcb-xfixes.so.0) qt_pkgs+=(libxcb-xfixes0) ;;
    libxcb-xkb.so.1) qt_pkgs+=(libxcb-xkb1) ;;
    libxkbcommon.so.0) qt_pkgs+=(libxkbcommon0) ;;
    libxkbcommon-x11.so.0) qt_pkgs+=(libxkbcommon-x11-0) ;;
    libSM.so.6) qt_pkgs+=(libsm6) ;;
    libICE.so.6) qt_pkgs+=(libice6) ;;
    libEGL.so.1) qt_pkgs+=(libegl1) ;;
    libGL.so.1) qt_pkgs+=(libgl1) ;;
    libOpenGL.so.0) qt_pkgs+=(libopengl0) ;;
    libGLX.so.0) qt_pkgs+=(libglx0) ;;
    libfontconfig.so.1) qt_pkgs+=(libfontconfig1) ;;
    libfreetype.so.6) qt_pkgs+=(libfreetype6) ;;
    libdbus-1.so.3) qt_pkgs+=(libdbus-1-3) ;;
    libglib-2.0.so.0|libgthread-2.0.so.0) qt_pkgs+=(libglib2.0-0) ;;
    *) die "Qt needs $lib, which this script does not know how to install; install the package that provides it." ;;
  esac
done
install_pkgs ${qt_pkgs[@]+"${qt_pkgs[@]}"}
