import { createHmac } from "node:crypto";
import { z } from "zod";
import { clusterNodeUrls } from "./cache/cluster.cjs";

// Every environment variable the app reads, validated once. Defaults point at the services that
// `npm start` runs (scripts/services.sh), so nothing needs to be set locally; .env.example documents them.

const mysqlUrl = z
  .string()
  .trim()
  .refine((v) => /^mysql:\/\/[^/]+\/\w+/.test(v), "must look like mysql://user:password@host:port/database");

const base64Key = (bytes: number) =>
  z
    .string()
    .trim()
    .refine((v) => Buffer.from(v, "base64").length >= bytes, `must be at least ${bytes} random bytes in base64`);

const bool = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no"])
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

const rate = z
  .string()
  .regex(/^\d+\/\d+$/, 'must look like "10/60" (requests/seconds)')
  .transform((v) => {
    const [requests, seconds] = v.split("/").map(Number);
    return { requests, seconds };
  });

const missingSecret =
  "is not set: `npm start` writes one into .env.local; elsewhere generate one with `openssl rand -base64 32`";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PRIMARY_URL: mysqlUrl.default("mysql://gx_app:gx_app_local@127.0.0.1:3407/gifticon"),
    // Read-only credentials on the primary, for reads that must not wait for a replica.
    DATABASE_PRIMARY_READ_URL: mysqlUrl.default("mysql://gx_read:gx_read_local@127.0.0.1:3407/gifticon"),
    DATABASE_REPLICA_URLS: z
      .string()
      .default("mysql://gx_read:gx_read_local@127.0.0.1:3408/gifticon")
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(mysqlUrl)),
    DATABASE_TLS: bool.default(false),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    REDIS_URL: z.string().trim().regex(/^rediss?:\/\//, "must be redis://host:port or rediss://…").default("redis://127.0.0.1:6479"),
    // A Redis Cluster instead of REDIS_URL: some of its nodes ("host:port" or redis:// URLs, comma-separated);
    // the client finds the rest. Keys that travel together carry one hash tag (lib/cache/keys.ts).
    REDIS_CLUSTER_NODES: z
      .string()
      .default("")
      .transform((v) => clusterNodeUrls(v))
      .pipe(z.array(z.string().regex(/^rediss?:\/\/[^/]+$/, "must be host:port or redis://host:port"))),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    // The cached views (off: every read goes to a database; the load benchmark's floor runs this way).
    CACHE_ENABLED: bool.default(true),
    AUTH_SECRET: z.string({ error: `AUTH_SECRET ${missingSecret}` }).min(32, "AUTH_SECRET must be at least 32 characters"),
    CODE_ENCRYPTION_KEY: base64Key(32).optional(),
    CODE_HMAC_KEY: base64Key(32).optional(),
    REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(10_000),
    READ_WAIT_MS: z.coerce.number().int().min(0).max(2000).default(50),
    // Read-your-writes (lib/read/consistency.ts): "gtid" follows MariaDB's replication positions; "window"
    // pins a user's reads to the primary for CONSISTENCY_WINDOW_MS after each write (engines without them).
    CONSISTENCY: z.enum(["gtid", "window"]).default("gtid"),
    // Where commit and snapshot positions come from (db/positions.ts): MariaDB's GTIDs, or a counter row the
    // commands raise, for engines whose replicas expose no position (Aurora MySQL, PlanetScale/Vitess).
    POSITIONS: z.enum(["gtid", "counter"]).default("gtid"),
    CONSISTENCY_WINDOW_MS: z.coerce.number().int().min(1000).max(600_000).default(5000),
    // Every wait is bounded (docs: README "Faults"). Budgets in milliseconds, chosen from measurements.
    // Redis: each command is raced against this; a timeout counts as a failure for the breaker.
    REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
    // Commands already waiting on Redis beyond this fail at once instead of queueing behind a silent server.
    REDIS_MAX_PENDING: z.coerce.number().int().min(1).max(100_000).default(500),
    // Opening a database connection (TCP + handshake; a paused server accepts TCP and then says nothing).
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    // One read (pool acquire + snapshot + queries) on one node; an overrun moves the read to another node.
    DB_READ_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(500),
    // One command's transaction on the primary (acquire + statements + commit); an overrun is a 503.
    DB_WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1_500),
    // A command past DB_WRITE_TIMEOUT_MS while the primary still answers probes (busy, not silent: lock
    // waits behind progressing commands) waits on, up to this long in all (db/primary.ts).
    DB_WRITE_BUSY_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
    // Each probe of /api/health and the replica monitor (a silent node is reported, never waited for).
    HEALTH_PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
    ORDER_CONFIRM_HOURS: z.coerce.number().positive().default(72),
    // Behind a reverse proxy: take the client address from X-Forwarded-For, but only the part that the
    // trusted proxies added (proxy-addr: addresses, CIDRs or the names loopback/linklocal/uniquelocal).
    TRUST_PROXY_HEADERS: bool.default(false),
    TRUSTED_PROXIES: z
      .string()
      .default("loopback")
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .refine((v) => v.length > 0, "name at least one proxy (e.g. loopback or 10.0.0.0/8)"),
    // Reads /api/health's detail (nodes, lag, cache) without an admin session: `Authorization: Bearer …`.
    OPS_TOKEN: z.string().min(24, "OPS_TOKEN must be at least 24 characters").optional(),
    COOKIE_SECURE: bool.default(false),
    // Shared caches to purge when a page changes (lib/edge/purge.ts): Varnish base URLs, comma-separated.
    EDGE_PURGE_URLS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.url())),
    EDGE_PURGE_TIMEOUT_MS: z.coerce.number().int().min(1).max(10_000).default(500),
    // On SIGTERM, how long server.ts keeps serving while /api/health/live answers 503, so a load balancer
    // takes the instance out of its pool before the listener closes (APP_INSTANCES sets it; 0: close at once).
    DRAIN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    // Kakao login (Auth.js's Kakao provider): on when both are set. ID is the app's REST API key, SECRET its
    // client secret (Kakao Developers → 카카오 로그인 → 보안). The URLs default to Kakao's own; tests point
    // them at a local stand-in (e2e/support/kakao-mock.ts).
    AUTH_KAKAO_ID: z.string().trim().min(1).optional(),
    AUTH_KAKAO_SECRET: z.string().trim().min(1).optional(),
    AUTH_KAKAO_AUTHORIZATION_URL: z.url().default("https://kauth.kakao.com/oauth/authorize"),
    AUTH_KAKAO_TOKEN_URL: z.url().default("https://kauth.kakao.com/oauth/token"),
    AUTH_KAKAO_USERINFO_URL: z.url().default("https://kapi.kakao.com/v2/user/me"),
    // The site's public origin: canonical URLs, Open Graph, sitemap.xml and robots.txt.
    SITE_URL: z.url().default("http://localhost:3000").transform((v) => v.replace(/\/+$/, "")),
    // Rate limits as "requests/seconds" (sliding window), per client address or per user.
    RATE_LIMIT_SIGN_IN: rate.prefault("10/60"),
    RATE_LIMIT_SIGN_UP: rate.prefault("5/600"),
    RATE_LIMIT_TRADE: rate.prefault("30/60"),
    RATE_LIMIT_CLAIM: rate.prefault("10/600"),
    RATE_LIMIT_REPRICE: rate.prefault("30/600"),
    RATE_LIMIT_LIKE: rate.prefault("30/60"),
    // After `failures` wrong passwords in a row for one email, sign-in for it waits `seconds`, doubling with
    // each further failure up to `max` seconds; a success starts over.
    SIGN_IN_BACKOFF: z
      .string()
      .regex(/^\d+\/\d+\/\d+$/, 'must look like "5/30/900" (failures/first lockout seconds/longest lockout seconds)')
      .prefault("5/30/900")
      .transform((v) => {
        const [failures, seconds, max] = v.split("/").map(Number);
        return { failures, seconds, max };
      }),
  })
  .refine((c) => !c.AUTH_KAKAO_ID === !c.AUTH_KAKAO_SECRET, { message: "set both AUTH_KAKAO_ID and AUTH_KAKAO_SECRET, or neither", path: ["AUTH_KAKAO_SECRET"] })
  .refine((c) => !c.UPSTASH_REDIS_REST_URL === !c.UPSTASH_REDIS_REST_TOKEN, {
    message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
    path: ["UPSTASH_REDIS_REST_TOKEN"],
  });

export type Config = z.infer<typeof schema> & { CODE_ENCRYPTION_KEY: string; CODE_HMAC_KEY: string };

function load(): Config {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  // The code keys default to keys derived from AUTH_SECRET so a single secret is enough locally;
  // production deployments should set their own (and keep them: codes cannot be read without them).
  const derive = (label: string) =>
    createHmac("sha256", c.AUTH_SECRET).update(label).digest("base64");
  return {
    ...c,
    CODE_ENCRYPTION_KEY: c.CODE_ENCRYPTION_KEY ?? derive("gifticon-code-encryption"),
    CODE_HMAC_KEY: c.CODE_HMAC_KEY ?? derive("gifticon-code-hmac"),
  };
}

let cached: Config | undefined;
/** The validated configuration (read on first use, so a build without secrets can still import modules). */
export function config(): Config {
  cached ??= load();
  return cached;
}
