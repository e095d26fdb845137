import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { userIdentities, users } from "@/db/schema";
import { changeNickname, suspendUser } from "@/lib/accounts/commands";
import { kakaoProfileSchema, signInWithKakao, type KakaoProfile } from "@/lib/accounts/kakao";
import { nicknameKey } from "@/lib/accounts/nickname";
import { linkCookieValue, readLinkCookie } from "@/lib/auth/kakao-link";
import { expectAppError, makeAdmin, makeUser, uniq } from "../support/factory";

// Which account a Kakao login is (lib/accounts/kakao.ts), on the real primary: the linking rules, the
// nickname rules for created accounts, races between two first logins, and the signed "connect" cookie.

afterAll(closeDatabases);

const profile = (p: { nickname?: string; email?: string; verified?: boolean } = {}): KakaoProfile =>
  kakaoProfileSchema.parse({
    id: randomInt(1_000_000_000, 9_000_000_000),
    kakao_account: {
      ...(p.nickname ? { profile: { nickname: p.nickname } } : {}),
      ...(p.email ? { email: p.email, is_email_valid: true, is_email_verified: p.verified ?? true } : {}),
    },
  });
const userRow = async (id: number) => (await primaryDb().select().from(users).where(eq(users.id, id)))[0];

describe("Kakao sign-in", () => {
  it("creates an account without email or password on the first login, finds it on the second", async () => {
    const p = profile({ nickname: `카톡${uniq().slice(0, 6)}` });
    const first = await signInWithKakao(p);
    expect(first.value.created).toBe(true);
    const row = await userRow(first.value.user.id);
    expect(row).toMatchObject({ email: null, passwordHash: null, nickname: p.kakao_account!.profile!.nickname, nicknameKey: nicknameKey(row.nickname), role: "user" });
    const second = await signInWithKakao(p);
    expect(second.value).toMatchObject({ created: false, user: { id: first.value.user.id } });
  });

  it("a nickname that breaks the rules or is taken becomes a generated one", async () => {
    const taken = await makeUser();
    for (const nickname of ["관리자", "a", taken.nickname, undefined]) {
      const { value } = await signInWithKakao(profile({ nickname }));
      expect(value.user.nickname, String(nickname)).toMatch(/^카카오\d{6}$/);
    }
  });

  it("links to an existing account only through a verified email", async () => {
    const member = await makeUser();
    const unverified = await signInWithKakao(profile({ email: member.email, verified: false }));
    expect(unverified.value.created).toBe(true);
    expect(unverified.value.user.id).not.toBe(member.id);
    expect(unverified.value.user.email).toBeNull();
    const verified = await signInWithKakao(profile({ email: member.email.toUpperCase() }));
    expect(verified.value).toMatchObject({ created: false, linked: true, user: { id: member.id } });
  });

  it("a new account keeps Kakao's verified email", async () => {
    const email = `kakao-${uniq()}@example.test`;
    const { value } = await signInWithKakao(profile({ email }));
    expect(value.user.email).toBe(email);
  });

  it("connecting from the my page links to the signed-in user, once; someone else's Kakao is refused", async () => {
    const member = await makeUser();
    const p = profile();
    const { value } = await signInWithKakao(p, member.id);
    expect(value).toMatchObject({ linked: true, user: { id: member.id } });
    await expectAppError(signInWithKakao(profile(), member.id), { kind: "conflict", code: "kakao_already" });
    const other = await makeUser();
    await expectAppError(signInWithKakao(p, other.id), { kind: "conflict", code: "kakao_taken" });
  });

  it("two first logins at once make one account", async () => {
    const p = profile({ nickname: `동시${uniq().slice(0, 6)}` });
    const results = await Promise.all(Array.from({ length: 6 }, () => signInWithKakao(p)));
    expect(new Set(results.map((r) => r.value.user.id)).size).toBe(1);
    const links = await primaryDb().select().from(userIdentities).where(eq(userIdentities.subject, p.id));
    expect(links).toHaveLength(1);
  });

  it("a suspended account is reported as such (the sign-in callback refuses it)", async () => {
    const p = profile();
    const { value } = await signInWithKakao(p);
    await suspendUser(await makeAdmin(), value.user.id, "테스트 정지");
    expect((await signInWithKakao(p)).value.user.status).toBe("suspended");
  });

  it("the nickname can be changed under the sign-up rules", async () => {
    const { value } = await signInWithKakao(profile());
    const actor = { id: value.user.id, role: value.user.role, nickname: value.user.nickname };
    const fresh = `새닉${uniq().slice(0, 6)}`;
    await changeNickname(actor, fresh);
    expect((await userRow(actor.id)).nicknameKey).toBe(nicknameKey(fresh));
    const taken = await makeUser();
    await expectAppError(changeNickname(actor, taken.nickname), { kind: "invalid", code: "nickname_taken", field: "nickname" });
  });

  it("the connect cookie is signed, expires, and names its user", () => {
    const v = linkCookieValue(42, 3);
    expect(readLinkCookie(v)).toEqual({ userId: 42, sessionVersion: 3 });
    expect(readLinkCookie(v.replace(/^42\./, "43."))).toBeNull();
    expect(readLinkCookie(linkCookieValue(42, 3, Date.now() - 11 * 60_000))).toBeNull();
    expect(readLinkCookie("garbage")).toBeNull();
  });

  it("rejects a profile without a usable id", () => {
    for (const bad of [{}, { id: "abc" }, { id: -1 }, { id: null }]) expect(kakaoProfileSchema.safeParse(bad).success).toBe(false);
  });
});
