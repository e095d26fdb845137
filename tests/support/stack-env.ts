import { execFileSync } from "node:child_process";

// The environment of the test stack (scripts/stack.sh, GX_STACK=test), applied to process.env unless
// the caller (scripts/test.sh) already set it.
export function applyTestStackEnv() {
  const out = execFileSync("bash", ["scripts/services.sh", "env"], { env: { ...process.env, GX_STACK: "test" } });
  for (const line of out.toString().split("\n")) {
    const i = line.indexOf("=");
    if (i > 0 && process.env[line.slice(0, i)] === undefined) process.env[line.slice(0, i)] = line.slice(i + 1);
  }
  // A fixed secret for the throw-away test stack only (npm start writes a random one into .env.local).
  process.env.AUTH_SECRET ??= "test-stack-only-secret-not-for-production-0123456789";
  process.env.GX_STACK = "test";
}
