#!/usr/bin/env bash
# npm test: everything the project checks, on a fresh throw-away stack of its own (GX_STACK=test:
# MariaDB primary + 2 replicas + Redis on other ports than npm start's), stopped again at the end.
#   typecheck → unit + integration tests (real servers) → production build → Playwright e2e in Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
export GX_STACK=test NEXT_TELEMETRY_DISABLED=1
source scripts/stack.sh
source scripts/deps.sh
step() { echo; echo "▶ $* ($(date +%T))"; }

ensure_browser() {
  [[ -x /usr/bin/chromium ]] && fc-list 2>/dev/null | grep -qi nanum && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "[deps] installing Debian's chromium and Korean fonts with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-nanum fonts-noto-color-emoji >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-nanum fonts-noto-color-emoji >/dev/null; }
  else
    echo "Chromium is missing: install Debian's chromium and fonts-nanum (apt-get install chromium fonts-nanum), then run npm test again." >&2
    exit 1
  fi
}

step "Checking Node.js, npm packages and Chromium"
ensure_node
ensure_node_modules
ensure_browser

cleanup() {
  bash scripts/services.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT

step "Starting a fresh test stack"
bash scripts/services.sh down >/dev/null
rm -rf "$DATA"
bash scripts/services.sh up
set -a
eval "$(bash scripts/services.sh env)"
AUTH_SECRET=test-stack-only-secret-not-for-production-0123456789
NEXT_DIST_DIR=.next-test
# The test server sits "behind a proxy" so tests can act from distinct client addresses (rate limits),
# with limits sized for a test suite that signs up many users from one machine.
TRUST_PROXY_HEADERS=1
RATE_LIMIT_SIGN_UP=60/600
RATE_LIMIT_SIGN_IN=120/60
RATE_LIMIT_TRADE=120/60
set +a
npx tsx --conditions=react-server db/migrate.ts
npx tsx --conditions=react-server db/seed/index.ts

step "Typecheck (tsc --noEmit)"
npx tsc --noEmit

step "Unit and integration tests (vitest, against the real servers)"
npx vitest run

step "Production build (next build)"
node_modules/.bin/next build

step "End-to-end tests (Playwright, Chromium, desktop and phone)"
npx playwright test

step "All checks passed"
