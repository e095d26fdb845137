// POSITIONS=counter (db/positions.ts): positions from a counter row the commands raise, for engines whose
// replicas expose none (Aurora MySQL, PlanetScale/Vitess). The read side's suites run again on it, on the
// same lagging MariaDB replicas: read-your-writes and freshness (with MASTER_DELAY and stopped SQL threads),
// the users' own cached views, lag-aware routing, servers stopped and paused, the replication basics, and
// cached catalog pages kept in order by deltas. The default, POSITIONS=gtid, runs them in their own files.
process.env.POSITIONS = "counter";

await import("./freshness.test");
await import("./own-views.test");
await import("./routing.test");
await import("./faults.test");
await import("../db/replication.test");
await import("../db/positions.test");
await import("../catalog/catalog-order.test");
export {};
