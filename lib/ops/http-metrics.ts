import { readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, relative } from "node:path";
import { metrics, routeTemplate } from "./metrics";

// HTTP metrics, observed where every request passes: the app's own server (server.ts), before Next.js
// sees the request, so refusals by server.ts itself and static files count too. The route label is the
// route's template (/api/listings/{id}), taken from the app/ tree, so ids never become label values.

/** Every page and route handler under app/, as templates: dynamic segments {id}, a catch-all *. */
export function knownRoutes(root: string): Set<string> {
  const out = new Set<string>(["/"]);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^(page\.tsx|route\.ts)$/.test(name)) {
        const segs = relative(join(root, "app"), dir)
          .split("/")
          .filter((s) => s && !/^\(.*\)$/.test(s))
          .map((s) => (s.startsWith("[...") ? "*" : s.startsWith("[") ? "{id}" : s));
        out.add("/" + segs.join("/"));
      }
    }
  };
  walk(join(root, "app"));
  return out;
}

export function observeRequests(known: Set<string>) {
  const m = metrics();
  return (req: IncomingMessage, res: ServerResponse) => {
    const start = process.hrtime.bigint();
    res.once("finish", () => {
      let pathname = "/";
      try {
        pathname = new URL(req.url ?? "/", "http://x").pathname;
      } catch {
        pathname = "/malformed";
      }
      const labels = { method: req.method ?? "OTHER", route: routeTemplate(pathname, known), status: String(res.statusCode) };
      m.httpRequests.inc(labels);
      m.httpDuration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
  };
}
