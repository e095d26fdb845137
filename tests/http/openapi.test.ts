import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as accounts from "@/lib/accounts/schemas";
import * as admin from "@/lib/admin/schemas";
import * as catalog from "@/lib/catalog/schemas";
import * as coupons from "@/lib/coupons/schemas";
import { openApiDocument } from "@/lib/http/openapi/document";
import { operations } from "@/lib/http/openapi/routes";
import * as market from "@/lib/market/schemas";
import * as orders from "@/lib/orders/schemas";
import * as points from "@/lib/points/schemas";

// The contract and the code cannot drift apart: every route handler under app/api (each route.ts and the
// methods it exports) is described by the OpenAPI document, everything the document describes is served by
// a handler, and the body and query schemas the document shows are the very ones the handlers parse with.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = { file: string; path: string; catchAll: boolean; method: string; src: string };

function handlers(dir = "app/api"): Handler[] {
  const out: Handler[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...handlers(p));
    else if (name === "route.ts") {
      const src = readFileSync(p, "utf8");
      const segments = relative("app", dir).split("/").filter((s) => !/^\(.*\)$/.test(s));
      const catchAll = segments.some((s) => s.startsWith("[..."));
      const path = "/" + segments.map((s) => (s.startsWith("[...") ? "*" : s.replace(/^\[(\w+)\]$/, "{}"))).join("/");
      // Each method's own part of the file (from its export to the next one).
      const parts = src.split(/(?=^export\s+(?:const|async function|function)\s+(?:GET|POST|PUT|PATCH|DELETE)\b)/m);
      for (const m of METHODS) {
        const part = parts.find((x) => new RegExp(`^export\\s+(const|async function|function)\\s+${m}\\b`).test(x));
        if (part) out.push({ file: p, path, catchAll, method: m.toLowerCase(), src: part });
      }
    }
  }
  return out;
}

const shape = (path: string) => path.replace(/\{\w+\}/g, "{}");
const serves = (h: Handler, method: string, path: string) =>
  h.method === method && (h.catchAll ? shape(path).startsWith(h.path.slice(0, -1)) : shape(path) === h.path);

describe("OpenAPI document", () => {
  const all = handlers();

  it("describes every route handler under app/api", () => {
    expect(all.length).toBeGreaterThan(40);
    const missing = all.filter((h) => !operations.some((op) => serves(h, op.method, op.path))).map((h) => `${h.method.toUpperCase()} ${h.path} (${h.file})`);
    expect(missing, "handlers the document does not describe: add them to lib/http/openapi/routes.ts").toEqual([]);
  });

  it("describes nothing that no handler serves", () => {
    const extra = operations.filter((op) => !all.some((h) => serves(h, op.method, op.path))).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(extra, "operations without a route handler").toEqual([]);
  });

  it("shows the schemas the handlers parse their body and query with", () => {
    const named = new Map<string, unknown>(Object.entries({ ...accounts, ...admin, ...catalog, ...coupons, ...market, ...orders, ...points }));
    const problems: string[] = [];
    let checked = 0;
    for (const h of all) {
      const op = operations.find((o) => serves(h, o.method, o.path) && !h.catchAll);
      if (!op) continue;
      for (const [, name, from] of h.src.matchAll(/parseOrThrow\((\w+),\s*(body|queryObject)/g)) {
        const schema = named.get(name);
        if (!schema) continue; // a schema local to the handler would be caught by the test below
        const documented = from === "body" ? op.body : op.query;
        const options = [documented, ...((documented as z.ZodUnion | undefined)?.def?.type === "union" ? (documented as z.ZodUnion).def.options : [])];
        // A schema that transforms what it parsed (z.object(…).transform(…)) is documented by its input.
        const input = (schema as { def?: { type?: string; in?: unknown } }).def?.type === "pipe" ? (schema as { def: { in: unknown } }).def.in : undefined;
        if (!options.includes(schema as never) && !(input && options.includes(input as never))) problems.push(`${h.method.toUpperCase()} ${h.path}: parses ${from} with ${name}, the document shows another schema`);
        checked++;
      }
      if (/^const \w+Schema = /m.test(readFileSync(h.file, "utf8"))) problems.push(`${h.file}: defines a schema of its own; move it to lib/*/schemas.ts and into the route table`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it("is OpenAPI 3.1 whose schemas all compile (JSON Schema 2020-12)", () => {
    const doc = openApiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    expect(doc.openapi).toBe("3.1.0");
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: "doc", components: (doc as { components?: unknown }).components ?? {} });
    let compiled = 0;
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item))
        for (const res of Object.values(op.responses))
          for (const media of Object.values(res.content ?? {})) {
            const json = JSON.stringify(media.schema).replace(/"\$ref":"#\/components\//g, '"$ref":"doc#/components/');
            ajv.compile(JSON.parse(json));
            compiled++;
          }
    expect(compiled).toBeGreaterThan(100);
  });
});
