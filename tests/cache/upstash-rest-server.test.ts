import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashRestServer } from "../support/upstash-rest-server";

// The local Upstash REST stand-in itself, over raw fetch (no @upstash/redis client in between).

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("Upstash REST stand-in (tests/support/upstash-rest-server.ts)", () => {
  const prefix = `standin:${randomBytes(6).toString("hex")}:`;
  const k = (name: string) => prefix + name;
  let server: Awaited<ReturnType<typeof startUpstashRestServer>>;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: "POST",
      headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as unknown });

  beforeAll(async () => {
    server = await startUpstashRestServer({ redisUrl: process.env.REDIS_URL!, token: randomBytes(16).toString("hex") });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  afterAll(async () => {
    if (!server) return;
    await post("/", ["del", k("s"), k("n"), k("h"), k("z"), k("l"), k("p"), k("m"), k("utf8")]);
    await server.close();
  });

  it("requires the bearer token", async () => {
    const noToken = await fetch(server.url, { method: "POST", body: JSON.stringify(["ping"]) });
    expect(await json(noToken)).toEqual({ status: 401, body: { error: "Unauthorized" } });
    const wrong = await post("/", ["ping"], { Authorization: "Bearer not-the-token" });
    expect(await json(wrong)).toEqual({ status: 401, body: { error: "Unauthorized" } });
    const wrongScheme = await post("/", ["ping"], { Authorization: server.token });
    expect(wrongScheme.status).toBe(401);
    // Nothing reaches Redis without the token.
    await post("/pipeline", [["set", k("s"), "x"]], { Authorization: "Bearer nope" });
    expect(await json(await post("/", ["exists", k("s")]))).toEqual({ status: 200, body: { result: 0 } });
  });

  it("runs a single command and returns plain JSON without Upstash-Encoding", async () => {
    expect(await json(await post("/", ["set", k("s"), "hello"]))).toEqual({ status: 200, body: { result: "OK" } });
    expect(await json(await post("/", ["get", k("s")]))).toEqual({ status: 200, body: { result: "hello" } });
    expect(await json(await post("/", ["get", k("missing")]))).toEqual({ status: 200, body: { result: null } });
    // Numbers and booleans are passed to Redis as strings.
    expect(await json(await post("/", ["incrby", k("n"), 5]))).toEqual({ status: 200, body: { result: 5 } });
    expect(await json(await post("/", ["set", k("p"), true]))).toEqual({ status: 200, body: { result: "OK" } });
    expect(await json(await post("/", ["get", k("p")]))).toEqual({ status: 200, body: { result: "true" } });
    await post("/", ["zadd", k("z"), 1.5, "a", 2, "b"]);
    expect(await json(await post("/", ["zrange", k("z"), 0, -1, "withscores"]))).toEqual({
      status: 200,
      body: { result: ["a", "1.5", "b", "2"] },
    });
  });

  it("base64-encodes every result string except a top-level OK with Upstash-Encoding: base64", async () => {
    const enc = { "Upstash-Encoding": "base64" };
    const text = "스타벅스 아메리카노 ☕️";
    expect(await json(await post("/", ["set", k("utf8"), text], enc))).toEqual({ status: 200, body: { result: "OK" } });
    expect(await json(await post("/", ["get", k("utf8")], enc))).toEqual({ status: 200, body: { result: b64(text) } });
    expect(await json(await post("/", ["get", k("missing")], enc))).toEqual({ status: 200, body: { result: null } });
    expect(await json(await post("/", ["strlen", k("utf8")], enc))).toEqual({
      status: 200,
      body: { result: Buffer.byteLength(text) },
    });
    // Simple statuses other than OK are encoded too (the client base64-decodes every string but "OK").
    expect(await json(await post("/", ["ping"], enc))).toEqual({ status: 200, body: { result: b64("PONG") } });
    await post("/", ["hset", k("h"), "브랜드", "스타벅스"]);
    expect(await json(await post("/", ["hgetall", k("h")], enc))).toEqual({
      status: 200,
      body: { result: [b64("브랜드"), b64("스타벅스")] },
    });
    // Recursively inside nested arrays; integers stay numbers, nil stays null.
    const nested = await post("/", ["eval", "return {1, {'x', 2}, false, 'OK'}", 0], enc);
    expect(await json(nested)).toEqual({ status: 200, body: { result: [1, [b64("x"), 2], null, b64("OK")] } });
    // Pipelines are encoded per entry.
    const p = await post("/pipeline", [["get", k("utf8")], ["incr", k("n")]], enc);
    expect(await json(p)).toEqual({ status: 200, body: [{ result: b64(text) }, { result: 6 }] });
  });

  it("answers malformed JSON and malformed commands with 400 {error}", async () => {
    const bad = await json(await post("/", "{not json"));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: expect.stringMatching(/malformed JSON/) });
    for (const [path, body] of [
      ["/", { cmd: "get" }],
      ["/", []],
      ["/", ["get", { nested: true }]],
      ["/pipeline", ["get", "k"]],
      ["/multi-exec", []],
    ] as const) {
      const r = await json(await post(path, body));
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body).toEqual({ error: expect.any(String) });
    }
    expect((await post("/nope", ["ping"])).status).toBe(404);
  });

  it("answers a Redis error with 400 {error}", async () => {
    await post("/", ["set", k("s"), "text"]);
    expect(await json(await post("/", ["lpush", k("s"), "x"]))).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^WRONGTYPE /) },
    });
    expect(await json(await post("/", ["nosuchcommand", "x"]))).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^ERR unknown command/) },
    });
  });

  it("returns a pipeline's results and errors per command, running all of them", async () => {
    const r = await post("/pipeline", [
      ["set", k("p"), "1"],
      ["lpush", k("p"), "x"],
      ["incr", k("p")],
      ["get", k("p")],
    ]);
    expect(await json(r)).toEqual({
      status: 200,
      body: [
        { result: "OK" },
        { error: expect.stringMatching(/^WRONGTYPE /) },
        { result: 2 },
        { result: "2" },
      ],
    });
  });

  it("runs /multi-exec as a transaction", async () => {
    const ok = await post("/multi-exec", [
      ["set", k("m"), "10"],
      ["incrby", k("m"), 5],
      ["lpush", k("m"), "x"],
      ["get", k("m")],
    ]);
    expect(await json(ok)).toEqual({
      status: 200,
      body: [{ result: "OK" }, { result: 15 }, { error: expect.stringMatching(/^WRONGTYPE /) }, { result: "15" }],
    });
    // An error while queuing discards the whole transaction.
    const aborted = await json(await post("/multi-exec", [["set", k("m"), "20"], ["hset", k("h")]]));
    expect(aborted).toEqual({ status: 400, body: { error: expect.stringMatching(/wrong number of arguments/) } });
    expect(await json(await post("/", ["get", k("m")]))).toEqual({ status: 200, body: { result: "15" } });
  });
});
