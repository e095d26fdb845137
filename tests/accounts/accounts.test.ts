import { MAX_PRICE } from "@/lib/market/rules";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { users } from "@/db/schema";
import { reinstateUser, signUp, suspendUser } from "@/lib/accounts/commands";
import { signUpSchema } from "@/lib/accounts/schemas";
import { findUserForSignIn } from "@/lib/accounts/sign-in";
import { fillBid, placeBid } from "@/lib/market/commands/bids";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { createListing, updateListing } from "@/lib/market/commands/listings";
import { createListingSchema } from "@/lib/market/schemas";
import { requestWithdrawal } from "@/lib/points/commands";
import {
  bidOn,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  fillInput,
  footprint,
  inDays,
  listGifticon,
  makeAdmin,
  makeCatalogProduct,
  makeUser,
  newCode,
  uniq,
} from "../support/factory";

// Accounts: sign-up rules, unique email and nickname, password hashes, and suspension (a suspended user
// can neither sign in nor trade; the database decides, not the session).

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const valid = () => ({ email: `new-${uniq()}@example.test`, password: "correct-horse-42", nickname: `닉${uniq()}`, agreeTerms: true as const });
const fieldsOf = (input: Record<string, unknown>) => {
  const r = signUpSchema.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join(".")))];
};

describe("sign-up validation", () => {
  it("accepts a valid sign-up, normalizing the email", () => {
    const v = valid();
    expect(signUpSchema.parse({ ...v, email: `  ${v.email.toUpperCase()} ` }).email).toBe(v.email);
  });

  it.each(["no-at-sign", "a@", "@example.test", "a b@example.test", ""])("refuses the email %j", (email) => {
    expect(fieldsOf({ ...valid(), email })).toEqual(["email"]);
  });

  it.each([
    ["too short", "abc12345"],
    ["no digit", "onlyletters-here"],
    ["no letter", "1234567890123"],
    ["too long", `a1${"x".repeat(127)}`],
  ])("refuses a password that is %s", (_, password) => {
    expect(fieldsOf({ ...valid(), password })).toEqual(["password"]);
  });

  it.each([
    ["too short", "a"],
    ["too long", "n".repeat(21)],
    ["with spaces", "two words"],
    ["with symbols", "nick<script>"],
  ])("refuses a nickname %s", (_, nickname) => {
    expect(fieldsOf({ ...valid(), nickname })).toEqual(["nickname"]);
  });

  it("accepts Korean nicknames and the allowed punctuation", () => {
    expect(fieldsOf({ ...valid(), nickname: "기프티_콘.팬-1" })).toEqual([]);
  });
});

describe("sign-up", () => {
  it("refuses a taken email (field email) or nickname (field nickname)", async () => {
    const first = signUpSchema.parse(valid());
    await signUp(first);
    await expectAppError(signUp({ ...valid(), email: first.email }), { kind: "invalid", code: "email_taken", field: "email" });
    await expectAppError(signUp(signUpSchema.parse({ ...valid(), email: first.email.toUpperCase() })), { kind: "invalid", code: "email_taken", field: "email" });
    await expectAppError(signUp({ ...valid(), nickname: first.nickname }), { kind: "invalid", code: "nickname_taken", field: "nickname" });
  });

  it("stores an argon2id hash, never the password; sign-in checks it", async () => {
    const input = signUpSchema.parse(valid());
    const { value } = await signUp(input);
    const [row] = await primaryDb().select().from(users).where(eq(users.id, value.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.passwordHash).not.toContain(input.password);
    expect(row).toMatchObject({ role: "user", status: "active", points: 0, heldPoints: 0 });

    expect(await findUserForSignIn(input.email, input.password)).toMatchObject({ id: value.id, role: "user", nickname: input.nickname });
    expect(await findUserForSignIn(input.email, `${input.password}x`)).toBeNull();
    expect(await findUserForSignIn(`nobody-${uniq()}@example.test`, input.password)).toBeNull();
  });

  it("two sign-ups with the same email at once: exactly one account", async () => {
    const v = signUpSchema.parse(valid());
    const results = await Promise.allSettled([signUp(v), signUp({ ...v, nickname: `${v.nickname}2` })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await primaryDb().select({ id: users.id }).from(users).where(eq(users.email, v.email))).toHaveLength(1);
  });
});

describe("suspension", () => {
  it("a suspended user cannot sign in, and can again once reactivated", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    expect(await findUserForSignIn(user.email, user.password)).not.toBeNull();
    await suspendUser(admin, user.id, "테스트 정지");
    expect(await findUserForSignIn(user.email, user.password)).toBeNull();
    await reinstateUser(admin, user.id);
    expect(await findUserForSignIn(user.email, user.password)).toMatchObject({ id: user.id });
  });

  it("a suspended user cannot trade (forbidden, account_suspended), whatever the session says; nothing is written", async () => {
    const admin = await makeAdmin();
    const product = await makeCatalogProduct(5000);
    const other = await makeUser({ points: 10000 });
    const user = await makeUser({ points: 10000 });
    const own = await listGifticon(user, product.id, 4500);
    const theirListing = await listGifticon(other, product.id, 4000);
    const theirBid = await bidOn(other, product.id, 3000);
    await suspendUser(admin, user.id, "테스트 정지");

    const before = await footprint(user.id);
    const suspended = { kind: "forbidden", code: "account_suspended" } as const;
    await expectAppError(createListing(user, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) })), suspended);
    await expectAppError(placeBid(user, { productId: product.id, price: 2000 }), suspended);
    await expectAppError(buyListing(user, { listingId: theirListing.id, expectedPrice: theirListing.price }), suspended);
    await expectAppError(buyLowest(user, { productId: product.id, maxPrice: MAX_PRICE }), suspended);
    await expectAppError(fillBid(user, theirBid.id, fillInput(theirBid.price)), suspended);
    await expectAppError(updateListing(user, own.id, { price: 4400 }), suspended);
    await expectAppError(requestWithdrawal(user, { amount: 1000, bankName: "테스트은행", accountNumber: "1234567890" }), suspended);
    expect(await footprint(user.id)).toEqual(before);
    await expectLedgerConsistent(user.id);
    await expectLedgerConsistent(other.id);
  });

  it("only an admin suspends, and not themselves", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const pretender = { ...(await makeUser()), role: "admin" as const };
    await expectAppError(suspendUser(user, admin.id, "테스트 정지"), { kind: "forbidden", code: "admin_only" });
    await expectAppError(suspendUser(pretender, user.id, "테스트 정지"), { kind: "forbidden", code: "admin_only" });
    await expectAppError(suspendUser(admin, admin.id, "테스트 정지"), { kind: "conflict", code: "self_suspend" });
    await expectAppError(suspendUser(admin, 2 ** 40, "테스트 정지"), { kind: "not_found", code: "user_not_found" });
    expect(await findUserForSignIn(user.email, user.password)).not.toBeNull();
  });
});
