# Sourced by start.sh and test.sh: make sure Node.js and node_modules are there and current.
ensure_node() {
  command -v node >/dev/null || { echo "Node.js is missing: install Node.js 20.19 or newer, then run this again." >&2; exit 1; }
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    { echo "Node.js $(node -v) is too old: install Node.js 20.19 or newer." >&2; exit 1; }
}

# npm ci when node_modules is missing or older than the lock file (a pull changed dependencies).
ensure_node_modules() {
  local stamp=node_modules/.package-lock.json
  if [[ ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
    echo "[deps] installing npm packages (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Writes the random secrets that .env.local lacks (git-ignored; Next.js and the scripts read it): the first
# time all of them, and to an older .env.local only the ones added since (its own values are kept).
ensure_env_file() {
  local name
  for name in AUTH_SECRET OPS_TOKEN; do
    [[ -f .env.local ]] && grep -q "^$name=" .env.local && continue
    echo "[env] writing a new random $name to .env.local"
    [[ -s .env.local && $(tail -c1 .env.local) != "" ]] && echo >>.env.local
    echo "$name=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')" >>.env.local
  done
  # The server actions' AES key (base64, 256 bits): the same for every instance and every build, so a form
  # rendered by one instance (or an older build) posts to any other.
  if ! { [[ -f .env.local ]] && grep -q "^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=" .env.local; }; then
    echo "[env] writing a new random NEXT_SERVER_ACTIONS_ENCRYPTION_KEY to .env.local"
    [[ -s .env.local && $(tail -c1 .env.local) != "" ]] && echo >>.env.local
    echo "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" >>.env.local
  fi
}

# A fingerprint of everything that goes into a build, so a second `npm start` skips an unchanged build.
source_fingerprint() {
  { git ls-files -co --exclude-standard -- app components lib db public next.config.ts package-lock.json tsconfig.json postcss.config.mjs instrumentation.ts proxy.ts 2>/dev/null |
      grep -v '^db/seed/' | sort | xargs -r sha1sum 2>/dev/null; echo "${NEXT_DIST_DIR:-.next}"; } | sha1sum | cut -c1-40
}
