import { randomBytes } from "node:crypto";
import { contractOf } from "./contract";

// A client of the JSON API for tests: signs up and signs in through Auth.js's own credentials flow
// (GET /api/auth/csrf, then POST /api/auth/callback/credentials, redirects not followed), keeps the cookie
// jar by hand, and calls the API with it. Built on Node's fetch, so it needs no browser; browser tests can
// use it to prepare data and hand its session to a page (`playwrightCookies()`).
//
// Every client acts from its own client address (X-Forwarded-For: the main test server trusts loopback as a
// proxy), unique per run, so per-address rate limits (sign-up, sign-in) never collide between tests or
// between runs.
//
// Every response to a request the OpenAPI document describes is checked against it (./contract.ts): a
// response that does not match its documented shape throws, failing the test that got it.

export type ApiResponse<T = any> = {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The parsed JSON body, or null when the body is not JSON. */
  body: T;
  /** The raw body as text (what security tests scan). */
  text: string;
};

export type RequestOptions = {
  /** Sent as JSON (Content-Type: application/json). */
  json?: unknown;
  /** Sent as-is (e.g. malformed JSON); set the Content-Type yourself in `headers` if needed. */
  raw?: string;
  headers?: Record<string, string>;
};

export type TestUser = { id: number; email: string; password: string; nickname: string };

/** Observes every response of every client (e.g. to scan them all for a secret). */
export type ResponseObserver = (entry: { client: ApiClient; method: string; path: string; res: ApiResponse }) => void;

const RUN = randomBytes(2).toString("hex");
let addressCounter = 0;

/**
 * A client address nobody else uses, in the IPv6 documentation range (never a real host). Limits count an
 * IPv6 client by its /64, so each address gets a /64 of its own: random per process, then a counter.
 */
export function newAddress(): string {
  return `2001:db8:${RUN}:${(++addressCounter % 0xffff).toString(16)}::1`;
}

/** A short random token for unique emails, nicknames and codes. */
export const uniq = () => randomBytes(5).toString("hex");

export class ApiClient {
  private static observers = new Set<ResponseObserver>();
  /** Validate responses against /api/openapi.json (a test that sends what no contract covers may turn it off). */
  static checkContract = true;
  private readonly jar = new Map<string, string>();
  user?: TestUser;

  constructor(
    readonly baseURL: string,
    readonly address: string = newAddress(),
  ) {}

  /** Calls `fn` with every response of every client until the returned function is called. */
  static observe(fn: ResponseObserver): () => void {
    ApiClient.observers.add(fn);
    return () => ApiClient.observers.delete(fn);
  }

  /**
   * Signs up a new user (random email, password and nickname unless given), signs them in and, with
   * `points`, tops their balance up (test-mode card). Throws with the server's answer if a step fails.
   */
  static async signUp(
    baseURL: string,
    opts: { email?: string; password?: string; nickname?: string; address?: string; points?: number } = {},
  ): Promise<ApiClient & { user: TestUser }> {
    const u = uniq();
    const email = opts.email ?? `api-${u}@example.test`;
    const password = opts.password ?? `pw-${u}-1234`;
    const nickname = opts.nickname ?? `api${u}`;
    const client = new ApiClient(baseURL, opts.address);
    const res = await client.post<{ id: number }>("/api/users", { email, password, nickname, agreeTerms: true });
    if (res.status !== 201) throw new Error(`sign-up of ${email} failed: ${res.status} ${res.text}`);
    client.user = { id: res.body.id, email, password, nickname };
    const signedIn = await client.signIn(email, password);
    if (!signedIn.ok) throw new Error(`sign-in of ${email} failed: ${signedIn.status} ${signedIn.location ?? signedIn.text}`);
    let left = opts.points ?? 0;
    while (left > 0) {
      const amount = Math.min(left, 2_000_000);
      const t = await client.post("/api/points/top-up", { amount });
      if (t.status !== 200) throw new Error(`top-up for ${email} failed: ${t.status} ${t.text}`);
      left -= amount;
    }
    return client as ApiClient & { user: TestUser };
  }

  /** A client signed in as an existing account (e.g. the seeded admin@gifticon.test). */
  static async signIn(baseURL: string, email: string, password: string, address?: string): Promise<ApiClient> {
    const client = new ApiClient(baseURL, address);
    const r = await client.signIn(email, password);
    if (!r.ok) throw new Error(`sign-in of ${email} failed: ${r.status} ${r.location ?? r.text}`);
    return client;
  }

  /**
   * Auth.js's credentials flow. `ok` is true when the server set a session cookie. A refused sign-in is a
   * redirect to the sign-in page with `?error=`; a rate-limited one is a 429 JSON error.
   */
  async signIn(email: string, password: string): Promise<{ ok: boolean; status: number; location: string | null; text: string; headers: Headers }> {
    const csrf = await this.get<{ csrfToken: string }>("/api/auth/csrf");
    if (csrf.status !== 200 || !csrf.body?.csrfToken) throw new Error(`GET /api/auth/csrf failed: ${csrf.status} ${csrf.text}`);
    const form = new URLSearchParams({ csrfToken: csrf.body.csrfToken, email, password, callbackUrl: `${this.baseURL}/` });
    const res = await this.send("POST", "/api/auth/callback/credentials", form.toString(), {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    const location = res.headers.get("location");
    const ok = res.status >= 300 && res.status < 400 && !!this.sessionCookie() && !/[?&]error=/.test(location ?? "");
    return { ok, status: res.status, location, text: res.text, headers: res.headers };
  }

  /** Forgets the session (the cookie jar is emptied). */
  signOut() {
    this.jar.clear();
  }

  /** The Auth.js session cookie's name, if the jar holds one. */
  sessionCookie(): string | undefined {
    return [...this.jar.keys()].find((n) => /(^|\.)authjs\.session-token(\.\d+)?$/.test(n));
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("GET", path, { headers });
  }
  post<T = any>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>("POST", path, { json, headers });
  }
  put<T = any>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PUT", path, { json, headers });
  }
  patch<T = any>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>("PATCH", path, { json, headers });
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>("DELETE", path, { headers });
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers["Content-Type"] ??= "application/json";
    }
    return this.send<T>(method, path, body, headers);
  }

  /** The jar's cookies for a Playwright browser context: `await context.addCookies(client.playwrightCookies())`. */
  playwrightCookies(): { name: string; value: string; url: string }[] {
    return [...this.jar].map(([name, value]) => ({ name, value, url: this.baseURL }));
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.jar].map(([n, v]) => `${n}=${v}`).join("; ");
  }

  private async send<T>(method: string, path: string, body: string | undefined, extra: Record<string, string>): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { Accept: "application/json", "X-Forwarded-For": this.address, ...extra };
    const cookie = this.cookieHeader();
    if (cookie) headers.Cookie = cookie;
    const res = await fetch(new URL(path, this.baseURL), { method, headers, body, redirect: "manual" });
    this.store(res.headers.getSetCookie());
    const text = await res.text();
    let parsed: unknown = null;
    if ((res.headers.get("content-type") ?? "").includes("json")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    const out: ApiResponse<T> = { status: res.status, ok: res.ok, headers: res.headers, body: parsed as T, text };
    if (ApiClient.checkContract && path.startsWith("/api/")) {
      const problems = (await contractOf(this.baseURL)).check(method, path, out);
      if (problems.length) throw new Error(`response breaks the OpenAPI contract: ${problems.join("\n")}`);
    }
    for (const o of ApiClient.observers) o({ client: this, method, path, res: out });
    return out;
  }

  private store(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v = ""] = a.split("=").map((s) => s.trim());
        if (/^max-age$/i.test(k)) return Number(v) <= 0;
        if (/^expires$/i.test(k)) return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}
