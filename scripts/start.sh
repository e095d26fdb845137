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

mkdir -p "$RUN"
echo $$ >"$PID_FILE"
step "Serving on http://localhost:$APP_PORT   (health: http://localhost:$APP_PORT/api/health, logs below, \`npm stop\` stops everything)"
# server.ts: Next.js behind the app's own server (client addresses from the socket, early refusals).
PORT=$APP_PORT exec node --import tsx server.ts
