import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The read/write split is structural: nothing on the read path can reach the primary's client.
// This walks the real import graph from every query module (and every page and GET route) and fails
// if db/primary.ts is reachable. (The database accounts enforce the same rule at run time:
// tests/db/replication.test.ts.)

const ROOT = resolve(__dirname, "..");
const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(ROOT, p)).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = resolve(ROOT, dirname(from), spec);
  else return null;
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    try {
      if (statSync(cand).isFile()) return relative(ROOT, cand);
    } catch {}
  }
  return null;
}

// A "use server" module is a server action: the write path's adapter. A page (or the client component
// that holds the form) only receives a reference to it; its code runs in its own POST request, never while
// the page is read. So the walk stops there, the way it stops at `import type`.
const isServerAction = (src: string) => /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(src);

function importsOf(file: string): string[] {
  const src = readFileSync(join(ROOT, file), "utf8");
  if (isServerAction(src)) return [];
  const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
  // `import type` never reaches run time.
  const typeOnly = new Set([...src.matchAll(/import\s+type\s[^'"]*?from\s+["']([^"']+)["']/g)].map((m) => m[1]));
  return specs.filter((s) => !typeOnly.has(s)).map((s) => resolveImport(file, s)).filter((x): x is string => !!x);
}

function reaches(start: string, target: string): string[] | null {
  const seen = new Set<string>();
  const stack: string[][] = [[start]];
  while (stack.length) {
    const path = stack.pop()!;
    const f = path.at(-1)!;
    if (f === target) return path;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const next of importsOf(f)) stack.push([...path, next]);
  }
  return null;
}

const readSide = [
  ...files("lib").filter((f) => /(^|\/)queries(\/|\.ts$)|\/read\/|\/cache\//.test(f)),
  ...files("app").filter((f) => /page\.tsx$|layout\.tsx$/.test(f)),
];

describe("architecture", () => {
  it("finds the read side to check", () => {
    expect(readSide.length).toBeGreaterThan(5);
    expect(readSide).toContain("lib/catalog/queries.ts");
  });

  it.each(readSide)("%s cannot reach db/primary.ts", (file) => {
    const path = reaches(file, "db/primary.ts");
    expect(path, path ? `read path reaches the primary: ${path.join(" → ")}` : "").toBeNull();
  });
});

// Links have one owner: components/ui/intent-link.tsx renders them as plain anchors and
// components/ui/soft-navigation.tsx (one set of document listeners) navigates and prefetches on intent. A
// next/link is a client component per link: a hundred of them on a catalog page were most of a phone's
// blocking time, and each prefetched its page whenever it was on screen.
describe("links", () => {
  const tsx = [...files("app"), ...files("components")].filter((f) => f.endsWith(".tsx"));
  it.each(tsx)("%s does not import next/link", (file) => {
    const src = readFileSync(join(ROOT, file), "utf8");
    expect(/from\s+["']next\/link["']/.test(src), "use IntentLink (components/ui/intent-link.tsx)").toBe(false);
  });
});
