import { execFileSync } from "node:child_process";
import { applyTestStackEnv } from "./stack-env";

// Makes `npx vitest` work on its own: starts the test stack if it is not running and migrates it.
// (`npm test` has already done both; then this takes a second.)
export default function setup() {
  applyTestStackEnv();
  const env = { ...process.env, GX_STACK: "test" };
  execFileSync("bash", ["scripts/services.sh", "up"], { env, stdio: "inherit" });
  execFileSync("npx", ["tsx", "db/migrate.ts"], { env, stdio: "inherit" });
}
