import "server-only";
import { createHash } from "node:crypto";
import { script } from "@/lib/cache/redis";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { clientAddress, enforceRateLimit } from "./rate-limit";
import { metrics } from "@/lib/ops/metrics";

// Everything that stands between a password guesser and an account, for both ways of signing in (Auth.js's
// credentials route and the login form's server action):
//  1. a sliding window per client address and per email (lib/security/rate-limit.ts, RATE_LIMIT_SIGN_IN);
//  2. a backoff per email: after SIGN_IN_BACKOFF.failures attempts in a row that did not succeed, the email
//     is locked for `seconds`, doubling with every further failure up to `max`; a success starts over.
// An attempt counts as a failure from the moment it starts (a success takes it back), so a burst of
// parallel guesses gets no more tries than a patient guesser. Unknown emails are counted exactly like known
// ones: the answers never tell whether an account exists. The state lives in Redis (shared by every
// instance); while Redis cannot be reached, each process keeps its own.

const BACKOFF = `
local s = redis.call('HMGET', KEYS[1], 'n', 'until')
local n = tonumber(s[1]) or 0
local locked = tonumber(s[2]) or 0
local now = tonumber(ARGV[1])
if now < locked then return locked - now end
n = n + 1
local free = tonumber(ARGV[2])
local untilMs = 0
if n >= free then untilMs = now + math.min(tonumber(ARGV[3]) * 2 ^ (n - free), tonumber(ARGV[4])) end
redis.call('HSET', KEYS[1], 'n', n, 'until', untilMs)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0`;

const FORGET_AFTER_MS = 24 * 3600_000;
const REDIS_DEADLINE_MS = 300;

const keyOf = (email: string) => `signin:backoff:${createHash("sha256").update(email).digest("base64url")}`;

const g = globalThis as unknown as { __gxBackoff?: Map<string, { n: number; until: number; seen: number }> };

function localAttempt(key: string, now: number): number {
  const { failures, seconds, max } = config().SIGN_IN_BACKOFF;
  g.__gxBackoff ??= new Map();
  const s = g.__gxBackoff.get(key) ?? { n: 0, until: 0, seen: now };
  if (now - s.seen > FORGET_AFTER_MS) Object.assign(s, { n: 0, until: 0 });
  if (now < s.until) return s.until - now;
  s.n += 1;
  s.seen = now;
  s.until = s.n >= failures ? now + Math.min(seconds * 1000 * 2 ** (s.n - failures), max * 1000) : 0;
  g.__gxBackoff.delete(key);
  g.__gxBackoff.set(key, s);
  while (g.__gxBackoff.size > 50_000) g.__gxBackoff.delete(g.__gxBackoff.keys().next().value!);
  return 0;
}

function withDeadline<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error("redis deadline")), REDIS_DEADLINE_MS).unref())]);
}

const tooMany = (ms: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
  metrics().rateLimited.inc({ limit: "signIn" });
  return new AppError("rate_limited", "rate_limited", `로그인 시도가 너무 많습니다. ${retryAfterSeconds}초 후에 다시 시도해 주세요.`, { retryAfterSeconds });
};

/** The email as Auth.js's authorize() will read it (lib/accounts/schemas.ts emailSchema trims and lower-cases). */
export function signInEmailKey(raw: unknown): string {
  return typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 254) : "";
}

/**
 * Counts one sign-in attempt for this client and email; throws a 429 AppError (with Retry-After) when the
 * address or the email is over its window, or the email is locked. Call `signInSucceeded` after a success.
 */
export async function beginSignIn(headers: Headers, email: string): Promise<void> {
  await enforceRateLimit("signIn", `ip:${clientAddress(headers)}`);
  if (!email) return; // no account can be signed in without one; the address limit still counted it
  await enforceRateLimit("signIn", `email:${email}`);
  const { failures, seconds, max } = config().SIGN_IN_BACKOFF;
  const now = Date.now();
  const key = keyOf(email);
  let waitMs: number;
  try {
    waitMs = Number(
      await withDeadline(
        script<number>(BACKOFF).exec([key], [String(now), String(failures), String(seconds * 1000), String(max * 1000), String(FORGET_AFTER_MS)]),
      ),
    );
  } catch {
    waitMs = localAttempt(key, now);
  }
  if (waitMs > 0) throw tooMany(waitMs);
}

/** A correct password: the email's failures are forgotten. */
export async function signInSucceeded(email: string): Promise<void> {
  const key = keyOf(email);
  g.__gxBackoff?.delete(key);
  try {
    await withDeadline(script<number>("return redis.call('DEL', KEYS[1])").exec([key], []));
  } catch {
    // Redis down: the local state was reset; the shared one expires by itself.
  }
}
