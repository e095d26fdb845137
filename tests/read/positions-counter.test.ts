// POSITIONS=counter (db/positions.ts): positions from a counter row the commands raise, for engines whose
// replicas expose none (Aurora MySQL, PlanetScale/Vitess). The read side's suites run again on it, on the
// same lagging MariaDB replicas: read-your-writes and freshness (with MASTER_DELAY and stopped SQL threads),
// the users' own cached views, lag-aware routing, servers stopped and paused, the replication basics, and
// cached catalog pages kept in order by deltas. The default, POSITIONS=gtid, runs them in their own files.
process.env.POSITIONS = "counter";
// Its own Redis database: counter positions (from 10^12 up) left in the other suites' keys would sit above
// every GTID position and hold their fences and page versions there (switching back from the counter needs
// an empty Redis, README "Configuration").
process.env.REDIS_URL = `${process.env.REDIS_URL!.replace(/\/\d*$/, "")}/1`;

await import("./freshness.test");
await import("./own-views.test");
await import("./routing.test");
await import("./faults.test");
await import("../db/replication.test");
await import("../db/positions.test");
await import("../catalog/catalog-order.test");
export {};
