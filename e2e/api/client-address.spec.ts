import { expect, test } from "@playwright/test";
import { ApiClient, newAddress, uniq } from "../support/api-client";
import { cookiesOf, directBase, newLoopbackAddress, rawRequest, type RawResponse } from "../support/raw-http";
import { base, newUser, rateLimit } from "./helpers";

// Rate limits that cannot be dodged. The "direct" server (playwright.config.ts) trusts no proxy, as a
// server facing the internet: a client there is its TCP address (a 127.x.y.z of its own per simulated
// client), and whatever it writes into X-Forwarded-For, X-Real-IP or Forwarded changes nothing. The main
// server trusts loopback as a proxy: there only the address the proxy added counts, not the ones a client
// put in front of it. And the per-account backoff holds whatever the body type and the address.

const SPOOF_HEADERS = (i: number) => ({
  "X-Forwarded-For": `203.0.113.${i % 250}, 2001:db8:${i.toString(16)}::1`,
  "X-Real-IP": `198.51.100.${i % 250}`,
  Forwarded: `for=192.0.2.${i % 250}`,
});

const expect429 = (r: { status: number; headers: RawResponse["headers"] | Headers; text: string }) => {
  expect(r.status, r.text).toBe(429);
  const retry = r.headers instanceof Headers ? r.headers.get("retry-after") : r.headers["retry-after"];
  expect(Number(retry)).toBeGreaterThan(0);
  expect(JSON.parse(r.text).error.code).toBe("rate_limited");
};

/** A sign-in attempt on the direct server from `from`, with the CSRF token Auth.js wants (form or JSON). */
async function directSignIn(from: string, email: string, password: string, kind: "form" | "json", spoof: Record<string, string> = {}) {
  const csrf = await rawRequest(`${directBase()}/api/auth/csrf`, { localAddress: from, headers: spoof });
  expect(csrf.status, csrf.text).toBe(200);
  const token = JSON.parse(csrf.text).csrfToken as string;
  const fields = { csrfToken: token, email, password, callbackUrl: `${directBase()}/` };
  const body = kind === "json" ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
  return rawRequest(`${directBase()}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress: from,
    body,
    headers: {
      ...spoof,
      Cookie: cookiesOf(csrf.headers),
      "Content-Type": kind === "json" ? "application/json" : "application/x-www-form-urlencoded",
      "Content-Length": String(Buffer.byteLength(body)),
    },
  });
}

test.describe("without trusted proxies the address is the TCP peer's", () => {
  test("sign-ups: spoofed forwarding headers on every request do not escape the per-address limit; another address is not affected", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_SIGN_UP", "60/600");
    const from = newLoopbackAddress();
    const signUp = (i: number, json: unknown, addr = from) => {
      const body = JSON.stringify(json);
      return rawRequest(`${directBase()}/api/users`, {
        method: "POST",
        localAddress: addr,
        body,
        headers: { ...SPOOF_HEADERS(i), "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) },
      });
    };
    const statuses: number[] = [];
    for (let i = 0; i < requests; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, requests - i) }, (_, j) => signUp(i + j, { email: "not-an-email" })));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(requests);
    const email = `dodge-${uniq()}@example.test`;
    const refused = await signUp(999, { email, password: "dodge-pass-1234", nickname: `d${uniq()}`, agreeTerms: true });
    expect429(refused);
    const elsewhere = await signUp(1000, { email, password: "dodge-pass-1234", nickname: `d${uniq()}`, agreeTerms: true }, newLoopbackAddress());
    expect(elsewhere.status, elsewhere.text).toBe(201);
  });

  test("sign-ins: spoofed headers do not escape the per-address limit", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_SIGN_IN", "120/60");
    const from = newLoopbackAddress();
    const post = (i: number) => {
      const body = new URLSearchParams({ email: `nobody-${uniq()}@example.test`, password: "wrong-password-1" }).toString();
      return rawRequest(`${directBase()}/api/auth/callback/credentials`, {
        method: "POST",
        localAddress: from,
        body,
        headers: { ...SPOOF_HEADERS(i), "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) },
      });
    };
    for (let i = 0; i < requests; i += 20) await Promise.all(Array.from({ length: Math.min(20, requests - i) }, (_, j) => post(i + j)));
    expect429(await post(requests));
    const u = await newUser();
    expect429(await directSignIn(from, u.user.email, u.user.password, "form", SPOOF_HEADERS(7)));
    // The same account from another client address signs in.
    const ok = await directSignIn(newLoopbackAddress(), u.user.email, u.user.password, "form");
    expect(ok.status).toBe(302);
    expect(String(ok.headers.location)).not.toMatch(/error=/);
  });
});

test.describe("behind a trusted proxy only the proxy's entry counts", () => {
  test("the main server (loopback trusted) counts the right-most address, not the client's own entries in front", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_SIGN_UP", "60/600");
    const real = newAddress();
    const signUp = (json: unknown, i: number) =>
      fetch(new URL("/api/users", base()), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": `${newAddress()}, 203.0.113.${i % 250}, ${real}` },
        body: JSON.stringify(json),
      });
    for (let i = 0; i < requests; i += 20) await Promise.all(Array.from({ length: Math.min(20, requests - i) }, (_, j) => signUp({ email: "x" }, i + j)));
    const r = await signUp({ email: `p-${uniq()}@example.test`, password: "proxy-pass-1234", nickname: `p${uniq()}`, agreeTerms: true }, 1);
    expect429({ status: r.status, headers: r.headers, text: await r.text() });
  });
});

test.describe("per-account backoff", () => {
  test("50 wrong passwords for one account, JSON and form, from many addresses: 429 with Retry-After after 5, even for the right password", async () => {
    const victim = await newUser();
    const nobody = `nobody-${uniq()}@example.test`;
    const run = async (email: string) => {
      const out: RawResponse[] = [];
      for (let i = 0; i < 50; i++) {
        const spoof = { "X-Forwarded-For": newAddress() };
        out.push(await directSignIn(newLoopbackAddress(), email, `wrong-guess-${i}`, i % 2 ? "json" : "form", spoof));
      }
      return out;
    };
    for (const [email, results] of [
      [victim.user.email, await run(victim.user.email)],
      [nobody, await run(nobody)],
    ] as const) {
      const statuses = results.map((r) => r.status);
      expect(statuses.slice(0, 5), email).toEqual([302, 302, 302, 302, 302]);
      for (const r of results.slice(0, 5)) expect(String(r.headers.location)).toMatch(/error=CredentialsSignin/);
      for (const r of results.slice(5)) expect429(r);
      // The right password now: refused the same way, and no session.
      const right = await directSignIn(newLoopbackAddress(), email, email === nobody ? "whatever-1234" : victim.user.password, "json");
      expect429(right);
      expect(cookiesOf(right.headers)).not.toMatch(/session-token/);
    }
    // Whether the account exists or not, the answers are the same (statuses and error bodies).
  });

  test("on the main server too, with a new client address for every guess; a success resets it", async () => {
    const u = await newUser();
    const guess = (password: string) => new ApiClient(base()).signIn(u.user.email, password);
    for (let i = 0; i < 4; i++) expect((await guess(`wrong-${i}-pass`)).status).toBe(302);
    // The 5th attempt is the right one: it signs in, and the failures are forgotten.
    expect((await guess(u.user.password)).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect((await guess(`wrong-${i}-again`)).ok).toBe(false);
    expect((await guess(u.user.password)).ok).toBe(true);
    for (let i = 0; i < 5; i++) await guess(`wrong-${i}-third`);
    expect429(await guess(u.user.password));
  });

  test("the email is read as Auth.js reads it: repeated form fields, odd casing and other body types do not dodge it", async () => {
    const u = await newUser();
    const csrf = await rawRequest(`${directBase()}/api/auth/csrf`);
    const token = JSON.parse(csrf.text).csrfToken as string;
    const post = (body: string, type: string) =>
      rawRequest(`${directBase()}/api/auth/callback/credentials`, {
        method: "POST",
        localAddress: newLoopbackAddress(),
        body,
        headers: { Cookie: cookiesOf(csrf.headers), "Content-Type": type, "Content-Length": String(Buffer.byteLength(body)) },
      });
    // Auth.js takes the last of repeated fields: the decoy in front must not be what is counted.
    for (let i = 0; i < 5; i++) {
      const r = await post(`csrfToken=${encodeURIComponent(token)}&email=decoy-${i}%40example.test&email=${encodeURIComponent(`  ${u.user.email.toUpperCase()} `)}&password=wrong-${i}-x`, "application/x-www-form-urlencoded");
      expect(r.status, r.text).toBe(302);
    }
    expect429(await post(JSON.stringify({ csrfToken: token, email: u.user.email, password: u.user.password }), "text/plain; charset=utf-8; x=application/json"));
    // Body types Auth.js does not read: a clean 400, not a pass-through.
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/xml", ""]) {
      const r = await post(`email=${encodeURIComponent(u.user.email)}&password=x`, type);
      expect(r.status, `${type}: ${r.text}`).toBe(400);
      expect(JSON.parse(r.text).error.code).toBe("unsupported_media_type");
    }
    const malformed = await post("{not json", "application/json");
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).error.code).toBe("malformed_json");
  });
});
