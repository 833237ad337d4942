#!/bin/sh
# git-atrace installer: keep it simple and easy to audit.
#   sh install.sh [version]
# Picks the release archive for this OS and CPU, verifies it against the release's SHA256SUMS
# before unpacking anything, and installs the binary into $PREFIX/share/git-atrace/<version>/,
# launchers git-atrace, git-atrace-hook and git-atrace-commit-hook into $PREFIX/bin and the man page
# into $PREFIX/share/man/man1 ($PREFIX defaults to ~/.local).
# GIT_ATRACE_BASE_URL overrides where releases are downloaded from (a URL or file:// directory).
set -eu

repo_url="https://github.com/git-atrace/git-atrace/releases"
version="${1:-}"
prefix="${PREFIX:-$HOME/.local}"

case "$(uname -sm)" in
  "Linux x86_64") target="x86_64-unknown-linux-gnu" ;;
  "Linux aarch64" | "Linux arm64") target="aarch64-unknown-linux-gnu" ;;
  "Darwin x86_64") target="x86_64-apple-darwin" ;;
  "Darwin arm64") target="aarch64-apple-darwin" ;;
  *) echo "error: no git-atrace build for $(uname -sm); build from source with 'deno task install'" >&2; exit 1 ;;
esac

if [ -n "${GIT_ATRACE_BASE_URL:-}" ]; then
  base="$GIT_ATRACE_BASE_URL"
elif [ -n "$version" ]; then
  base="$repo_url/download/v$version"
else
  base="$repo_url/latest/download"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fetch() { curl --fail --silent --show-error --location --output "$work/$1" "$base/$1"; }

fetch SHA256SUMS
archive=$(awk -v t="$target" '$2 ~ ("^git-atrace-[^ ]*-" t "\\.tar\\.gz$") { print $2 }' "$work/SHA256SUMS" | head -n 1)
if [ -z "$archive" ]; then
  echo "error: SHA256SUMS lists no archive for $target" >&2
  exit 1
fi
fetch "$archive"

expected=$(awk -v a="$archive" '$2 == a { print $1 }' "$work/SHA256SUMS")
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
if [ "$expected" != "$actual" ]; then
  echo "error: checksum mismatch for $archive (expected $expected, got $actual); nothing installed" >&2
  exit 1
fi

tar -xzf "$work/$archive" -C "$work"
unpacked="$work/${archive%.tar.gz}"
# The binary goes into a directory of its own, $PREFIX/share/git-atrace/<version>/ (older versions
# stay, so whatever still runs them keeps working, until 'git atrace uninstall --self');
# $PREFIX/bin gets launchers pointing at it, the same ones 'deno task install' writes.
release=${archive#git-atrace-}
release=${release%-"$target".tar.gz}
case "$release" in
  "" | .* | *[!0-9A-Za-z._+-]*) echo "error: unexpected archive name $archive in SHA256SUMS" >&2; exit 1 ;;
esac
copy="$prefix/share/git-atrace/$release"
man="$prefix/share/man/man1/git-atrace.1"
mkdir -p "$copy" "$prefix/bin" "$prefix/share/man/man1"
cp "$unpacked/git-atrace" "$copy/git-atrace.new"
chmod 755 "$copy/git-atrace.new"
mv "$copy/git-atrace.new" "$copy/git-atrace"
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
printf '{\n  "version": "%s",\n  "kind": "binary",\n  "source": "%s",\n  "installed": "%s",\n  "bin": "%s",\n  "man": "%s"\n}\n' \
  "$(json "$release")" "$(json "$base/$archive")" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  "$(json "$prefix/bin")" "$(json "$man")" > "$copy/install.json"
target_q=$(printf '%s' "$copy/git-atrace" | sed "s/'/'\\\\''/g")
for name in git-atrace git-atrace-hook git-atrace-commit-hook; do
  {
    printf '#!/bin/sh\n'
    printf "# git-atrace launcher (version %s), written by git-atrace's installer; runs:\n" "$release"
    printf "target='%s'\n" "$target_q"
    if [ "$name" = git-atrace ]; then
      printf 'if [ ! -x "$target" ]; then\n'
      printf '  [ "${1:-}" = hook ] && exit 0\n'
      printf '  echo "fatal: git-atrace %s is no longer at $target; reinstall it" >&2\n' "$release"
      printf '  exit 128\nfi\nexec "$target" "$@"\n'
    else
      printf '[ -x "$target" ] || exit 0\nexec "$target" hook "$@"\n'
    fi
  } > "$prefix/bin/$name.new"
  chmod 755 "$prefix/bin/$name.new"
  mv "$prefix/bin/$name.new" "$prefix/bin/$name"
done
cp "$unpacked/git-atrace.1" "$man"

echo "installed $archive into $copy; $prefix/bin/git-atrace runs it (man page: $man)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: add $prefix/bin to your PATH" ;;
esac
