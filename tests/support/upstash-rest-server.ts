import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, ErrorReply, MultiErrorReply } from "redis";

// TEST TOOLING ONLY: a local stand-in for Upstash's hosted REST API, so that tests can drive the app's
// `@upstash/redis` client over its "rest" transport without an Upstash account. It is NOT a production
// server and not a reimplementation of Upstash: it forwards commands to a real redis-server (node-redis,
// RESP2) and implements only the subset of the protocol that `@upstash/redis`'s HttpClient uses:
// - POST /             body ["set","k","v"]        → 200 {"result": …} | 400 {"error": "ERR …"}
// - POST /pipeline     body [["…"],["…"]]          → 200 [{"result": …} | {"error": …}, …] (not atomic)
// - POST /multi-exec   same body, in MULTI/EXEC   → 200 [{"result": …} | {"error": …}, …] | 400 {"error"}
// - `Authorization: Bearer <token>` is required (401 {"error":"Unauthorized"}).
// - `Upstash-Encoding: base64`: every string of the result (recursively) is sent as base64 of its UTF-8
//   bytes, except a top-level "OK" status; integers stay JSON numbers and nil is null. ("OK" inside an array
//   is encoded too: the client's decode() special-cases "OK" only for a top-level result.)
// Not implemented: GET-style URL commands, read-your-writes sync tokens, streaming (SSE), ACL tokens, limits.

type Arg = string | number | boolean;
type Json = null | number | string | Json[];

export async function startUpstashRestServer(opts: { redisUrl: string; token: string; port?: number }) {
  const redis = createClient({ url: opts.redisUrl, RESP: 2 });
  redis.on("error", () => {}); // surfaced per request as a 500 instead
  await redis.connect();

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: e instanceof Error ? e.message : String(e) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST") return send(res, 405, { error: "ERR only POST is supported" });
    const path = (req.url ?? "/").split("?")[0].replace(/\/+$/, "") || "/";
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: "ERR failed to parse command: malformed JSON body" });
    }
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const out = (r: unknown) => {
      const v = toJson(r);
      return base64 && v !== "OK" ? encode(v) : v;
    };

    if (path === "/") {
      if (!isCommand(body)) return send(res, 400, { error: "ERR body must be a non-empty JSON array of arguments" });
      const r = await run(body);
      return "error" in r ? send(res, 400, r) : send(res, 200, { result: out(r.result) });
    }
    if (path !== "/pipeline" && path !== "/multi-exec") return send(res, 404, { error: `ERR unknown path ${path}` });
    if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
      return send(res, 400, { error: "ERR body must be a non-empty JSON array of commands" });
    }
    if (path === "/pipeline") {
      const rs = await Promise.all(body.map(run)); // node-redis pipelines commands sent in the same tick
      return send(res, 200, rs.map((r) => ("error" in r ? r : { result: out(r.result) })));
    }
    const multi = redis.multi();
    for (const cmd of body) multi.addCommand(cmd.map(String));
    let replies: unknown[];
    try {
      replies = await multi.exec();
    } catch (e) {
      if (e instanceof MultiErrorReply) replies = e.replies; // EXEC ran; some commands failed
      else if (e instanceof ErrorReply) return send(res, 400, { error: e.message }); // discarded (EXECABORT)
      else throw e;
    }
    return send(res, 200, replies.map((r) => (r instanceof Error ? { error: r.message } : { result: out(r) })));
  }

  async function run(cmd: Arg[]): Promise<{ result: unknown } | { error: string }> {
    try {
      return { result: await redis.sendCommand(cmd.map(String)) };
    } catch (e) {
      if (e instanceof ErrorReply) return { error: e.message };
      throw e; // connection trouble: 500
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: opts.token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.close();
    },
  };
}

const isCommand = (c: unknown): c is Arg[] =>
  Array.isArray(c) && c.length > 0 && c.every((a) => ["string", "number", "boolean"].includes(typeof a));

/** RESP2 reply → JSON value: bulk strings as UTF-8 text, error replies nested in arrays as their message. */
function toJson(r: unknown): Json {
  if (Buffer.isBuffer(r)) return r.toString("utf8");
  if (Array.isArray(r)) return r.map(toJson);
  if (r instanceof Error) return r.message;
  return r === undefined ? null : (r as Json);
}

function encode(v: Json): Json {
  if (typeof v === "string") return Buffer.from(v, "utf8").toString("base64");
  return Array.isArray(v) ? v.map(encode) : v;
}

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}
