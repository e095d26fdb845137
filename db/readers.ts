import "server-only";
import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import { config } from "@/lib/config";
import { createPool, type Pool } from "./pool";
import * as schema from "./schema";

// The read side's connections: every replica, and the primary through read-only credentials (for reads
// that cannot wait for a replica). All of them log in as a user with SELECT only, and the type below has
// no insert/update/delete, so a query cannot write even by mistake (tests/db/read-only.test.ts tries).

type FullDb = MySql2Database<typeof schema>;
export type ReadDb = Pick<FullDb, "select" | "selectDistinct" | "$count" | "$with">;

export type ReadNode = {
  name: string; // "primary", "replica1", …
  role: "primary" | "replica";
  pool: Pool;
  db: ReadDb;
  url: string; // without password, for status pages
};

const g = globalThis as unknown as { __gxReadNodes?: ReadNode[] };

function node(name: string, role: ReadNode["role"], url: string): ReadNode {
  const pool = createPool(url, { size: config().DATABASE_POOL_SIZE, tls: config().DATABASE_TLS, name: `read-${name}`, connectTimeoutMs: config().DB_CONNECT_TIMEOUT_MS });
  const u = new URL(url);
  return {
    name,
    role,
    pool,
    db: drizzle({ client: pool, schema, mode: "default" }),
    url: `${u.hostname}:${u.port || 3306}${u.pathname}`,
  };
}

/** The primary (read-only) first, then the replicas in configuration order. */
export function readNodes(): ReadNode[] {
  g.__gxReadNodes ??= [
    node("primary", "primary", config().DATABASE_PRIMARY_READ_URL),
    ...config().DATABASE_REPLICA_URLS.map((url, i) => node(`replica${i + 1}`, "replica", url)),
  ];
  return g.__gxReadNodes;
}

export async function closeReadNodes() {
  const nodes = g.__gxReadNodes ?? [];
  g.__gxReadNodes = undefined;
  await Promise.all(nodes.map((n) => n.pool.end().catch(() => {})));
}
