#!/usr/bin/env bash
# HAProxy (Debian's haproxy) in front of several app instances, for `APP_INSTANCES=N npm start` and the
# load-balancer tests (e2e/api/load-balancer.spec.ts).
#   scripts/lb.sh ensure                      install haproxy with apt-get when it is missing
#   scripts/lb.sh config LISTEN_PORT PORT...  print the configuration for instances on 127.0.0.1:PORT…
# The configuration (what each line is for is said next to it):
#  - round robin over the instances; an instance is in the pool while GET /api/health/live answers 200
#    (liveness of the process only: a database or Redis outage is shared by every instance, and taking them
#    all out would turn a degraded site into no site);
#  - a request whose connection failed, or that got no (or a broken) answer, is tried again on another
#    instance — but only GET/HEAD, or a write carrying an Idempotency-Key (the app answers a replay with the
#    first result, lib/write/command.ts); any other write is retried only when its connection failed,
#    i.e. before the instance saw it;
#  - the client's own X-Forwarded-For is dropped and the address HAProxy saw is sent instead, so the
#    instances (TRUST_PROXY_HEADERS=1, loopback trusted) rate-limit the real client;
#  - `X-Served-By` names the instance that answered (for tests and debugging).
# A graceful drain: an instance's SIGTERM (server.ts) first fails its health check for DRAIN_GRACE_MS while it
# still serves (HAProxy, checking every 500 ms, takes it out after two failures), then closes its listener and
# finishes its running requests.
set -euo pipefail

ensure_haproxy() {
  command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "[lb] installing Debian's haproxy with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy >/dev/null; }
  else
    echo "HAProxy is missing: install Debian's haproxy (apt-get install haproxy), then run this again." >&2
    exit 1
  fi
}

config() {
  local listen=$1 i=0 port
  shift
  cat <<CFG
global
  maxconn 4096
  hard-stop-after 15s

defaults
  mode http
  option http-keep-alive
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  timeout http-request 10s
  timeout queue 5s
  timeout check 2s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response junk-response response-timeout

frontend web
  bind *:$listen
  http-request del-header X-Forwarded-For
  option forwardfor
  http-request disable-l7-retry if !METH_GET !{ req.hdr(idempotency-key) -m found }
  default_backend app

backend app
  balance roundrobin
  option httpchk
  http-check send meth GET uri /api/health/live ver HTTP/1.1 hdr Host localhost
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
  http-response set-header X-Served-By %s
CFG
  for port in "$@"; do
    i=$((i + 1))
    echo "  server app$i 127.0.0.1:$port check"
  done
}

case ${1:-} in
  ensure) ensure_haproxy ;;
  config) shift; config "$@" ;;
  *) echo "usage: $0 ensure | config LISTEN_PORT PORT..." >&2; exit 2 ;;
esac
