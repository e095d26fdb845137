#!/usr/bin/env bash
# npm start: install what is missing, start the project's MariaDB primary + replica and Redis, migrate,
# seed, build (when sources changed) and serve on http://localhost:${PORT:-3000}. `npm stop` stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
export GX_STACK=dev
source scripts/stack.sh
source scripts/deps.sh
PID_FILE=$RUN/next.pid
step() { echo; echo "▶ $*"; }

if [[ -f $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "The app is already running (pid $(cat "$PID_FILE")) on http://localhost:$APP_PORT — \`npm stop\` stops it."
  exit 0
fi

step "Checking Node.js and npm packages"
ensure_node
ensure_node_modules
ensure_env_file

step "Starting MariaDB primary, ${REPLICAS} replica(s) and Redis (scripts/services.sh)"
bash scripts/services.sh up
set -a
eval "$(bash scripts/services.sh env)"
set +a

step "Migrating and seeding the database"
npx tsx --conditions=react-server db/migrate.ts
npx tsx --conditions=react-server db/seed/index.ts

fingerprint=$(source_fingerprint)
if [[ -f .next/BUILD_ID && -f .next/.gx-fingerprint && $(cat .next/.gx-fingerprint) == "$fingerprint" ]]; then
  step "Build is up to date"
else
  step "Building the app (next build, about a minute the first time)"
  node_modules/.bin/next build
  echo "$fingerprint" >.next/.gx-fingerprint
fi

# The app's server command line (as scripts/serve-command.ts spells it for the TypeScript launchers).
SERVE=(node --max-semi-space-size=64 scripts/serve.mjs)
mkdir -p "$RUN"
echo $$ >"$PID_FILE"
INSTANCES=${APP_INSTANCES:-1}
if ! [[ $INSTANCES =~ ^[1-9][0-9]?$ ]]; then echo "APP_INSTANCES must be a number from 1 to 99 (got '$INSTANCES')." >&2; exit 2; fi
if ((INSTANCES == 1)); then
  step "Serving on http://localhost:$APP_PORT   (health: http://localhost:$APP_PORT/api/health, logs below, \`npm stop\` stops everything)"
  # server.ts: Next.js behind the app's own server (client addresses from the socket, early refusals).
  PORT=$APP_PORT exec "${SERVE[@]}"
fi

# APP_INSTANCES=N: N instances of the same build (one .next, one build id, one server-actions key from
# .env.local) on 127.0.0.1:APP_PORT+11…, behind HAProxy on APP_PORT (scripts/lb.sh says what it does).
bash scripts/lb.sh ensure
pids=()
cleanup() {
  trap - INT TERM EXIT
  ((${#pids[@]})) && kill -TERM "${pids[@]}" 2>/dev/null
  wait
  rm -f "$RUN"/next-app*.pid
}
trap cleanup INT TERM EXIT
ports=()
for ((i = 1; i <= INSTANCES; i++)); do
  port=$((APP_PORT + 10 + i))
  ports+=("$port")
  # Loopback is the only client of an instance: HAProxy, whose X-Forwarded-For is trusted.
  (PORT=$port HOSTNAME=127.0.0.1 TRUST_PROXY_HEADERS=1 DRAIN_GRACE_MS=${DRAIN_GRACE_MS:-1500} exec "${SERVE[@]}") > >(sed -u "s/^/[app$i] /") 2>&1 &
  pids+=("$!")
  echo "$!" >"$RUN/next-app$i.pid"
done
for port in "${ports[@]}"; do
  for _ in $(seq 240); do curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health/live" 2>/dev/null && break; sleep 0.5; done
done
bash scripts/lb.sh config "$APP_PORT" "${ports[@]}" >"$RUN/haproxy.cfg"
step "Serving on http://localhost:$APP_PORT through HAProxy, $INSTANCES instances on ports ${ports[*]}   (\`npm stop\` stops everything)"
haproxy -db -f "$RUN/haproxy.cfg" &
lb=$!
pids+=("$lb")
wait "$lb"
