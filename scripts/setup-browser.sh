#!/bin/sh
# The dashboard's end-to-end test drives Debian's Chromium with playwright-core (playwright's own
# browser download cannot reach its servers here). Installs it when missing and this user may
# (root with apt-get); otherwise the test is skipped with the reason printed.
set -e
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the dashboard test…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is not installed and cannot be installed here: the dashboard test will be skipped."
fi
