// Auth.js's auth() runs its whole session endpoint on every call: the token decrypted (a key derived with
// HKDF, its thumbprint hashed, AES-CBC and HMAC), the callbacks, and a new token encrypted for a Set-Cookie
// that a server-side read throws away — about 5 % of a trade's CPU (`npm run bench:mix`, BENCH_CPU_PROF).
// A token is authenticated encryption: the same cookie always decodes to the same session, until the
// token's own expiry. So each one is decoded once per process and kept, bounded, until then. Whether that
// session still counts (suspension, password change) is decided on every request by currentActor
// (lib/auth/session.ts), as before. Pure, so that tests/accounts/session-memo.test.ts can drive its clock.

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * What identifies a request's session: its session-token cookies (a long token comes in chunks, `.0`, `.1`…)
 * and the protocol, by which Auth.js picks the cookie's name (`__Secure-` over https). Other cookies do not
 * count. Null: no session cookie at all.
 */
export function sessionCookieKey(cookieHeader: string | null, proto: string | null): string | null {
  const tokens = (cookieHeader ?? "")
    .split(";")
    .map((c) => c.trim())
    .filter((c) => c.includes("=") && SESSION_COOKIE.test(c.slice(0, c.indexOf("="))))
    .sort();
  return tokens.length ? `${proto ?? ""}|${tokens.join(";")}` : null;
}

export class SessionMemo<S> {
  private readonly entries = new Map<string, { value: S; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The session under `key`: kept while its token has not expired, else `decode`d (null: no valid session,
   * not kept). A token that is already past its expiry is never kept.
   */
  async get(key: string, decode: () => Promise<{ value: S; expiresAt: number } | null>): Promise<S | null> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    this.entries.delete(key);
    const got = await decode();
    if (!got) return null;
    if (got.expiresAt > this.now()) {
      this.entries.set(key, got);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return got.value;
  }

  get size() {
    return this.entries.size;
  }
}
