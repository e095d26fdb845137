// Runs the app's HTTP server (server.ts) as plain JavaScript: `npm start`, the Playwright web servers and the
// benchmarks start it as `node scripts/serve.mjs`.
//
// server.ts and the lib/ files it imports are compiled here with esbuild (packages stay imports of
// node_modules) into .next-app-server/, then imported. They used to run under `node --import tsx`, whose
// module hooks stay on for the life of the process: Next.js import()s its cache handler on every request,
// and each of those went through the hooks' thread (about 1 ms of CPU a request, 4 % of a write's and more
// of a cached page's, `npm run bench:mix` with BENCH_CPU_PROF). The file is named by its content, written
// whole and renamed, so servers started at once from the same sources share it safely.
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
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
}
await import(pathToFileURL(file).href);
