#!/bin/sh
# Installs the workspace with npm running under Node 22. Hardhat 3 needs Node >= 22.13, and its
# EVM's native binding is an optional dependency that npm silently skips under Node 20, so the
# install must run on the Node 22 binary shipped by the `node` npm package (see TOOLCHAIN.md).
# Skips the install when node_modules already matches package-lock.json. Records how long an
# install took in node_modules/.computus-install-seconds (npm start prints it).
set -e
cd "$(dirname "$0")/.."
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ] \
  && [ -d node_modules/@nomicfoundation/edr-linux-x64-gnu ]; then
  exit 0
fi
started=$(date +%s)
npx -y -p node@22.23.3 -- npm ci --no-audit --no-fund
echo $(( $(date +%s) - started )) > node_modules/.computus-install-seconds
