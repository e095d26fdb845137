import { createHash, randomBytes } from "node:crypto";
import { errors, type Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, type Transport } from "@/lib/cache/redis";
import { redisCluster } from "../support/stack";
import { startUpstashRestServer } from "../support/upstash-rest-server";

// One contract for the app's single Redis client (`@upstash/redis`) over each of its transports:
// "tcp" (lib/cache/tcp-requester.ts → RESP2 → redis-server), "rest" (Upstash's REST protocol →
// tests/support/upstash-rest-server.ts → the same redis-server) and "cluster" (the same requester over
// node-redis's cluster client → the stack's 3-primary Redis Cluster; every key of a case shares one hash
// tag, as the app's keys that travel together do). Every case asserts the exact expected value, and each
// value is also recorded, so the last test checks that all transports observed identical results.

const transports: Transport[] = ["tcp", "rest", "cluster"];
const observed: Record<Transport, Map<string, unknown>> = { tcp: new Map(), rest: new Map(), cluster: new Map() };

const COFFEE = "스타벅스 아메리카노 ☕️";

/**
 * The Redis error text of a rejection. Over REST the client decorates it: its HttpClient appends
 * ", command was: …" to a 400 answer, and its auto-pipelining (on by default for `new Redis({url, token})`,
 * off for a custom Requester) prefixes a single command's error with "Command failed: ".
 */
const serverMessage = (e: unknown) =>
  String((e as Error).message)
    .replace(/^Command failed: /, "")
    .split(", command was:")[0];

describe.each(transports)("cache contract over %s", (transport) => {
  const id = `contract:${transport}:${randomBytes(6).toString("hex")}`;
  const prefix = transport === "cluster" ? `{${id}}:` : `${id}:`;
  const k = (name: string) => prefix + name;
  let redis: Redis;
  let closeClient: () => Promise<void>;
  let closeServer = async () => {};

  /** Records a result under `name` for the cross-transport comparison, and returns it. */
  const seen = <T>(name: string, value: T): T => {
    observed[transport].set(name, value);
    return value;
  };

  beforeAll(async () => {
    const tcpUrl = process.env.REDIS_URL!;
    expect(tcpUrl).toMatch(/^redis:\/\//);
    if (transport === "cluster") {
      ({ redis, close: closeClient } = createRedis({ clusterNodes: redisCluster().urls }));
    } else if (transport === "rest") {
      const server = await startUpstashRestServer({ redisUrl: tcpUrl, token: randomBytes(16).toString("hex") });
      closeServer = server.close;
      ({ redis, close: closeClient } = createRedis({ restUrl: server.url, restToken: server.token }));
    } else {
      ({ redis, close: closeClient } = createRedis({ tcpUrl }));
    }
  });

  afterAll(async () => {
    try {
      const keys = await keysWithPrefix();
      if (keys.length) await redis.del(...keys);
      expect(await keysWithPrefix()).toEqual([]);
    } finally {
      await closeClient?.();
      await closeServer();
    }
  });

  async function keysWithPrefix() {
    const keys: string[] = [];
    let cursor: string | number = "0";
    do {
      const [next, batch]: [string | number, string[]] = await redis.scan(cursor, { match: `${prefix}*`, count: 500 });
      keys.push(...batch);
      cursor = next;
    } while (String(cursor) !== "0");
    return keys;
  }

  it("answers the very first command of a freshly created client", async () => {
    // No warm-up before this: the client was created in beforeAll and has not been used yet.
    expect(seen("first", await redis.set(k("first"), "1"))).toBe("OK");
    expect(await redis.get(k("first"))).toBe(1);
  });

  it("sets and gets strings, numbers and JSON objects with the same (de)serialization", async () => {
    const obj = { id: 7, name: COFFEE, price: 4500, tags: ["coffee", "기프티콘"], nested: { ok: true, none: null } };
    expect(await redis.set(k("str"), "hello world")).toBe("OK");
    expect(await redis.set(k("int"), 42)).toBe("OK");
    expect(await redis.set(k("float"), 3.25)).toBe("OK");
    expect(await redis.set(k("numstr"), "007")).toBe("OK");
    expect(await redis.set(k("bigint"), "12345678901234567890")).toBe("OK");
    expect(await redis.set(k("obj"), obj)).toBe("OK");
    expect(await redis.set(k("arr"), [1, "two", { three: 3 }])).toBe("OK");

    const got = seen("values", {
      str: await redis.get(k("str")),
      int: await redis.get(k("int")),
      float: await redis.get(k("float")),
      numstr: await redis.get(k("numstr")),
      bigint: await redis.get(k("bigint")),
      obj: await redis.get(k("obj")),
      arr: await redis.get(k("arr")),
    });
    expect(got).toEqual({
      str: "hello world",
      int: 42,
      float: 3.25,
      numstr: "007", // not valid JSON: stays a string
      bigint: "12345678901234567890", // would lose precision as a number: stays a string
      obj,
      arr: [1, "two", { three: 3 }],
    });
    // What is stored is the serialized JSON text, the same whichever transport wrote it.
    expect(seen("stored obj bytes", await redis.strlen(k("obj")))).toBe(Buffer.byteLength(JSON.stringify(obj)));
    expect(await redis.mget(k("int"), k("str"), k("missing"))).toEqual([42, "hello world", null]);
  });

  it("returns null for missing keys and fields", async () => {
    const got = seen("missing", {
      get: await redis.get(k("nope")),
      hget: await redis.hget(k("nope"), "f"),
      hgetall: await redis.hgetall(k("nope")),
      lrange: await redis.lrange(k("nope"), 0, -1),
      zscore: await redis.zscore(k("nope"), "m"),
      ttl: await redis.pttl(k("nope")),
    });
    expect(got).toEqual({ get: null, hget: null, hgetall: null, lrange: [], zscore: null, ttl: -2 });
  });

  it("round-trips Korean and emoji UTF-8 text in keys, values, fields and members", async () => {
    const key = k("한글-키-🎁");
    expect(await redis.set(key, COFFEE)).toBe("OK");
    expect(await redis.get(key)).toBe(COFFEE);
    expect(await redis.strlen(key)).toBe(Buffer.byteLength(COFFEE, "utf8"));
    expect(await redis.exists(key)).toBe(1);

    await redis.hset(k("h-utf8"), { "브랜드": "스타벅스", "🎁": "☕️" });
    expect(await redis.hgetall(k("h-utf8"))).toEqual({ "브랜드": "스타벅스", "🎁": "☕️" });
    await redis.zadd(k("z-utf8"), { score: 1, member: "아메리카노" }, { score: 2, member: "라떼 🥛" });
    expect(await redis.zrange(k("z-utf8"), 0, -1)).toEqual(["아메리카노", "라떼 🥛"]);
    expect(seen("utf8 eval", await redis.eval("return ARGV[1] .. '!'", [], [COFFEE]))).toBe(`${COFFEE}!`);
  });

  it("increments counters", async () => {
    const got = seen("incr", [
      await redis.incr(k("n")),
      await redis.incr(k("n")),
      await redis.incrby(k("n"), 10),
      await redis.decrby(k("n"), 3),
      await redis.decr(k("n")),
      await redis.incrbyfloat(k("f"), 1.5),
      await redis.get(k("n")),
    ]);
    expect(got).toEqual([1, 2, 12, 9, 8, 1.5, 8]);
  });

  it("expires keys and reports pttl", async () => {
    await redis.set(k("ttl"), "v");
    expect(await redis.pttl(k("ttl"))).toBe(-1);
    expect(await redis.expire(k("ttl"), 60)).toBe(1);
    const pttl = await redis.pttl(k("ttl"));
    expect(pttl).toBeGreaterThan(55_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await redis.ttl(k("ttl"))).toBeGreaterThan(55);
    expect(await redis.expire(k("absent"), 60)).toBe(0);

    await redis.set(k("short"), "v", { px: 150 });
    expect(await redis.get(k("short"))).toBe("v");
    await new Promise((r) => setTimeout(r, 300));
    expect(await redis.get(k("short"))).toBeNull();
  });

  it("deletes keys and counts existing ones", async () => {
    await redis.set(k("d1"), 1);
    await redis.set(k("d2"), 2);
    const got = seen("del", [
      await redis.exists(k("d1"), k("d2"), k("d3")),
      await redis.del(k("d1"), k("d3")),
      await redis.exists(k("d1"), k("d2")),
      await redis.del(k("d1")),
    ]);
    expect(got).toEqual([2, 1, 1, 0]);
  });

  it("stores hashes and returns hgetall as an object", async () => {
    const h = k("hash");
    expect(await redis.hset(h, { name: COFFEE, price: 4500, meta: { brand: "스타벅스" }, flag: "yes" })).toBe(4);
    expect(await redis.hget(h, "price")).toBe(4500);
    expect(await redis.hget(h, "name")).toBe(COFFEE);
    expect(await redis.hincrby(h, "price", 500)).toBe(5000);
    expect(await redis.hdel(h, "flag")).toBe(1);
    expect(await redis.hlen(h)).toBe(3);
    const all = seen("hgetall", await redis.hgetall(h));
    expect(all).toEqual({ name: COFFEE, price: 5000, meta: { brand: "스타벅스" } });
  });

  it("keeps sorted sets: zadd, zrange with scores, by score ranges, zrem", async () => {
    const z = k("zset");
    expect(
      await redis.zadd(
        z,
        { score: 1, member: "a" },
        { score: 2.5, member: "b" },
        { score: 3, member: "c" },
        { score: 10, member: "d" },
      ),
    ).toBe(4);
    const got = seen("zset", {
      all: await redis.zrange(z, 0, -1),
      withScores: await redis.zrange(z, 0, -1, { withScores: true }),
      byScore: await redis.zrange(z, 2, 3, { byScore: true }),
      byScoreExclusive: await redis.zrange(z, "(1", "(10", { byScore: true, withScores: true }),
      byScoreInf: await redis.zrange(z, "-inf", "+inf", { byScore: true }),
      byScoreRevLimit: await redis.zrange(z, "+inf", 2, { byScore: true, rev: true, offset: 1, count: 2 }),
      score: await redis.zscore(z, "b"),
      rank: await redis.zrank(z, "c"),
      rem: await redis.zrem(z, "a", "zz"),
      card: await redis.zcard(z),
      after: await redis.zrange(z, 0, -1, { withScores: true }),
    });
    expect(got).toEqual({
      all: ["a", "b", "c", "d"],
      withScores: ["a", 1, "b", 2.5, "c", 3, "d", 10],
      byScore: ["b", "c"],
      byScoreExclusive: ["b", 2.5, "c", 3],
      byScoreInf: ["a", "b", "c", "d"],
      byScoreRevLimit: ["c", "b"],
      score: 2.5,
      rank: 2,
      rem: 1,
      card: 3,
      after: ["b", 2.5, "c", 3, "d", 10],
    });
  });

  it("keeps lists and sets", async () => {
    const l = k("list");
    const s = k("set");
    const got = seen("lists and sets", {
      lpush: await redis.lpush(l, "a", "b", "c"),
      rpush: await redis.rpush(l, "z"),
      lrange: await redis.lrange(l, 0, -1),
      lpop: await redis.lpop(l),
      llen: await redis.llen(l),
      sadd: await redis.sadd(s, "x", "y", "z", "x"),
      smembers: (await redis.smembers(s)).sort(),
      sismember: [await redis.sismember(s, "y"), await redis.sismember(s, "w")],
      srem: await redis.srem(s, "y", "w"),
      scard: await redis.scard(s),
    });
    expect(got).toEqual({
      lpush: 3,
      rpush: 4,
      lrange: ["c", "b", "a", "z"],
      lpop: "c",
      llen: 3,
      sadd: 3,
      smembers: ["x", "y", "z"],
      sismember: [1, 0],
      srem: 1,
      scard: 2,
    });
  });

  it("runs a pipeline and returns per-command results in order", async () => {
    const p = redis.pipeline();
    p.set(k("p"), 1);
    p.incr(k("p"));
    p.get(k("p"));
    p.hset(k("ph"), { a: 1, b: "two" });
    p.hgetall(k("ph"));
    p.zadd(k("pz"), { score: 5, member: "m" });
    p.zrange(k("pz"), 0, -1, { withScores: true });
    p.get(k("p-missing"));
    p.set(k("p-utf8"), COFFEE);
    p.get(k("p-utf8"));
    const res = seen("pipeline", await p.exec());
    expect(res).toEqual(["OK", 2, 2, 2, { a: 1, b: "two" }, 1, ["m", 5], null, "OK", COFFEE]);
  });

  it("keeps going after a failing pipeline command (not atomic) and reports it", async () => {
    await redis.set(k("pe-str"), "text");
    const failing = () => redis.pipeline().set(k("pe-1"), "1").incr(k("pe-str")).incr(k("pe-1"));
    await expect(failing().exec()).rejects.toThrow(/Command 2 \[ incr \] failed: ERR value is not an integer/);
    // The rejected run above still executed every command: pe-1 was set to 1 and incremented to 2.
    expect(await redis.get(k("pe-1"))).toBe(2);
    const kept = seen("pipeline keepErrors", await failing().exec({ keepErrors: true }));
    expect(kept).toEqual([
      { error: undefined, result: "OK" },
      { error: expect.stringMatching(/^ERR value is not an integer/), result: undefined },
      { error: undefined, result: 2 },
    ]);
    expect(await redis.get(k("pe-1"))).toBe(2);
  });

  it("runs a MULTI/EXEC transaction and returns per-command results in order", async () => {
    const m = redis.multi();
    m.set(k("m"), 10);
    m.incrby(k("m"), 5);
    m.get(k("m"));
    m.lpush(k("ml"), "x", "y");
    m.lrange(k("ml"), 0, -1);
    m.del(k("m"));
    m.exists(k("m"));
    const res = seen("multi", await m.exec());
    expect(res).toEqual(["OK", 15, 15, 2, ["y", "x"], 1, 0]);
  });

  it("reports a transaction whose command fails at run time, after running the others", async () => {
    await redis.set(k("mt-str"), "text");
    const kept = seen(
      "multi runtime error",
      await redis.multi().set(k("mt-1"), 1).incr(k("mt-str")).incr(k("mt-1")).exec({ keepErrors: true }),
    );
    expect(kept).toEqual([
      { error: undefined, result: "OK" },
      { error: expect.stringMatching(/^ERR value is not an integer/), result: undefined },
      { error: undefined, result: 2 },
    ]);
  });

  it("discards a transaction whose command is rejected while queuing", async () => {
    // HSET with no field/value pairs is a wrong-arity error at queue time: Redis discards the whole MULTI.
    const m = redis.multi().set(k("mq"), "applied?").hset(k("mq-h"), {});
    const err = await m.exec().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(errors.UpstashError);
    // REST errors carry a ", command was: …" suffix added by the client's HttpClient; compare what precedes it.
    expect(seen("multi queue error", serverMessage(err))).toMatch(/^ERR wrong number of arguments for 'hset'/);
    expect(await redis.exists(k("mq"))).toBe(0);
  });

  it("runs Lua with eval and createScript, returning arrays, numbers and nil", async () => {
    const got = seen("eval", {
      array: await redis.eval("return {KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1, false}", [k("lua")], ["스타벅스", "41"]),
      number: await redis.eval("return redis.call('incrby', KEYS[1], ARGV[1])", [k("lua-n")], ["7"]),
      nil: await redis.eval("return redis.call('get', KEYS[1])", [k("lua-missing")], []),
      nested: await redis.eval("return {1, {2, 'x'}, 'OK'}", [], []),
      status: await redis.eval("return redis.status_reply('PONG')", [], []),
    });
    expect(got).toEqual({
      array: [k("lua"), "스타벅스", 42, null],
      number: 7,
      nil: null,
      nested: [1, [2, "x"], "OK"],
      status: "PONG",
    });

    // A script unknown to the server (its SHA includes the random prefix): EVALSHA fails with NOSCRIPT,
    // the client falls back to EVAL once, and the next call is served by EVALSHA.
    const lua = `-- ${prefix}\nlocal n = redis.call('incrby', KEYS[1], ARGV[1])\nreturn {n, redis.call('get', KEYS[2])}`;
    const sha1 = createHash("sha1").update(lua).digest("hex");
    // SCRIPT EXISTS names no key: on a cluster it asks any one node, not the one the script went to.
    const onScriptsNode = transport !== "cluster";
    if (onScriptsNode) expect(await redis.scriptExists(sha1)).toEqual([0]);
    const script = redis.createScript<[number, string | null]>(lua);
    expect(await script.exec([k("sc-n"), k("sc-missing")], ["5"])).toEqual([5, null]);
    if (onScriptsNode) expect(await redis.scriptExists(sha1)).toEqual([1]);
    expect(await script.exec([k("sc-n"), k("sc-n")], ["2"])).toEqual([7, 7]);
  });

  it("rejects server errors (WRONGTYPE) with the server's message", async () => {
    await redis.hset(k("wt-hash"), { f: "v" });
    await redis.set(k("wt-str"), "text");
    const messages: string[] = [];
    for (const op of [() => redis.incr(k("wt-hash")), () => redis.lpush(k("wt-str"), "x")]) {
      const err = await op().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(errors.UpstashError);
      expect((err as Error).message).toMatch(/WRONGTYPE Operation against a key holding the wrong kind of value/);
      expect(serverMessage(err)).toBe("WRONGTYPE Operation against a key holding the wrong kind of value");
      messages.push(serverMessage(err));
    }
    seen("wrongtype", messages);
    await expect(redis.eval("return redis.error_reply('MYERR from lua')", [], [])).rejects.toThrow(/MYERR from lua/);
    // The failed calls changed nothing.
    expect(await redis.hgetall(k("wt-hash"))).toEqual({ f: "v" });
    expect(await redis.get(k("wt-str"))).toBe("text");
  });

  it("round-trips a large (~200 KB) value", async () => {
    const text = `${COFFEE} 기프티콘 교환 `.repeat(4_500);
    const bytes = Buffer.byteLength(text, "utf8");
    expect(bytes).toBeGreaterThan(190_000);
    expect(await redis.set(k("big"), text)).toBe("OK");
    expect(await redis.strlen(k("big"))).toBe(bytes);
    const back = await redis.get<string>(k("big"));
    expect(back).toBe(text);

    const obj = { items: Array.from({ length: 2_000 }, (_, i) => ({ i, name: `${COFFEE} #${i}`, price: 4_500 + i })) };
    await redis.set(k("big-obj"), obj);
    expect(await redis.get(k("big-obj"))).toEqual(obj);
    seen("large", { bytes, equal: back === text });
  });
});

describe("every transport", () => {
  it.each(["rest", "cluster"] as const)("tcp and %s observed identical results for every recorded case", (other) => {
    // Key names embed the transport and a random prefix; compare with the prefix removed.
    const normalize = (v: unknown) => JSON.parse(JSON.stringify(v ?? null).replace(/\{?contract:(tcp|rest|cluster):[0-9a-f]+\}?:/g, "<p>"));
    expect([...observed.tcp.keys()]).toEqual([...observed[other].keys()]);
    expect(observed.tcp.size).toBeGreaterThan(10);
    for (const [name, value] of observed.tcp) {
      expect({ name, value: normalize(observed[other].get(name)) }).toEqual({ name, value: normalize(value) });
    }
  });
});
