import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes SQL migrations from db/schema.ts; `npm run db:migrate` applies them.
// Never `drizzle-kit push`: migrations are reviewed files, applied the same way everywhere.
export default defineConfig({
  dialect: "mysql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_PRIMARY_URL ?? "mysql://gx_app:gx_app_local@127.0.0.1:3407/gifticon" },
  strict: true,
  verbose: true,
});
