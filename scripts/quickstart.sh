#!/bin/sh
# The README's first command: installs what is missing (Deno 2.9.6 unless one is found), installs
# git-atrace from this clone into ~/.local (deno task install), then runs the demo with it.
set -eu
cd "$(dirname "$0")/.."
deno=$(sh scripts/deno.sh)
"$deno" run -A scripts/install.ts
echo
"$HOME/.local/bin/git-atrace" demo
if [ "$(command -v git-atrace || true)" != "$HOME/.local/bin/git-atrace" ]; then
  echo
  echo "To run git atrace in your shell, add ~/.local/bin to PATH (in your shell's profile too):"
  echo "  export PATH=\"\$HOME/.local/bin:\$PATH\""
fi
