import { createHash } from "node:crypto";
import { errors, type Requester, type UpstashRequest, type UpstashResponse } from "@upstash/redis";
import { createClient, ErrorReply } from "redis";
import { createClusterClient } from "./cluster.cjs";

// Upstash's `Redis` client speaks HTTP to Upstash. This Requester lets the very same client speak plain
// RESP over TCP (node-redis) to any self-hosted Redis, which is the local default, or to a Redis Cluster
// (node-redis's cluster client, each command sent to the shard of its first key). RESP2 is required:
// its replies have the shapes Upstash's REST API returns (RESP3 changes HGETALL, ZRANGE WITHSCORES…).

type Reply = unknown;
type Command = (string | number | boolean)[];

export type TcpRequester = Requester & {
  close(): Promise<void>;
  isReady(): boolean;
  pending(): number;
  /** See `replicated` below. */
  replicated(budgetMs: number): Promise<boolean>;
  /** See `shards` below. */
  shards(): Promise<Shard[] | null>;
};

/** A cluster shard as its primary reports it: replicas connected, and how far the furthest-ahead one lags. */
export type Shard = { primary: string; reachable: boolean; replicas: number; replicaBehindBytes: number | null };

function replicationOf(info: string) {
  return {
    offset: Number(/master_repl_offset:(\d+)/.exec(info)?.[1] ?? 0),
    acked: [...info.matchAll(/slave\d+:[^\r\n]*offset=(\d+)/g)].map((m) => Number(m[1])),
  };
}

export type TcpRequesterOptions = {
  connectTimeoutMs?: number;
  /** Every request answers within this or fails (a silent server keeps the socket open and says nothing). */
  timeoutMs?: number;
  /** Requests still waiting on the server beyond this fail at once instead of queueing without bound. */
  maxPending?: number;
};

/** The first key of a command, which names its shard on a cluster (undefined: any shard will do). */
function firstKey(cmd: string[]): string | undefined {
  const name = cmd[0]?.toLowerCase();
  if (name === "eval" || name === "evalsha" || name === "eval_ro" || name === "evalsha_ro" || name === "fcall" || name === "fcall_ro")
    return Number(cmd[2]) > 0 ? cmd[3] : undefined;
  // SCAN … MATCH with a hash tag ("rl:{id}*"): the keys it can match are all in that tag's slot.
  if (name === "scan") {
    const match = cmd.findIndex((a, i) => i > 1 && a.toLowerCase() === "match");
    return match > 0 && /\{[^}]+\}/.test(cmd[match + 1] ?? "") ? cmd[match + 1] : undefined;
  }
  if (KEYLESS.has(name)) return undefined;
  return cmd[1];
}
const KEYLESS = new Set(["ping", "echo", "info", "time", "script", "flushall", "flushdb", "dbsize", "keys", "cluster", "wait", "randomkey", "config"]);

export class RedisTimeout extends Error {
  readonly code = "ETIMEDOUT";
}

type Conn = {
  isReady: boolean;
  isOpen: boolean;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  /** Closes at once, failing whatever is pending. */
  destroy(): void;
  /** `route`: the key whose shard gets the command (default: its own first key). */
  send(cmd: string[], route?: string): Promise<Reply>;
  multi(cmds: string[][]): Promise<Reply[]>;
  on(event: "error", f: (err: Error) => void): void;
  /** Each primary's address and INFO replication (a cluster's every shard; a single Redis: none). */
  primaries(): { address: string; replication: Promise<string> }[];
};

/** `url`: one Redis; an array: some nodes of a Redis Cluster, from which it finds the rest. */
function connection(target: string | string[], connectTimeoutMs: number): Conn {
  // Fail fast while disconnected instead of queueing: callers fall back to the database.
  const defaults = {
    RESP: 2 as const,
    disableOfflineQueue: true,
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000) },
  };
  if (typeof target === "string") {
    const c = createClient({ url: target, ...defaults });
    return {
      get isReady() { return c.isReady; },
      get isOpen() { return c.isOpen; },
      connect: () => c.connect(),
      close: () => c.close(),
      destroy: () => c.destroy(),
      send: (cmd) => c.sendCommand(cmd),
      multi: (cmds) => {
        const m = c.multi();
        for (const cmd of cmds) m.addCommand(cmd);
        return m.exec() as Promise<Reply[]>;
      },
      on: (e, f) => void c.on(e, f),
      primaries: () => [],
    };
  }
  const c = createClusterClient(target, defaults);
  return {
    get isReady() { return c.isReady; },
    get isOpen() { return c.isOpen; },
    connect: () => c.connect(),
    close: () => c.close(),
    destroy: () => c.destroy(),
    send: (cmd, route) => c.sendCommand(route ?? firstKey(cmd), false, cmd),
    multi: (cmds) => {
      const m = c.multi(cmds[0] && firstKey(cmds[0]));
      for (const cmd of cmds) m.addCommand(firstKey(cmd), false, cmd);
      return m.exec() as Promise<Reply[]>;
    },
    on: (e, f) => void c.on(e, f),
    primaries: () =>
      c.masters.map((m) => ({ address: m.address, replication: c.nodeClient(m).then(async (n) => String(await n.sendCommand(["INFO", "replication"]))) })),
  };
}

export function createTcpRequester(target: string | string[], opts: TcpRequesterOptions = {}): TcpRequester {
  const timeoutMs = opts.timeoutMs ?? 250;
  const maxPending = opts.maxPending ?? 500;
  // Commands sent and not yet answered, timed out ones included: they still sit in node-redis's queue
  // until the server answers or the socket closes.
  let pending = 0;
  const client = connection(target, opts.connectTimeoutMs ?? 1_000);
  const label = (Array.isArray(target) ? target.join(",") : target).replace(/\/\/[^@]*@/g, "//***@");
  let lastLogged = 0;
  client.on("error", (err: Error) => {
    // node-redis emits on every failed reconnect; one line per 10 s is enough.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      console.warn(`[cache] redis ${label}: ${err.message}`);
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

  /**
   * Whether every write this client has made so far is on a replica of its shard (or its shard has no
   * replica connected, so no failover can lose it; a restart without its data is caught by the epochs,
   * lib/cache/epoch.ts). Each primary's replication offset read now covers the writes it has answered;
   * replicas acknowledge their offsets once a second, so this polls for up to `budgetMs`. Always true for
   * a single Redis, which has no failover. Off every command's path (lib/write/outbox.ts), so it may wait.
   */
  async function replicated(budgetMs: number): Promise<boolean> {
    if (!Array.isArray(target)) return true;
    const until = Date.now() + budgetMs;
    await firstConnection();
    const read = async () => (await Promise.all(client.primaries().map((p) => bounded(() => p.replication)))).map(replicationOf);
    try {
      const targets = (await read()).map((r) => r.offset);
      if (!targets.length) return false; // no shard known yet: nothing is proven
      for (;;) {
        const now = await read();
        if (now.length === targets.length && now.every((r, i) => r.acked.length === 0 || Math.max(...r.acked) >= targets[i])) return true;
        if (Date.now() >= until) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch {
      return false;
    }
  }

  /** A cluster's shards for /api/health (null for a single Redis), each primary asked within the deadline. */
  async function shards(): Promise<Shard[] | null> {
    if (!Array.isArray(target)) return null;
    await firstConnection();
    return Promise.all(
      client.primaries().map(async (p) => {
        try {
          const r = replicationOf(await bounded(() => p.replication));
          return { primary: p.address, reachable: true, replicas: r.acked.length, replicaBehindBytes: r.acked.length ? r.offset - Math.max(...r.acked) : null };
        } catch {
          return { primary: p.address, reachable: false, replicas: 0, replicaBehindBytes: null };
        }
      }),
    );
  }

  async function one(cmd: Command): Promise<UpstashResponse<Reply>> {
    try {
      return { result: normalize(await bounded(() => client.send(args(cmd)))) };
    } catch (e) {
      if (isServerError(e)) return { error: errorText(e) };
      throw e; // transport failure: let the caller see it (the cache layer falls back)
    }
  }

  async function firstConnection() {
    if (!firstSettled && !client.isReady) await Promise.race([connecting, new Promise((r) => setTimeout(r, connectTimeoutMs))]);
  }

  async function request<T>(req: UpstashRequest): Promise<UpstashResponse<T>> {
    await firstConnection();
    const path = req.path ?? [];
    if (path.length === 0) return (await one(req.body as Command)) as UpstashResponse<T>;
    if (path[0] === "pipeline") {
      // Commands sent in the same tick share one round trip (node-redis pipelines them).
      return (await Promise.all((req.body as Command[]).map(one))) as unknown as UpstashResponse<T>;
    }
    if (path[0] === "multi-exec") {
      try {
        const replies = await bounded(() => client.multi((req.body as Command[]).map(args)));
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
    replicated,
    shards,
    close: async () => {
      // Graceful (pending commands answered first), but a silent Redis answers none: after one command's
      // budget the connection is simply dropped.
      const graceful = (async () => {
        await connecting;
        if (client.isOpen) await client.close();
      })().catch(() => {});
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([graceful, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
      if (client.isOpen) client.destroy();
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
