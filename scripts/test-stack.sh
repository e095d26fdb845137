# Sourced by test.sh and bench/storms.sh: a fresh throw-away test stack (GX_STACK=test), its environment,
# and the production build the browser and API tests run against.
export GX_STACK=test NEXT_TELEMETRY_DISABLED=1
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
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

# The real counterparts some tests run: Debian's HAProxy (e2e/api/load-balancer.spec.ts), Varnish
# (e2e/api/edge-cache.spec.ts) and Prometheus (e2e/api/metrics.spec.ts).
ensure_test_servers() {
  local missing=()
  command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
  command -v varnishd >/dev/null 2>&1 || [[ -x /usr/sbin/varnishd ]] || missing+=(varnish)
  command -v prometheus >/dev/null 2>&1 || [[ -x /usr/bin/prometheus ]] || missing+=(prometheus)
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "[deps] installing Debian's ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "Missing ${missing[*]}: install them (apt-get install ${missing[*]}), then run npm test again." >&2
    exit 1
  fi
}

# Wipes and starts the test stack, exports its environment, migrates and seeds. Stops it on exit.
fresh_test_stack() {
  trap 'bash scripts/services.sh down >/dev/null 2>&1 || true' EXIT
  bash scripts/services.sh down >/dev/null
  rm -rf "$DATA"
  bash scripts/services.sh up
  set -a
  eval "$(bash scripts/services.sh env)"
  AUTH_SECRET=test-stack-only-secret-not-for-production-0123456789
  NEXT_DIST_DIR=.next-test
  # The test server sits "behind a proxy": loopback is a trusted proxy (TRUSTED_PROXIES' default), so the
  # address a test puts in X-Forwarded-For is its client address and tests can act from distinct ones
  # (rate limits); limits sized for a test suite that signs up many users from one machine. A second
  # server without TRUST_PROXY_HEADERS (playwright.config.ts) is where spoofing is tried.
  TRUST_PROXY_HEADERS=1
  OPS_TOKEN=test-stack-ops-token-not-for-production-0123
  RATE_LIMIT_SIGN_UP=60/600
  RATE_LIMIT_SIGN_IN=120/60
  RATE_LIMIT_TRADE=120/60
  # Varnish in front of the test server while e2e/api/edge-cache.spec.ts runs: the app purges it.
  EDGE_PURGE_URLS=http://127.0.0.1:$((3120 + ${GX_PORT_OFFSET:-0}))
  set +a
  npx tsx --conditions=react-server db/migrate.ts
  npx tsx --conditions=react-server db/seed/index.ts
}
