import type { PoolConnection } from "mysql2/promise";
import { config } from "@/lib/config";
import { gtidFor, seqOf } from "@/lib/read/gtid";

// Where the read side's positions come from (POSITIONS). A position is a number that orders commits: every
// command's commit has one, every snapshot reports the newest it contains, and the cache's deltas, fences
// and read-your-writes marks compare them (lib/cache/views.ts, lib/read/consistency.ts). (No "server-only"
// mark: SQL text and no secrets, and the test tooling that the Playwright suite shares reads it too.)
//
// - "gtid" (the default, MariaDB): the sequence number of the commit's GTID, read after COMMIT on the same
//   connection; a snapshot's from BINLOG_GTID_POS (primary) or mysql.gtid_slave_pos (replica); a replica can
//   be waited for with MASTER_GTID_WAIT.
// - "counter" (engines whose replicas expose no position: Aurora MySQL, RDS, unsharded PlanetScale/Vitess):
//   every command raises one row, commit_seq, just before COMMIT, and its new value is the commit's
//   position. The row's lock serialises that last step, so the values follow the commit order; a replica
//   applies commits in that order (or a storage-level reader sees a point in it), so the row's value in any
//   snapshot is exactly the newest command the snapshot contains. The price: commits queue on one row for
//   one statement each (see the README). Writes outside commands (heartbeats, scripts) take no position,
//   as no reader waits for them.

type Role = "primary" | "replica";

export type PositionSource = {
  readonly name: "gtid" | "counter";
  /** In the command's transaction, as its last statement; the commit's position if it is known then. */
  stamp(run: (statement: string) => Promise<unknown>): Promise<number | null>;
  /**
   * On the command's connection right after COMMIT: the commit's position (null: unknown), from what the
   * stamp returned, the COMMIT's own reply, or one more query.
   */
  committed(conn: PoolConnection, stamped: number | null, commitReply: unknown): Promise<number | null>;
  /** Set once on each new primary connection (null: nothing), so that `committed` can read the COMMIT's reply. */
  readonly sessionSql: string | null;
  /** One row `{pos}`: inside a consistent snapshot on a node of `role`, the newest position it contains. */
  snapshotSql(role: Role): string;
  /**
   * One row for the replica monitor: `pos`, the node's position now; `hb`, the primary's clock now or the
   * newest heartbeat a replica has applied; with the counter, `last` (primary), the newest heartbeat written.
   */
  probeSql(role: Role): string;
  /** One row `{pos}` on the primary: its newest committed position. */
  readonly currentSql: string;
  /** A position from what those statements return. */
  parse(raw: unknown): number;
  /** A statement `[sql, params]` that waits up to `ms` for a replica to reach `seq`, answering `{r: 0}` if it did; null: none (poll). */
  waitSql(seq: number, ms: number): [string, unknown[]] | null;
};

const NEWEST_HEARTBEAT = "SELECT MAX(ts) FROM heartbeats";

const gtid: PositionSource = {
  name: "gtid",
  stamp: async () => null,
  // MariaDB reports a tracked variable's new value in the reply to the statement that changed it: the COMMIT's
  // OK packet then carries the commit's GTID (the session-state data that mysql2 reads as `stateChanges`),
  // which saves a round trip per command. (MaxScale's causal reads use the same tracking.)
  sessionSql: "SET SESSION session_track_system_variables = CONCAT_WS(',', NULLIF(@@session_track_system_variables, ''), 'last_gtid')",
  async committed(conn, _stamped, commitReply) {
    const tracked = (commitReply as { stateChanges?: { systemVariables?: Record<string, string> } } | undefined)?.stateChanges?.systemVariables?.last_gtid;
    if (tracked) return seqOf(tracked);
    try {
      const [rows] = await conn.query("SELECT @@last_gtid AS g");
      const g = (rows as { g: string }[])[0]?.g;
      return g ? seqOf(g) : null;
    } catch {
      return null; // committed, but the position is unknown: readers fall back to the current primary position
    }
  },
  snapshotSql: (role) =>
    role === "primary"
      ? `SELECT BINLOG_GTID_POS(
           (SELECT variable_value FROM information_schema.session_status WHERE variable_name = 'BINLOG_SNAPSHOT_FILE'),
           (SELECT variable_value FROM information_schema.session_status WHERE variable_name = 'BINLOG_SNAPSHOT_POSITION')) AS pos`
      : "SELECT CONCAT('0-0-', COALESCE(MAX(seq_no), 0)) AS pos FROM mysql.gtid_slave_pos WHERE domain_id = 0",
  probeSql: (role) =>
    role === "primary" ? "SELECT @@gtid_binlog_pos AS pos, NOW(6) AS hb" : `SELECT @@gtid_slave_pos AS pos, (${NEWEST_HEARTBEAT}) AS hb`,
  currentSql: "SELECT @@gtid_binlog_pos AS pos",
  parse: (raw) => seqOf(raw === null || raw === undefined ? null : String(raw)),
  waitSql: (seq, ms) => ["SELECT MASTER_GTID_WAIT(?, ?) AS r", [gtidFor(seq), ms / 1000]],
};

const COUNTER = "SELECT n AS pos FROM commit_seq WHERE id = 1";

const counter: PositionSource = {
  name: "counter",
  async stamp(run) {
    // LAST_INSERT_ID(expr) hands the new value back in the statement's own reply (insertId): one round trip.
    const res = (await run("UPDATE commit_seq SET n = LAST_INSERT_ID(n + 1) WHERE id = 1")) as [{ insertId: number; affectedRows: number }];
    if (res[0]?.affectedRows !== 1) throw new Error("commit_seq has no row 1 (run the migrations)");
    return Number(res[0].insertId);
  },
  committed: async (_conn, stamped) => stamped,
  sessionSql: null,
  snapshotSql: () => COUNTER,
  probeSql: (role) =>
    role === "primary" ? `SELECT (${COUNTER}) AS pos, NOW(6) AS hb, (${NEWEST_HEARTBEAT}) AS last` : `SELECT (${COUNTER}) AS pos, (${NEWEST_HEARTBEAT}) AS hb`,
  currentSql: COUNTER,
  parse: (raw) => Number(raw ?? 0) || 0,
  // No server-side wait for a row's value: the router polls it (lib/read/router.ts).
  waitSql: () => null,
};

/** The primary's newest committed position, through the caller's own bounded query on the primary. */
export async function primaryPositionVia(query: (sql: string) => Promise<{ pos: unknown }[]>): Promise<number> {
  const [row] = await query(positions().currentSql);
  return positions().parse(row?.pos);
}

export const positions = (): PositionSource => (config().POSITIONS === "counter" ? counter : gtid);
