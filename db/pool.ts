import mysql from "mysql2/promise";

// One place that turns a mysql:// URL into a mysql2 pool with the options every node needs:
// UTC on the wire (DATETIMEs are UTC), utf8mb4, short connect timeouts so a dead node is noticed fast.
export function createPool(url: string, opts: { size: number; tls?: boolean; name: string; connectTimeoutMs?: number }) {
  const u = new URL(url);
  return mysql.createPool({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ""),
    connectionLimit: opts.size,
    maxIdle: opts.size,
    idleTimeout: 60_000,
    queueLimit: 0,
    waitForConnections: true,
    // A paused server accepts the TCP connection and never sends its greeting: bounded (DB_CONNECT_TIMEOUT_MS).
    connectTimeout: opts.connectTimeoutMs ?? 5_000,
    enableKeepAlive: true,
    timezone: "Z",
    charset: "utf8mb4_unicode_ci",
    supportBigNumbers: true,
    dateStrings: false,
    ssl: opts.tls ? { rejectUnauthorized: true } : undefined,
    // mysql2's "long stack traces" capture a stack for every query, in case it fails (3 % of a trade's CPU,
    // `npm run bench:mix` with BENCH_CPU_PROF); its errors still carry their own stack and SQL state.
    trace: false,
    // Tells the server which pool a connection belongs to (SHOW PROCESSLIST), nothing more.
    connectAttributes: { program_name: `gifticon-${opts.name}` },
  });
}

export type Pool = ReturnType<typeof createPool>;
