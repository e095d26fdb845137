# Shared settings of the project's own services; sourced by the other scripts.
# GX_STACK picks a stack: "dev" (npm start), "test" (npm test) or "bench" (npm run bench*). Each has its
# own data folder and ports, so a test or benchmark run never touches the data you browse.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GX_STACK=${GX_STACK:-dev}
# GX_PORT_OFFSET shifts every port of a stack, so several checkouts on one machine can run their stacks
# and test suites side by side (default 0; use multiples of 1000).
OFF=${GX_PORT_OFFSET:-0}
case $GX_STACK in
  dev)  BASE_PORT=$((3407 + OFF)); REDIS_PORT=${REDIS_PORT:-$((6479 + OFF))}; REPLICAS=${REPLICAS:-1}; APP_PORT=${PORT:-$((3000 + OFF))}; CLUSTER_PORT=$((7001 + OFF)) ;;
  test) BASE_PORT=$((3417 + OFF)); REDIS_PORT=${REDIS_PORT:-$((6489 + OFF))}; REPLICAS=${REPLICAS:-2}; APP_PORT=${PORT:-$((3100 + OFF))}; CLUSTER_PORT=$((7101 + OFF)) ;;
  bench) BASE_PORT=$((3427 + OFF)); REDIS_PORT=${REDIS_PORT:-$((6499 + OFF))}; REPLICAS=${REPLICAS:-1}; APP_PORT=${PORT:-$((3300 + OFF))}; CLUSTER_PORT=$((7201 + OFF)) ;;
  *) echo "GX_STACK must be dev, test or bench (got '$GX_STACK')" >&2; exit 2 ;;
esac
DATA=$ROOT/.data/$GX_STACK
RUN=$DATA/run
DB_NAME=gifticon
# Local-only credentials: every server binds 127.0.0.1 and lives under .data/ (git-ignored).
APP_USER=gx_app;   APP_PASS=gx_app_local
RO_USER=gx_read;   RO_PASS=gx_read_local
REPL_USER=gx_repl; REPL_PASS=gx_repl_local
OPS_USER=gx_ops;   OPS_PASS=gx_ops_local

# A Redis Cluster of this stack (scripts/services.sh cluster …; REDIS_CLUSTER=1 makes `up` start it and the
# app use it): 3 primaries and a replica of each, on CLUSTER_PORT … CLUSTER_PORT+5.
CLUSTER_NODES=6
cluster_port() { echo $((CLUSTER_PORT + $1)); }
cluster_nodes_env() {
  local n out=""
  for ((n = 0; n < CLUSTER_NODES; n++)); do out+="${out:+,}127.0.0.1:$(cluster_port $n)"; done
  echo "$out"
}

node_names() { echo primary; for ((i = 1; i <= REPLICAS; i++)); do echo "replica$i"; done; }
node_port() { case $1 in primary) echo $BASE_PORT ;; replica*) echo $((BASE_PORT + ${1#replica})) ;; esac; }
node_id() { case $1 in primary) echo 1 ;; replica*) echo $((1 + ${1#replica})) ;; esac; }
node_sock() { echo "$RUN/$1.sock"; }

# Prints the environment that points the app at this stack (read by lib/config.ts).
stack_env() {
  local replicas="" i
  for ((i = 1; i <= REPLICAS; i++)); do
    replicas+="${replicas:+,}mysql://$RO_USER:$RO_PASS@127.0.0.1:$(node_port replica$i)/$DB_NAME"
  done
  echo "DATABASE_PRIMARY_URL=mysql://$APP_USER:$APP_PASS@127.0.0.1:$BASE_PORT/$DB_NAME"
  echo "DATABASE_PRIMARY_READ_URL=mysql://$RO_USER:$RO_PASS@127.0.0.1:$BASE_PORT/$DB_NAME"
  echo "DATABASE_REPLICA_URLS=$replicas"
  echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
  [[ ${REDIS_CLUSTER:-0} == 1 ]] && echo "REDIS_CLUSTER_NODES=$(cluster_nodes_env)"
  echo "OPS_DATABASE_USER=$OPS_USER"
  echo "OPS_DATABASE_PASSWORD=$OPS_PASS"
  echo "PORT=$APP_PORT"
}
