// Shared by the benchmarks: a stack of their own (GX_STACK=bench: ports 3427+, Redis 6499, app 3300),
// started fresh, migrated and seeded, with its environment applied to this process.
import { execFileSync } from "node:child_process";

export function startBenchStack(opts: { replicas?: number; seed?: boolean } = {}) {
  const env = { ...process.env, GX_STACK: "bench", REPLICAS: String(opts.replicas ?? 1), REPLICA_DELAY_SECONDS: "0" };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  run("bash", ["scripts/services.sh", "down"]);
  execFileSync("rm", ["-rf", ".data/bench"]);
  run("bash", ["scripts/services.sh", "up"]);
  const out = execFileSync("bash", ["scripts/services.sh", "env"], { env }).toString();
  for (const line of out.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) process.env[line.slice(0, i)] = line.slice(i + 1);
  }
  process.env.GX_STACK = "bench";
  process.env.AUTH_SECRET ??= "bench-stack-only-secret-not-for-production-0123456789";
  const childEnv = { ...process.env };
  execFileSync("npx", ["tsx", "--conditions=react-server", "db/migrate.ts"], { env: childEnv, stdio: "inherit" });
  if (opts.seed !== false) execFileSync("npx", ["tsx", "--conditions=react-server", "db/seed/index.ts"], { env: childEnv, stdio: "inherit" });
}

export function stopBenchStack() {
  execFileSync("bash", ["scripts/services.sh", "down"], { env: { ...process.env, GX_STACK: "bench" }, stdio: "inherit" });
}

export function percentile(xs: number[], p: number) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

export function table(rows: (string | number)[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ")).join("\n");
}
