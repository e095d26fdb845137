// npm's postinstall: one change to the installed Next.js, applied to its server runtimes in place.
//
// IncrementalCache.set measures every entry it stores with JSON.stringify(entry).length, for a 2 MB limit
// that applies to fetch entries only (the result is used under `ctx.fetchCache &&` and nowhere else). For
// a rendered page, that stringify turns the page's React payload (a Buffer) into an array of numbers, one
// per byte: 3–4 % of the CPU of `npm run bench:mix`'s mix, plus the garbage it leaves (BENCH_CPU_PROF).
// Here the measurement is made only when it is used; nothing else changes. Idempotent; a Next.js in which
// the code is not found is left as it is (tests/cache/next-patch.test.ts then says so).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..", "node_modules", "next", "dist");
const rules = [
  // minified runtimes (next/dist/compiled/next-server/*.js)
  [/let (\w+)=JSON\.stringify\((\w+)\)\.length;if\((\w+)\.fetchCache&&\1>2097152/g, "let $1=$3.fetchCache?JSON.stringify($2).length:0;if($3.fetchCache&&$1>2097152"],
  // the readable sources (next/dist/server, next/dist/esm/server)
  [/const itemSize = JSON\.stringify\(data\)\.length;(\s+)if \(ctx\.fetchCache && itemSize > 2 \* 1024 \* 1024/g, "const itemSize = ctx.fetchCache ? JSON.stringify(data).length : 0;$1if (ctx.fetchCache && itemSize > 2 * 1024 * 1024"],
];

let patched = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".js")) {
      const text = readFileSync(p, "utf8");
      if (!text.includes("fetchCache")) continue;
      const out = rules.reduce((t, [re, to]) => t.replace(re, to), text);
      if (out !== text) {
        writeFileSync(p, out);
        patched++;
      }
    }
  }
};
try {
  walk(root);
  if (patched) console.log(`[patch-next] IncrementalCache.set: entry size measured only for fetch entries (${patched} files)`);
} catch (e) {
  console.warn(`[patch-next] not applied: ${e.message}`); // an install without Next.js, or read-only
}
