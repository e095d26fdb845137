// Applies db/migrations to the primary (replicas follow through replication). `npm run db:migrate`.
import "./load-env";
import { drizzle } from "drizzle-orm/mysql2";
import { migrate } from "drizzle-orm/mysql2/migrator";
import { config } from "../lib/config";
import { createPool } from "./pool";

const pool = createPool(config().DATABASE_PRIMARY_URL, { size: 1, name: "migrate", tls: config().DATABASE_TLS });
try {
  await migrate(drizzle({ client: pool }), { migrationsFolder: new URL("./migrations", import.meta.url).pathname });
  console.log("[migrate] database is up to date");
} finally {
  await pool.end();
}
