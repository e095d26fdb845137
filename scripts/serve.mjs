// Runs the app's HTTP server (server.ts) as plain JavaScript: `npm start`, the Playwright web servers and the
// benchmarks start it as `node --max-semi-space-size=64 scripts/serve.mjs` (scripts/serve-command.ts).
//
// The flag: a render leaves a lot of short-lived garbage, and a young generation four times Node's default
// collects it less often (garbage collection 8.3 % → 5.7 % of the app's CPU in `npm run bench:mix`'s mix,
// BENCH_CPU_PROF; the young generation may then take up to ~150 MB more memory per process).
//
// server.ts and the lib/ files it imports are compiled here with esbuild (packages stay imports of
// node_modules) into .next-app-server/, then imported. They used to run under `node --import tsx`, whose
// module hooks stay on for the life of the process: Next.js import()s its cache handler on every request,
// and each of those went through the hooks' thread (about 1 ms of CPU a request, 4 % of a write's and more
// of a cached page's, `npm run bench:mix` with BENCH_CPU_PROF). The file is named by its content, written
// whole and renamed, so servers started at once from the same sources share it safely.
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
if (![...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => a.startsWith("--max-semi-space-size"))) {
  console.warn("[serve] started without --max-semi-space-size=64: garbage collection will cost more (see scripts/serve.mjs)");
}
const {
  outputFiles: [out],
} = buildSync({
  absWorkingDir: root,
  entryPoints: ["server.ts"],
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  write: false,
  outfile: "server.mjs",
  logLevel: "error",
  // The .cjs files among them require() packages: give the ES module a require of its own.
  banner: { js: 'import { createRequire as __gxCreateRequire } from "node:module"; const require = __gxCreateRequire(import.meta.url);' },
});
const dir = join(root, ".next-app-server");
const file = join(dir, `server-${createHash("sha256").update(out.contents).digest("hex").slice(0, 16)}.mjs`);
if (!existsSync(file)) {
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, out.contents);
  renameSync(tmp, file);
  // Compilations unused for an hour go (a server that is running has loaded its own already).
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    try {
      if (/^server-[0-9a-f]+\.mjs$/.test(f) && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { force: true });
    } catch {} // gone already (another server's cleanup)
  }
} else utimesSync(file, new Date(), new Date()); // in use: its age counts from now
await import(pathToFileURL(file).href);
