// Shared by the HTTP benchmarks (load.ts, scaling.ts): the production build on the bench stack, app
// processes to start and stop, and what each of them has cost in CPU.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { SERVE_ARGS } from "../serve-command";

export function benchAppEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: ".next-bench",
    NEXT_TELEMETRY_DISABLED: "1",
    TRUST_PROXY_HEADERS: "1",
    OPS_TOKEN: process.env.OPS_TOKEN ?? `bench-${Math.random().toString(36).slice(2)}-ops-token-0123456789`,
    RATE_LIMIT_SIGN_UP: "1000/600",
    RATE_LIMIT_SIGN_IN: "1000/60",
    RATE_LIMIT_TRADE: process.env.RATE_LIMIT_TRADE ?? "30/60",
    ...extra,
  } as NodeJS.ProcessEnv;
}

/** `next build` into .next-bench, skipped when the sources did not change since the last benchmark build. */
export function ensureBenchBuild(env: NodeJS.ProcessEnv) {
  const fingerprint = execFileSync("bash", ["-c", "source scripts/deps.sh; source_fingerprint"], { env }).toString().trim();
  let built = "";
  try {
    built = readFileSync(".next-bench/.gx-fingerprint", "utf8").trim();
  } catch {}
  if (built === fingerprint) return;
  console.log("building (next build → .next-bench)…");
  execFileSync("node_modules/.bin/next", ["build"], { env, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("bash", ["-c", `echo ${fingerprint} > .next-bench/.gx-fingerprint`]);
}

const children: ChildProcess[] = [];
// A benchmark that throws leaves no app or proxy behind (the bench stack is reset by the next run).
process.once("exit", () => stopAll());

/** Starts one app process (server.ts) on `port` and resolves once it answers. */
export async function serveApp(env: NodeJS.ProcessEnv, port: number, extra: Record<string, string> = {}): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: each app process writes a V8 CPU profile there when it stops (where its time goes).
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const p = spawn("node", [...prof, ...SERVE_ARGS], { env: { ...env, PORT: String(port), ...extra }, stdio: "ignore" });
  children.push(p);
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health/live`)).status < 600) return p;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`app on ${port} did not start`);
}

/** Every process started here (apps, and whatever else was handed to `track`), stopped. */
export function stopAll() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
}
export const track = (c: ChildProcess) => (children.push(c), c);

const TICKS_PER_SECOND = 100; // Linux USER_HZ
/** CPU time (user + system, ms) the processes have used so far, from /proc/PID/stat. */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
    } catch {}
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
