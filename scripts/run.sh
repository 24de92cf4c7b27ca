#!/usr/bin/env bash
# Starts the desktop app on the seed maps. Without a screen (no DISPLAY or WAYLAND_DISPLAY)
# it renders the window offscreen to build/screenshot.png instead and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  mkdir -p build
  echo "argmap: no screen here (DISPLAY is not set); rendering the window to build/screenshot.png instead." >&2
  QT_QPA_PLATFORM=offscreen exec .venv/bin/argmap-desktop --screenshot build/screenshot.png "$@"
fi
exec .venv/bin/argmap-desktop "$@"
