import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SessionMemo, sessionCookieKey } from "@/lib/auth/session-memo";

// The per-process memo of decoded Auth.js sessions (lib/auth/session-memo.ts): a token is decoded once and
// its session kept until the token's own expiry, never past it; what identifies a session is its
// session-token cookies and the protocol, nothing else a client sends.
describe("session memo", () => {
  it("decodes a token once, then serves it until it expires, and never after", async () => {
    let now = 1_000_000;
    const memo = new SessionMemo<string>(10, () => now);
    let decodes = 0;
    const decode = async () => (decodes++, { value: "alice", expiresAt: 1_000_500 });
    expect(await memo.get("k", decode)).toBe("alice");
    now = 1_000_499;
    expect(await memo.get("k", decode)).toBe("alice");
    expect(decodes).toBe(1);
    now = 1_000_500; // the token's expiry: decoded again (Auth.js decides), and not kept
    expect(await memo.get("k", async () => (decodes++, null))).toBeNull();
    expect(decodes).toBe(2);
    expect(memo.size).toBe(0);
  });

  it("keeps no session whose token is already past its expiry, nor a failed decode", async () => {
    const memo = new SessionMemo<string>(10, () => 2_000);
    let decodes = 0;
    await memo.get("old", async () => (decodes++, { value: "bob", expiresAt: 1_999 }));
    await memo.get("old", async () => (decodes++, { value: "bob", expiresAt: 1_999 }));
    await memo.get("bad", async () => (decodes++, null));
    await memo.get("bad", async () => (decodes++, null));
    expect(decodes).toBe(4);
    expect(memo.size).toBe(0);
  });

  it("is bounded: the oldest entry goes first", async () => {
    const memo = new SessionMemo<number>(3, () => 0);
    for (let i = 0; i < 10; i++) await memo.get(`k${i}`, async () => ({ value: i, expiresAt: 1 }));
    expect(memo.size).toBe(3);
    let decoded = false;
    expect(await memo.get("k0", async () => ((decoded = true), { value: -1, expiresAt: 1 }))).toBe(-1);
    expect(decoded).toBe(true);
  });

  it("keys a request by its session-token cookies and protocol only", () => {
    const token = "authjs.session-token=eyJ.abc";
    expect(sessionCookieKey(null, null)).toBeNull();
    expect(sessionCookieKey("theme=dark; authjs.csrf-token=x", "http")).toBeNull();
    expect(sessionCookieKey("authjs.session-token-x=1; xauthjs.session-token=2", "http")).toBeNull();
    const key = sessionCookieKey(`theme=dark; ${token}; gx-pos=17`, "http");
    expect(key).toBe(sessionCookieKey(`${token}; gx-pos=99`, "http")); // other cookies do not count
    expect(key).not.toBe(sessionCookieKey(token, "https")); // Auth.js names the cookie by protocol
    expect(sessionCookieKey(`${token}x`, "http")).not.toBe(key);
    // A chunked token is all of its chunks, in any order.
    const chunks = "authjs.session-token.0=AAA; authjs.session-token.1=BBB";
    expect(sessionCookieKey(chunks, "http")).toBe(sessionCookieKey("authjs.session-token.1=BBB; authjs.session-token.0=AAA", "http"));
    expect(sessionCookieKey(chunks, "http")).not.toBe(sessionCookieKey("authjs.session-token.0=AAA", "http"));
    expect(sessionCookieKey("__Secure-authjs.session-token=T", "https")).toBe("https|__Secure-authjs.session-token=T");
  });

  it("two cookie headers share a key only when their session tokens are the same", () => {
    const cookie = fc.tuple(fc.constantFrom("authjs.session-token", "authjs.session-token.0", "authjs.session-token.1", "theme", "gx"), fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/));
    fc.assert(
      fc.property(fc.array(cookie, { maxLength: 6 }), fc.array(cookie, { maxLength: 6 }), (a, b) => {
        const header = (cs: [string, string][]) => cs.map(([n, v]) => `${n}=${v}`).join("; ");
        const tokens = (cs: [string, string][]) => JSON.stringify(cs.filter(([n]) => n.startsWith("authjs")).map(([n, v]) => `${n}=${v}`).sort());
        const ka = sessionCookieKey(header(a), "http");
        const kb = sessionCookieKey(header(b), "http");
        if (ka === null || kb === null) return;
        expect(ka === kb).toBe(tokens(a) === tokens(b));
      }),
    );
  });
});
