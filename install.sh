#!/bin/sh
# git-atrace installer: keep it simple and easy to audit.
#   sh install.sh [version]
# Picks the release archive for this OS and CPU, verifies it against the release's SHA256SUMS
# before unpacking anything, and installs git-atrace, git-atrace-hook, git-atrace-commit-hook and
# the man page into $PREFIX (default ~/.local): $PREFIX/bin and $PREFIX/share/man/man1.
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
mkdir -p "$prefix/bin" "$prefix/share/man/man1"
cp "$unpacked/git-atrace" "$prefix/bin/git-atrace.new"
chmod 755 "$prefix/bin/git-atrace.new"
mv "$prefix/bin/git-atrace.new" "$prefix/bin/git-atrace"
for name in git-atrace-hook git-atrace-commit-hook; do
  printf '#!/bin/sh\nexec "%s" hook "$@"\n' "$prefix/bin/git-atrace" > "$prefix/bin/$name"
  chmod 755 "$prefix/bin/$name"
done
cp "$unpacked/git-atrace.1" "$prefix/share/man/man1/git-atrace.1"

echo "installed $archive into $prefix/bin (man page: $prefix/share/man/man1/git-atrace.1)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: add $prefix/bin to your PATH" ;;
esac
