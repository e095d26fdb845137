#!/usr/bin/env bash
# npm test: everything the project checks, on a fresh throw-away stack of its own (GX_STACK=test:
# MariaDB primary + 2 replicas + Redis on other ports than npm start's), stopped again at the end.
#   typecheck → unit + integration tests (real servers) → production build → Playwright e2e in Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-stack.sh

step "Checking Node.js, npm packages, Chromium, HAProxy, Varnish and Prometheus"
ensure_node
ensure_node_modules
ensure_browser
ensure_test_servers

step "Starting a fresh test stack"
fresh_test_stack

step "Typecheck (tsc --noEmit)"
npx tsc --noEmit

step "Unit and integration tests (vitest, against the real servers)"
npx vitest run

step "Production build (next build)"
node_modules/.bin/next build

step "End-to-end tests (Playwright, Chromium, desktop and phone)"
npx playwright test

step "All checks passed"
