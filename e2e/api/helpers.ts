import { randomBytes, randomInt } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ApiClient, type ApiResponse, type TestUser } from "../support/api-client";

// Test data for the API specs, made through the API itself. Every test works on products it creates
// (as the seeded admin), so the books it reads hold only what the test put there.

export const ADMIN = { email: "admin@gifticon.test", password: "admin-demo-1234" };
export const DECLINED_CARD = "4000000000000002";

/** The base URL of the server under test (playwright.config.ts). */
export const base = () => test.info().project.use.baseURL!;

export type User = ApiClient & { user: TestUser };

/** A new signed-in user with `points` (test-mode top-up). */
export const newUser = (points = 0) => ApiClient.signUp(base(), { points });

/** `n` new users, made a few at a time (each sign-up hashes a password). */
export async function newUsers(n: number, points = 0): Promise<User[]> {
  const out: User[] = [];
  for (let i = 0; i < n; i += 8) out.push(...(await Promise.all(Array.from({ length: Math.min(8, n - i) }, () => newUser(points)))));
  return out;
}

const admins = new Map<string, Promise<ApiClient>>();
/** The seeded admin, signed in once per worker. */
export function admin(): Promise<ApiClient> {
  const url = base();
  if (!admins.has(url)) admins.set(url, ApiClient.signIn(url, ADMIN.email, ADMIN.password));
  return admins.get(url)!;
}

const brandIds = new Map<string, number>();
/**
 * A new product with an empty book (created by the admin through POST /api/admin/products), of the first
 * product's brand, or of a brand of `category` (a product takes its brand's category).
 */
export async function freshProduct(faceValue = 10_000, name?: string, category?: string): Promise<{ id: number; faceValue: number }> {
  const a = await admin();
  let brandId = brandIds.get(category ?? "");
  if (!brandId) {
    const list = await a.get(`/api/products?limit=1${category ? `&category=${category}` : ""}`);
    expect(list.status, list.text).toBe(200);
    brandId = list.body.items[0].brandId as number;
    brandIds.set(category ?? "", brandId);
  }
  const tag = randomBytes(4).toString("hex");
  const res = await a.post("/api/admin/products", { brandId, name: name ?? `API 테스트 ${tag}`, nameEn: `API test ${tag}`, faceValue, emoji: "🧪", active: true });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, faceValue };
}

const ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
/**
 * A voucher code nobody has used: 16 characters whose last four mix letters and digits, so a search for
 * the code or its last four in a response body cannot match a price, an id or a date by chance.
 */
export function newCode(): string {
  const head = Array.from({ length: 12 }, () => ALNUM[randomInt(ALNUM.length)]).join("");
  const tail = [LETTERS[randomInt(24)], String(randomInt(10)), LETTERS[randomInt(24)], String(randomInt(10))].join("");
  return `${head}${tail}`;
}

/** A date `days` from today as the voucher prints it (YYYY-MM-DD, Korean time). */
export const kstDate = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** An ISO date-time `hours` from now. */
export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** A listing body with sensible defaults (valid 60 days, default deadline). */
export const listing = (productId: number, price: number, extra: Record<string, unknown> = {}) => ({
  productId,
  price,
  code: newCode(),
  expiresAt: kstDate(60),
  ...extra,
});

/** Asserts a JSON error: status, stable code and (optionally) the field it names. */
export function expectError(res: ApiResponse, status: number, code?: string, field?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.body?.error, res.text).toBeTruthy();
  expect(typeof res.body.error.message).toBe("string");
  if (code) expect(res.body.error.code, res.text).toBe(code);
  if (field) expect(Object.keys(res.body.error.fields ?? {}), res.text).toContain(field);
}

export async function me(c: ApiClient): Promise<{ id: number; points: number; heldPoints: number }> {
  const r = await c.get("/api/me");
  expect(r.status, r.text).toBe(200);
  return r.body;
}

export async function book(c: ApiClient, productId: number) {
  const r = await c.get(`/api/products/${productId}`);
  expect(r.status, r.text).toBe(200);
  return r.body as {
    product: { id: number; faceValue: number; name: string; brand: string; brandSlug: string };
    asks: { id: number; price: number; expiresAt: string }[];
    bids: { id: number; price: number }[];
    trades: { price: number; at: string }[];
    lowestAsk: number | null;
    highestBid: number | null;
    likeCount: number;
  };
}

/** Creates a listing and returns its id (asserting 201 on_sale). */
export async function list(seller: ApiClient, productId: number, price: number, extra: Record<string, unknown> = {}) {
  const body = listing(productId, price, extra);
  const r = await seller.post("/api/listings", body);
  expect(r.status, r.text).toBe(201);
  expect(r.body.status).toBe("on_sale");
  return { id: r.body.id as number, code: body.code as string, price };
}

/** A rate limit from the environment the server runs with ("requests/seconds"), or the test default. */
/**
 * A limit's size, once the test can run inside one of its windows. The limiter's sliding window
 * (@upstash/ratelimit) weighs the previous fixed window by the part of it still in range, rounded down, so
 * a burst that straddles a window boundary may get one request more than the limit: the one past the limit
 * would then pass. Windows are aligned to the clock (now mod window, the same clock as the server's), so a
 * test that counts exactly starts right after a boundary when the current window has less than `needMs` left.
 */
export async function rateLimit(name: `RATE_LIMIT_${"SIGN_UP" | "SIGN_IN" | "TRADE" | "LIKE" | "REPRICE" | "CLAIM"}`, fallback: string, needMs = 10_000) {
  const [requests, seconds] = (process.env[name] ?? fallback).split("/").map(Number);
  const windowMs = seconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
  return { requests, seconds };
}

/** How many of each status a batch of responses got, e.g. {201: 1, 409: 49}. */
export const tally = (rs: ApiResponse[]) => rs.reduce<Record<number, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
