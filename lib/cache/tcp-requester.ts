import { createHash } from "node:crypto";
import { errors, type Requester, type UpstashRequest, type UpstashResponse } from "@upstash/redis";
import { createClient, ErrorReply } from "redis";

// Upstash's `Redis` client speaks HTTP to Upstash. This Requester lets the very same client speak plain
// RESP over TCP (node-redis) to any self-hosted Redis, which is the local default. RESP2 is required:
// its replies have the shapes Upstash's REST API returns (RESP3 changes HGETALL, ZRANGE WITHSCORES…).

type Reply = unknown;
type Command = (string | number | boolean)[];

export type TcpRequester = Requester & { close(): Promise<void>; isReady(): boolean; pending(): number };

export type TcpRequesterOptions = {
  connectTimeoutMs?: number;
  /** Every request answers within this or fails (a silent server keeps the socket open and says nothing). */
  timeoutMs?: number;
  /** Requests still waiting on the server beyond this fail at once instead of queueing without bound. */
  maxPending?: number;
};

export class RedisTimeout extends Error {
  readonly code = "ETIMEDOUT";
}

export function createTcpRequester(url: string, opts: TcpRequesterOptions = {}): TcpRequester {
  const timeoutMs = opts.timeoutMs ?? 250;
  const maxPending = opts.maxPending ?? 500;
  // Commands sent and not yet answered, timed out ones included: they still sit in node-redis's queue
  // until the server answers or the socket closes.
  let pending = 0;
  const client = createClient({
    url,
    RESP: 2,
    // Fail fast while disconnected instead of queueing: callers fall back to the database.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: opts.connectTimeoutMs ?? 1_000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000),
    },
  });
  let lastLogged = 0;
  client.on("error", (err: Error) => {
    // node-redis emits on every failed reconnect; one line per 10 s is enough.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      console.warn(`[cache] redis ${url.replace(/\/\/[^@]*@/, "//***@")}: ${err.message}`);
    }
  });
  // The first connection is waited for (briefly); after that, an outage fails commands at once.
  let firstSettled = false;
  const connecting = client.connect().then(
    () => void (firstSettled = true),
    () => void (firstSettled = true),
  );
  const connectTimeoutMs = opts.connectTimeoutMs ?? 1_000;

  const args = (cmd: Command) => compatibleScripts(cmd.map((a) => (typeof a === "string" ? a : String(a))));
  const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

  function bounded<T>(work: () => Promise<T>): Promise<T> {
    if (pending >= maxPending) return Promise.reject(new RedisTimeout(`redis: ${pending} commands already waiting`));
    pending++;
    const p = work();
    p.then(
      () => pending--,
      () => pending--,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      // setImmediate: an answer that arrived in the same event-loop turn as the timer wins (db/deadline.ts).
      timer = setTimeout(() => setImmediate(() => reject(new RedisTimeout(`redis: no answer within ${timeoutMs} ms`))), timeoutMs);
    });
    return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
  }

  async function one(cmd: Command): Promise<UpstashResponse<Reply>> {
    try {
      return { result: normalize(await bounded(() => client.sendCommand(args(cmd)))) };
    } catch (e) {
      if (isServerError(e)) return { error: errorText(e) };
      throw e; // transport failure: let the caller see it (the cache layer falls back)
    }
  }

  async function request<T>(req: UpstashRequest): Promise<UpstashResponse<T>> {
    if (!firstSettled && !client.isReady) await Promise.race([connecting, new Promise((r) => setTimeout(r, connectTimeoutMs))]);
    const path = req.path ?? [];
    if (path.length === 0) return (await one(req.body as Command)) as UpstashResponse<T>;
    if (path[0] === "pipeline") {
      // Commands sent in the same tick share one round trip (node-redis pipelines them).
      return (await Promise.all((req.body as Command[]).map(one))) as unknown as UpstashResponse<T>;
    }
    if (path[0] === "multi-exec") {
      const multi = client.multi();
      for (const cmd of req.body as Command[]) multi.addCommand(args(cmd));
      try {
        const replies = await bounded(() => multi.exec());
        return replies.map((r) => ({ result: normalize(r) })) as unknown as UpstashResponse<T>;
      } catch (e) {
        const replies = (e as { replies?: unknown[] }).replies;
        // Discarded at queue time (EXECABORT: unknown command, wrong arity…): the REST API answers 400 and
        // the HTTP client throws an UpstashError; do the same instead of leaking node-redis's error class.
        if (!Array.isArray(replies)) throw isServerError(e) ? new errors.UpstashError(errorText(e)) : e;
        return replies.map((r) =>
          r instanceof Error ? { error: r.message } : { result: normalize(r) },
        ) as unknown as UpstashResponse<T>;
      }
    }
    throw new Error(`tcp requester: unsupported path /${path.join("/")}`);
  }

  return {
    request,
    isReady: () => client.isReady,
    pending: () => pending,
    close: async () => {
      await connecting;
      if (client.isOpen) await client.close();
    },
  };
}

// @upstash/ratelimit 2.x marks its Lua scripts `#!lua flags=allow-key-locking`, a flag that Upstash and
// recent Redis understand and Redis 7.0–7.2 rejects ("Unexpected flag in script shebang"). The flag only
// allows a server optimisation, so for self-hosted Redis the script is sent without it, and EVALSHA of the
// original script's SHA is mapped to the SHA of the script the server actually has.
const UNSUPPORTED_FLAGS = new Set(["allow-key-locking"]);
const shaOfOriginal = new Map<string, string>();
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

function compatibleScripts(cmd: string[]): string[] {
  const name = cmd[0]?.toLowerCase();
  if ((name === "eval" || name === "eval_ro") && cmd[1]?.startsWith("#!")) {
    const fixed = cmd[1].replace(/^#!lua flags=([^\n]*)/, (_, flags: string) => {
      const kept = flags.split(",").map((f) => f.trim()).filter((f) => f && !UNSUPPORTED_FLAGS.has(f));
      return kept.length ? `#!lua flags=${kept.join(",")}` : "#!lua";
    });
    if (fixed !== cmd[1]) {
      shaOfOriginal.set(sha1(cmd[1]), sha1(fixed));
      return [cmd[0], fixed, ...cmd.slice(2)];
    }
  }
  if ((name === "evalsha" || name === "evalsha_ro") && shaOfOriginal.has(cmd[1])) return [cmd[0], shaOfOriginal.get(cmd[1])!, ...cmd.slice(2)];
  return cmd;
}

// A reply that came from the Redis server itself (wrong type, syntax…), as opposed to a broken connection.
function isServerError(e: unknown) {
  return e instanceof ErrorReply;
}

function normalize(r: Reply): Reply {
  if (Buffer.isBuffer(r)) return r.toString("utf8");
  if (Array.isArray(r)) return r.map(normalize);
  return r;
}
