#!/bin/sh
# Prints the path of a Deno 2.9.6: the `deno` on PATH when it is that version, else
# ~/.local/bin/deno; only when neither is, installs it with npm into ~/.local (no sudo, nothing
# system-wide). Messages go to stderr, so callers can run: deno=$(sh scripts/deno.sh)
set -eu
want=2.9.6
local_deno="$HOME/.local/bin/deno"
is_wanted() { [ -x "$1" ] && "$1" --version 2>/dev/null | head -n 1 | grep -q "^deno $want "; }

for candidate in "$(command -v deno 2>/dev/null || true)" "$local_deno"; do
  if [ -n "$candidate" ] && is_wanted "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done
if ! command -v npm >/dev/null 2>&1; then
  echo "error: git-atrace needs Deno $want, and npm is not here to install it;" \
    "see https://docs.deno.com/runtime/getting_started/installation/" >&2
  exit 1
fi
echo "Installing Deno $want with npm into $HOME/.local (no Deno $want was found)" >&2
npm install --global --prefix "$HOME/.local" --no-fund --no-audit --no-update-notifier --loglevel=error "deno@$want" >&2
if ! is_wanted "$local_deno"; then
  echo "error: npm did not install a working Deno $want at $local_deno" >&2
  exit 1
fi
echo "$local_deno"
