// The app's HTTP server: Next.js's production server (its documented custom-server API) behind a few lines
// that only a server sitting on the socket can do right:
//  - the client's address comes from the TCP connection (or, with TRUST_PROXY_HEADERS, from the part of
//    X-Forwarded-For that trusted proxies added) and reaches the app in a header no client can set
//    (lib/http/client-address.ts); forwarding headers from anyone but a trusted proxy are dropped;
//  - bodies of unknown length, or larger than the route takes, and malformed request targets are refused
//    before anything reads them (lib/http/early-refusals.ts);
//  - every request is counted and timed by route template and status (lib/ops/http-metrics.ts);
//  - SIGTERM/SIGINT leave a load balancer's pool (DRAIN_GRACE_MS), stop accepting, let running requests
//    finish, then close Next.js (as `next start` does).
// `npm start`, the Playwright web servers and the benchmarks run it, compiled: node scripts/serve.mjs
import nextEnv from "@next/env";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { config } from "./lib/config";
import { addressOf, CLIENT_ADDRESS_HEADER, compileTrust, FORWARDING_HEADERS, markEdgeServer } from "./lib/http/client-address";
import { actionContext } from "./lib/http/action-context";
import { startDraining } from "./lib/http/drain";
import { cleanForwardingHeaders, earlyRefusal, isApiPath, refusalResponse } from "./lib/http/early-refusals";
import { knownRoutes, observeRequests } from "./lib/ops/http-metrics";

(process.env as Record<string, string>).NODE_ENV = "production";
const dir = process.cwd();
nextEnv.loadEnvConfig(dir, false, { info: () => {}, error: console.error });
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined; // default: every interface, like `next start`
const cfg = config(); // validates the whole environment now, not at the first request
const trust = compileTrust({ enabled: cfg.TRUST_PROXY_HEADERS, proxies: cfg.TRUSTED_PROXIES });

const { default: next } = await import("next");
// Next.js's own hostname is "localhost" whatever the listen address: it builds the URL a proxy.ts rewrite is
// compared with from it and the port, and a rewrite that looks like another origin is proxied instead of
// served (with HOSTNAME=127.0.0.1, /products?… → /browse/… answered 404 behind HAProxy).
const app = next({ dev: false, dir, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
markEdgeServer();

function prepare(req: IncomingMessage, res: ServerResponse): boolean {
  const { address, viaTrustedProxy } = addressOf(req, trust);
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (!viaTrustedProxy) for (const h of FORWARDING_HEADERS) delete req.headers[h];
  else cleanForwardingHeaders(req.headers);
  const forwardedHost = req.headers["x-forwarded-host"];
  const host = (typeof forwardedHost === "string" ? forwardedHost : undefined) ?? req.headers.host;
  const refusal = earlyRefusal(req, host);
  if (refusal) {
    const { headers, body } = refusalResponse(req.url ?? "/", refusal);
    res.writeHead(refusal.status, headers).end(body);
    return false;
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  return true;
}

/** A form post to a page (a server action): a 500 before the action ran is a body Next.js could not decode. */
function guardActionStatus(res: ServerResponse, ctx: { actionRan: boolean }) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 500 && !ctx.actionRan) {
      status = 400;
      this.statusCode = 400;
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
}

const observe = observeRequests(knownRoutes(dir));

const server = createServer((req, res) => {
  observe(req, res);
  if (!prepare(req, res)) return;
  const run = () =>
    handle(req, res).catch((e: unknown) => {
      console.error("[server] unhandled error:", e instanceof Error ? e.message : e);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end();
    });
  if (req.method !== "POST" || isApiPath(req.url ?? "")) return void run();
  const ctx = { actionRan: false };
  guardActionStatus(res, ctx);
  void actionContext().run(ctx, run);
});
server.on("clientError", (_err, socket) => {
  // Unparseable HTTP (bad header, bad Content-Length…): a plain 400, never a crash or a hang.
  if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  else socket.destroy();
});
server.listen(port, hostname, () => {
  console.log(`[server] ready on http://${hostname ?? "localhost"}:${port} (client address: ${cfg.TRUST_PROXY_HEADERS ? `X-Forwarded-For via ${cfg.TRUSTED_PROXIES.join(", ")}` : "TCP peer"})`);
});

let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  // Behind a load balancer: first fail its health check while still serving (it stops sending us new
  // requests), then stop accepting and let the running requests finish.
  startDraining();
  if (cfg.DRAIN_GRACE_MS > 0) console.log(`[server] ${signal}: leaving the load balancer's pool (${cfg.DRAIN_GRACE_MS} ms)`);
  setTimeout(() => close(signal), cfg.DRAIN_GRACE_MS);
}
function close(signal: NodeJS.Signals) {
  console.log(`[server] ${signal}: finishing running requests`);
  // A request still running after 10 s is cut off (a stuck client must not hold a deploy).
  const force = setTimeout(() => server.closeAllConnections(), 10_000);
  force.unref();
  server.close(() => {
    app
      .close()
      .catch((e: unknown) => console.error("[server] closing Next.js:", e))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
