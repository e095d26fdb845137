import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// scripts/patch-next.mjs (npm's postinstall): Next.js's IncrementalCache.set measures an entry with
// JSON.stringify only for fetch entries, the only ones its size limit applies to. If a Next.js upgrade
// changes that code, this test says so: check whether the upgrade still stringifies every rendered page
// (then adapt the script's patterns) or no longer does (then drop the script).
const dir = "node_modules/next/dist/compiled/next-server";
const prodRuntimes = readdirSync(dir).filter((f) => /^app-(page|route).*\.runtime\.prod\.js$/.test(f));

describe("the installed Next.js (scripts/patch-next.mjs)", () => {
  it("measures a cache entry's size only when the entry is a fetch entry", () => {
    expect(prodRuntimes).toContain("app-page-turbo.runtime.prod.js"); // the runtime a Turbopack build serves with
    for (const f of prodRuntimes) {
      const text = readFileSync(join(dir, f), "utf8");
      expect(text, f).not.toMatch(/let \w+=JSON\.stringify\(\w+\)\.length;if\(\w+\.fetchCache/);
      expect(text, f).toMatch(/let (\w+)=(\w+)\.fetchCache\?JSON\.stringify\(\w+\)\.length:0;if\(\2\.fetchCache&&\1>2097152/);
    }
  });
});
