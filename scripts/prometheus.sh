#!/usr/bin/env bash
# npm run prometheus: Debian's Prometheus with the repo's config (ops/prometheus) scraping the local app.
#   APP_URL      the app to scrape            (default http://localhost:${PORT:-3000})
#   PROM_PORT    where Prometheus listens     (default 9090 + GX_PORT_OFFSET)
#   PROM_DIR     its config copy and data     (default .data/prometheus)
#   PROM_SCRAPE_INTERVAL  e.g. 1s for tests   (default: the config's own)
#   OPS_TOKEN    read from the environment or .env.local (the app's metrics need it)
# Installs the `prometheus` package with apt-get when it is missing and we are root, like MariaDB.
# `bash scripts/prometheus.sh --check` only makes sure the binary is there (exit 3 if it cannot be).
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_prometheus() {
  command -v prometheus >/dev/null && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "[prometheus] installing Debian's prometheus package with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus >/dev/null 2>&1; } || true
  fi
  command -v prometheus >/dev/null && return 0
  echo "[prometheus] Prometheus is not installed and could not be installed: apt-get install prometheus (Debian), then run this again." >&2
  return 3
}

ensure_prometheus || exit 3
[[ ${1:-} == --check ]] && exit 0

if [[ -z ${OPS_TOKEN:-} && -f .env.local ]]; then OPS_TOKEN=$(sed -n 's/^OPS_TOKEN=//p' .env.local | tail -1); fi
[[ -n ${OPS_TOKEN:-} ]] || { echo "[prometheus] OPS_TOKEN is not set (npm start writes one into .env.local)" >&2; exit 1; }

APP_URL=${APP_URL:-http://localhost:${PORT:-3000}}
PROM_PORT=${PROM_PORT:-$((9090 + ${GX_PORT_OFFSET:-0}))}
PROM_DIR=${PROM_DIR:-.data/prometheus}
mkdir -p "$PROM_DIR/data"
chmod 700 "$PROM_DIR"
# The repo's config and rules, unchanged but for the scrape interval when asked; the targets and the token
# are written next to them (never into the repo).
if [[ -n ${PROM_SCRAPE_INTERVAL:-} ]]; then
  sed -E "s/^(  (scrape|evaluation)_interval:).*/\1 ${PROM_SCRAPE_INTERVAL}/" ops/prometheus/prometheus.yml >"$PROM_DIR/prometheus.yml"
else
  cp ops/prometheus/prometheus.yml "$PROM_DIR/prometheus.yml"
fi
cp ops/prometheus/alerts.yml "$PROM_DIR/alerts.yml"
host=${APP_URL#*://}; host=${host%%/*}
scheme=${APP_URL%%://*}
printf '[{"targets": ["%s"], "labels": {"env": "local"}}]\n' "$host" >"$PROM_DIR/targets.json"
if [[ $scheme == https ]]; then sed -i 's#^    metrics_path:#    scheme: https\n    metrics_path:#' "$PROM_DIR/prometheus.yml"; fi
(umask 077; printf '%s' "$OPS_TOKEN" >"$PROM_DIR/ops-token")

echo "[prometheus] scraping $APP_URL/api/metrics; UI and API on http://127.0.0.1:$PROM_PORT" >&2
exec prometheus --config.file="$PROM_DIR/prometheus.yml" --storage.tsdb.path="$PROM_DIR/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --storage.tsdb.retention.time=2d --log.level=warn
