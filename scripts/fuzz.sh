#!/usr/bin/env bash
# npm run fuzz — the API and server-action fuzz test of e2e/api/fuzz.spec.ts at full size (FUZZ_RUNS,
# default 2000 requests per test; FUZZ_SEED replays a run). Not part of npm test, which runs it small.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-stack.sh
ensure_node
ensure_node_modules
ensure_browser
fresh_test_stack
export FUZZ_RUNS=${FUZZ_RUNS:-2000}
node_modules/.bin/next build >/dev/null
npx playwright test --project=api e2e/api/fuzz.spec.ts "$@" # npm run fuzz -- -g "server action": one of the two
