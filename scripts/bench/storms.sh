#!/usr/bin/env bash
# npm run bench:storms — the HTTP concurrency storms of e2e/api/storms.spec.ts at full size (issue 5):
# 200 buyers on one listing, 100 sellers on one bid, 200 bids on one product, one code listed 20 times,
# one buyer buying 10 listings at once. Not part of npm test (which runs them smaller).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/test-stack.sh
ensure_node
ensure_node_modules
ensure_browser
fresh_test_stack
export RATE_LIMIT_SIGN_UP=100000/600 STORM_BUYERS=${STORM_BUYERS:-200} STORM_SELLERS=${STORM_SELLERS:-100}
export STORM_BIDDERS=${STORM_BIDDERS:-200} STORM_SAME_CODE=${STORM_SAME_CODE:-20} STORM_ONE_BUYER=${STORM_ONE_BUYER:-10}
node_modules/.bin/next build >/dev/null
npx playwright test --project=api e2e/api/storms.spec.ts
