#!/usr/bin/env bash
# The project's own MariaDB primary, its replica(s) joined by GTID replication, and Redis.
#   scripts/services.sh up            start whatever is not running, set up replication, wait for all
#   scripts/services.sh down          stop everything this stack started
#   scripts/services.sh start|stop NODE    one node: primary, replica1, replica2, redis
#   scripts/services.sh cluster up|down|status|env   a 3-primary Redis Cluster with a replica each
#   scripts/services.sh status | env
# GX_STACK=dev|test picks the stack (scripts/stack.sh); REPLICAS=N the number of replicas;
# REPLICA_DELAY_SECONDS=N keeps every replica N seconds behind (MASTER_DELAY).
set -euo pipefail
source "$(dirname "$0")/stack.sh"

say() { echo "[services:$GX_STACK] $*"; }
die() { echo "[services:$GX_STACK] $*" >&2; exit 1; }

ensure_binaries() {
  local missing=() b
  for b in mariadbd mariadb-install-db mariadb mariadb-admin redis-server redis-cli; do
    command -v "$b" >/dev/null 2>&1 || [[ -x /usr/sbin/$b ]] || missing+=("$b")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing mariadb-server, mariadb-client and redis-server with apt-get (missing: ${missing[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server mariadb-client redis-server >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server mariadb-client redis-server >/dev/null; }
  else
    die "Missing ${missing[*]}: install MariaDB 10.11+ (mariadb-server, mariadb-client) and redis-server, then run this again."
  fi
}
mariadbd_bin() { command -v mariadbd || echo /usr/sbin/mariadbd; }
# A port this stack needs, already taken by something else (often the same stack of another checkout).
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
refuse_port() {
  die "port $1 is already in use by another process (the $GX_STACK stack of another checkout? run \`npm stop\` there), so $2 cannot start here."
}

write_cnf() {
  local name=$1 port id
  port=$(node_port "$name"); id=$(node_id "$name")
  mkdir -p "$DATA/$name" "$RUN"
  {
    echo "[mariadbd]"
    echo "datadir=$DATA/$name/data"
    echo "socket=$(node_sock "$name")"
    echo "pid-file=$RUN/$name.pid"
    echo "log-error=$DATA/$name/error.log"
    echo "port=$port"
    echo "bind-address=127.0.0.1"
    [[ $(id -u) == 0 ]] && echo "user=root"
    echo "server_id=$id"
    echo "log_bin=$DATA/$name/binlog"
    echo "binlog_format=ROW"
    echo "log_slave_updates=ON"
    # The migrations create triggers (db/migrations/0008_own_view_touches.sql) as the app's own account.
    echo "log_bin_trust_function_creators=ON"
    echo "gtid_strict_mode=ON"
    echo "skip-name-resolve"
    echo "character-set-server=utf8mb4"
    echo "collation-server=utf8mb4_unicode_ci"
    echo "default_time_zone=+00:00"
    echo "innodb_buffer_pool_size=64M"
    echo "innodb_log_file_size=32M"
    echo "performance_schema=OFF"
    echo "max_connections=600"
    echo "innodb_lock_wait_timeout=10"
    if [[ $name != primary ]]; then
      echo "relay_log=$DATA/$name/relay"
      echo "read_only=ON"
    fi
  } >"$DATA/$name/my.cnf"
}

sql() { # sql NODE "statements" — as root over the node's unix socket
  mariadb --defaults-file=/dev/null --socket="$(node_sock "$1")" -uroot -N -B -e "$2"
}
slave_status() { mariadb --defaults-file=/dev/null --socket="$(node_sock "$1")" -uroot -e 'SHOW SLAVE STATUS\G'; }
alive() { mariadb-admin --socket="$(node_sock "$1")" -uroot ping >/dev/null 2>&1; }
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_db() {
  local name=$1
  write_cnf "$name"
  if [[ ! -d $DATA/$name/data/mysql ]]; then
    rm -rf "$DATA/$name/data"
    mariadb-install-db --defaults-file="$DATA/$name/my.cnf" --skip-test-db >"$DATA/$name/install.log" 2>&1 ||
      die "mariadb-install-db failed for $name (see $DATA/$name/install.log)"
  fi
  if ! alive "$name"; then
    if pid_alive "$RUN/$name.pid"; then kill "$(cat "$RUN/$name.pid")" 2>/dev/null || true; sleep 1; fi
    port_taken "$(node_port "$name")" && refuse_port "$(node_port "$name")" "$name"
    "$(mariadbd_bin)" --defaults-file="$DATA/$name/my.cnf" >>"$DATA/$name/stdout.log" 2>&1 </dev/null &
    disown
    local i
    for ((i = 0; i < 300; i++)); do alive "$name" && break; sleep 0.1; done
    alive "$name" || die "$name did not start on port $(node_port "$name") (see $DATA/$name/error.log)"
  fi
}

bootstrap_primary() {
  # Also for a primary started before my.cnf had it (a server already running keeps its settings).
  sql primary "SET GLOBAL log_bin_trust_function_creators = ON"
  # Once per data folder: users and grants are replicated, so they are created on the primary only.
  [[ $(sql primary "SELECT COUNT(*) FROM mysql.user WHERE user = '$OPS_USER'") == 1 ]] && return 0
  sql primary "
    CREATE DATABASE IF NOT EXISTS $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS '$APP_USER'@'127.0.0.1' IDENTIFIED BY '$APP_PASS';
    GRANT ALL PRIVILEGES ON $DB_NAME.* TO '$APP_USER'@'127.0.0.1';
    GRANT BINLOG MONITOR ON *.* TO '$APP_USER'@'127.0.0.1';
    CREATE USER IF NOT EXISTS '$RO_USER'@'127.0.0.1' IDENTIFIED BY '$RO_PASS';
    GRANT SELECT ON $DB_NAME.* TO '$RO_USER'@'127.0.0.1';
    GRANT SLAVE MONITOR, BINLOG MONITOR ON *.* TO '$RO_USER'@'127.0.0.1';
    GRANT SELECT ON mysql.gtid_slave_pos TO '$RO_USER'@'127.0.0.1';
    CREATE USER IF NOT EXISTS '$REPL_USER'@'127.0.0.1' IDENTIFIED BY '$REPL_PASS';
    GRANT REPLICATION SLAVE ON *.* TO '$REPL_USER'@'127.0.0.1';
    CREATE USER IF NOT EXISTS '$OPS_USER'@'127.0.0.1' IDENTIFIED BY '$OPS_PASS';
    GRANT ALL PRIVILEGES ON *.* TO '$OPS_USER'@'127.0.0.1' WITH GRANT OPTION;"
}

# Points a replica at the primary (first time) and applies REPLICA_DELAY_SECONDS; starts its threads.
setup_replica() {
  local name=$1 delay=${REPLICA_DELAY_SECONDS:-0} status current
  [[ $delay =~ ^[0-9]+$ ]] || die "REPLICA_DELAY_SECONDS must be a whole number of seconds (got '$delay')"
  status=$(slave_status "$name")
  if [[ -z $status ]]; then
    sql "$name" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$BASE_PORT, MASTER_USER='$REPL_USER',
      MASTER_PASSWORD='$REPL_PASS', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1, MASTER_DELAY=$delay;
      START SLAVE;"
    return
  fi
  current=$(awk '/SQL_Delay:/ {print $2}' <<<"$status")
  if [[ $current != "$delay" ]]; then
    sql "$name" "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=$delay; START SLAVE;"
  else
    sql "$name" "START SLAVE;" 2>/dev/null || true
  fi
}

start_redis() {
  mkdir -p "$DATA/redis" "$RUN"
  if [[ -f $RUN/redis.pid ]] && pid_alive "$RUN/redis.pid"; then return 0; fi
  port_taken "$REDIS_PORT" && refuse_port "$REDIS_PORT" redis
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$DATA/redis" --pidfile "$RUN/redis.pid" --logfile "$DATA/redis/redis.log" >/dev/null
  local i
  for ((i = 0; i < 100; i++)); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "redis-server did not start on port $REDIS_PORT (see $DATA/redis/redis.log)"
}

# One node of the Redis Cluster (0…5). Its nodes.conf survives a stop, so a node started again rejoins
# the cluster (as a replica, if its shard failed over while it was away).
start_cluster_node() {
  local n=$1 port dir i
  port=$(cluster_port "$n"); dir=$DATA/cluster/$n
  mkdir -p "$dir" "$RUN"
  if [[ -f $RUN/cluster-$n.pid ]] && pid_alive "$RUN/cluster-$n.pid"; then return 0; fi
  port_taken "$port" && refuse_port "$port" "redis cluster node $n"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --cluster-enabled yes --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout 1000 \
    --cluster-replica-validity-factor 0 \
    --dir "$dir" --pidfile "$RUN/cluster-$n.pid" --logfile "$dir/redis.log" >/dev/null
  for ((i = 0; i < 100; i++)); do rcli -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "redis cluster node $n did not start on port $port (see $dir/redis.log)"
}
# Every redis-cli call here has a deadline: a paused node (SIGSTOP in a test) accepts and never answers.
rcli() { timeout 2 redis-cli "$@"; }
cluster_ok() { rcli -p "$(cluster_port "${1:-0}")" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }
start_cluster() {
  local n i addrs=()
  for ((n = 0; n < CLUSTER_NODES; n++)); do start_cluster_node "$n"; addrs+=("127.0.0.1:$(cluster_port "$n")"); done
  # Nodes that know only themselves are new: make them a cluster. Otherwise it exists and may be healing
  # (a node that came back is syncing from its shard's new primary): wait for it.
  if rcli -p "$(cluster_port 0)" cluster info 2>/dev/null | grep -q '^cluster_known_nodes:1\b'; then
    timeout 60 redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes >"$DATA/cluster/create.log" 2>&1 ||
      die "redis-cli --cluster create failed (see $DATA/cluster/create.log)"
  fi
  for ((i = 0; i < 200; i++)); do
    local all=1
    for ((n = 0; n < CLUSTER_NODES; n++)); do cluster_ok "$n" || all=0; done
    ((all)) && { say "redis cluster 127.0.0.1:$(cluster_port 0)-$(cluster_port $((CLUSTER_NODES - 1))) ok"; return 0; }
    sleep 0.1
  done
  die "the redis cluster did not reach cluster_state:ok (see $DATA/cluster/*/redis.log)"
}
stop_cluster() {
  local n pid port i
  for ((n = 0; n < CLUSTER_NODES; n++)); do
    [[ -f $RUN/cluster-$n.pid ]] || continue
    pid=$(cat "$RUN/cluster-$n.pid"); port=$(cluster_port "$n")
    kill -CONT "$pid" 2>/dev/null || true
    rcli -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$RUN/cluster-$n.pid"
  done
}

stop_db() {
  local name=$1 i
  [[ -f $RUN/$name.pid ]] || return 0
  local pid; pid=$(cat "$RUN/$name.pid")
  alive "$name" && mariadb-admin --socket="$(node_sock "$name")" -uroot shutdown >/dev/null 2>&1 || true
  for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
}
stop_redis() {
  local i pid
  [[ -f $RUN/redis.pid ]] || return 0
  pid=$(cat "$RUN/redis.pid")
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$RUN/redis.pid"
}

status() {
  local name
  for name in $(node_names); do
    if alive "$name"; then
      if [[ $name == primary ]]; then
        echo "$name  127.0.0.1:$(node_port "$name")  up  gtid $(sql primary 'SELECT @@gtid_binlog_pos')"
      else
        echo "$name 127.0.0.1:$(node_port "$name")  up  $(slave_status "$name" |
          awk '/Slave_IO_Running:|Slave_SQL_Running:|Seconds_Behind_Master:|SQL_Delay:|Gtid_Slave_Pos:/ {printf "%s %s  ", $1, $2}')"
      fi
    else
      echo "$name  127.0.0.1:$(node_port "$name")  down"
    fi
  done
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && echo "redis    127.0.0.1:$REDIS_PORT  up" || echo "redis    127.0.0.1:$REDIS_PORT  down"
}

cmd=${1:-}
case $cmd in
  up)
    ensure_binaries
    mkdir -p "$RUN"
    start_db primary
    bootstrap_primary
    for ((i = 1; i <= REPLICAS; i++)); do start_db "replica$i"; setup_replica "replica$i"; done
    start_redis
    [[ ${REDIS_CLUSTER:-0} == 1 ]] && start_cluster
    say "primary 127.0.0.1:$BASE_PORT, $REPLICAS replica(s) from port $((BASE_PORT + 1)), redis 127.0.0.1:$REDIS_PORT (data in ${DATA#$ROOT/})"
    ;;
  down)
    stop_cluster
    stop_redis
    for ((i = 5; i >= 1; i--)); do stop_db "replica$i"; done
    stop_db primary
    say "stopped"
    ;;
  start)
    case ${2:-} in
      redis) start_redis ;;
      primary) start_db primary ;;
      replica*) start_db "$2"; setup_replica "$2" ;;
      *) die "usage: $0 start primary|replicaN|redis" ;;
    esac ;;
  stop)
    case ${2:-} in
      redis) stop_redis ;;
      primary|replica*) stop_db "$2" ;;
      *) die "usage: $0 stop primary|replicaN|redis" ;;
    esac ;;
  cluster)
    case ${2:-} in
      up) ensure_binaries; start_cluster ;;
      down) stop_cluster ;;
      start) start_cluster_node "${3:?node 0-5}" ;;
      status) for ((n = 0; n < CLUSTER_NODES; n++)); do echo "node $n 127.0.0.1:$(cluster_port $n) $(rcli -p "$(cluster_port $n)" role 2>/dev/null | head -1 || echo down)"; done ;;
      env) echo "REDIS_CLUSTER_NODES=$(cluster_nodes_env)" ;;
      *) die "usage: $0 cluster up|down|start N|status|env" ;;
    esac ;;
  status) status ;;
  env) stack_env ;;
  *) echo "usage: $0 up|down|start NODE|stop NODE|status|env" >&2; exit 2 ;;
esac
