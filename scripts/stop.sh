#!/usr/bin/env bash
# npm stop: stops the app server and every service that npm start or npm test started.
set -uo pipefail
cd "$(dirname "$0")/.."
for stack in dev test bench; do
  dir=.data/$stack
  [[ -d $dir ]] || continue
  for pidf in "$dir"/run/next*.pid; do
    [[ -f $pidf ]] || continue
    pid=$(cat "$pidf")
    if kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null
      echo "[stop] app server (pid $pid) stopped"
    fi
    rm -f "$pidf"
  done
  GX_STACK=$stack bash scripts/services.sh down
done
