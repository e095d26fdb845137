import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { payments, withdrawals } from "@/db/schema";
import { suspendUser } from "@/lib/accounts/commands";
import { TEST_CARDS } from "@/lib/points/payments";
import { processWithdrawal, requestWithdrawal, topUp } from "@/lib/points/commands";
import { topUpSchema, withdrawSchema } from "@/lib/points/schemas";
import {
  bidOn,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  footprint,
  ledgerOf,
  makeAdmin,
  makeCatalogProduct,
  makeUser,
} from "../support/factory";

// Points in and out (domain.md: Point ledger). Every change of a balance has its ledger row; a refused
// request writes nothing.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const withdrawalRow = async (id: number) => (await primaryDb().select().from(withdrawals).where(eq(withdrawals.id, id)))[0];
const bank = { bankName: "테스트은행", accountNumber: "1234567890" };

describe("top-up (test mode)", () => {
  it("with the success test card credits the points, records the payment and writes top_up", async () => {
    const user = await makeUser();
    const { value } = await topUp(user, topUpSchema.parse({ amount: "12,000", card: "4242 4242 4242 4242" }));
    expect(value).toMatchObject({ points: 12000, heldPoints: 0 });
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 12000 });
    const [entry] = await ledgerOf(user.id);
    expect(entry).toMatchObject({ kind: "top_up", pointsDelta: 12000, heldDelta: 0, pointsAfter: 12000, refType: "payment", refId: value.paymentId });
    const [pay] = await primaryDb().select().from(payments).where(eq(payments.id, value.paymentId));
    expect(pay).toMatchObject({ userId: user.id, amount: 12000, status: "succeeded", provider: "test" });

    await topUp(user, { amount: 3000, card: TEST_CARDS.success });
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 15000 });
  });

  it("with the declined test card (or any other card) is refused on field card: a failed payment is recorded, nothing credited", async () => {
    const user = await makeUser({ points: 1000 });
    const before = await footprint(user.id);
    await expectAppError(topUp(user, { amount: 5000, card: TEST_CARDS.declined }), { kind: "invalid", code: "payment_declined", field: "card" });
    await expectAppError(topUp(user, { amount: 5000, card: "5555555555554444" }), { kind: "invalid", code: "payment_declined", field: "card" });
    expect(await footprint(user.id)).toEqual({ ...before, payments: before.payments + 2 });
    const rows = await primaryDb().select().from(payments).where(eq(payments.userId, user.id));
    expect(rows.filter((p) => p.status === "failed").map((p) => p.amount)).toEqual([5000, 5000]);
    await expectLedgerConsistent(user.id);
  });

  it("the schema bounds the amount and the card number", () => {
    expect(topUpSchema.safeParse({ amount: 999 }).error?.issues[0].path).toEqual(["amount"]);
    expect(topUpSchema.safeParse({ amount: 2_000_001 }).error?.issues[0].path).toEqual(["amount"]);
    expect(topUpSchema.safeParse({ amount: 1000, card: "1234" }).error?.issues[0].path).toEqual(["card"]);
    expect(topUpSchema.parse({ amount: 1000 }).card).toBe(TEST_CARDS.success);
  });

  it("is refused for a suspended account", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    await suspendUser(admin, user.id, "테스트 정지");
    const before = await footprint(user.id);
    await expectAppError(topUp(user, { amount: 5000, card: TEST_CARDS.success }), { kind: "forbidden", code: "account_suspended" });
    expect(await footprint(user.id)).toEqual(before);
  });
});

describe("withdrawal", () => {
  it("takes the points at once (withdrawal); paid out, they stay gone", async () => {
    const admin = await makeAdmin();
    const user = await makeUser({ points: 10000 });
    const { value } = await requestWithdrawal(user, withdrawSchema.parse({ amount: "7,000", ...bank }));
    expect(value.points).toBe(3000);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 3000 });
    expect((await ledgerOf(user.id)).at(-1)).toMatchObject({ kind: "withdrawal", pointsDelta: -7000, refType: "withdrawal", refId: value.id });
    const row = await withdrawalRow(value.id);
    expect(row).toMatchObject({ userId: user.id, amount: 7000, status: "requested" });
    expect(row.accountMasked).not.toContain(bank.accountNumber);

    await processWithdrawal(admin, value.id, "paid");
    expect((await withdrawalRow(value.id)).status).toBe("paid");
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 3000 });
  });

  it("rejected: the points come back (withdrawal_reverted)", async () => {
    const admin = await makeAdmin();
    const user = await makeUser({ points: 10000 });
    const { value } = await requestWithdrawal(user, { amount: 4000, ...bank });
    const r = await processWithdrawal(admin, value.id, "rejected");
    expect(r.value).toEqual({ id: value.id, status: "rejected" });
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 10000 });
    expect((await ledgerOf(user.id)).at(-1)).toMatchObject({ kind: "withdrawal_reverted", pointsDelta: 4000, refType: "withdrawal", refId: value.id });
  });

  it("with too few points (held points do not count) is refused and writes nothing", async () => {
    const user = await makeUser({ points: 8000 });
    await bidOn(user, (await makeCatalogProduct(5000)).id, 3000); // 5000 free, 3000 held
    const before = await footprint(user.id);
    await expectAppError(requestWithdrawal(user, { amount: 5001, ...bank }), { kind: "conflict", code: "insufficient_points", field: "points" });
    expect(await footprint(user.id)).toEqual(before);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 5000, held: 3000 });
  });

  it("processed twice: refused, and the points move only once", async () => {
    const admin = await makeAdmin();
    const user = await makeUser({ points: 10000 });
    const a = (await requestWithdrawal(user, { amount: 2000, ...bank })).value;
    const b = (await requestWithdrawal(user, { amount: 3000, ...bank })).value;
    await processWithdrawal(admin, a.id, "rejected");
    await expectAppError(processWithdrawal(admin, a.id, "rejected"), { kind: "conflict", code: "withdrawal_processed" });
    await expectAppError(processWithdrawal(admin, a.id, "paid"), { kind: "conflict", code: "withdrawal_processed" });
    await processWithdrawal(admin, b.id, "paid");
    await expectAppError(processWithdrawal(admin, b.id, "rejected"), { kind: "conflict", code: "withdrawal_processed" });
    expect((await withdrawalRow(b.id)).status).toBe("paid");
    expect((await ledgerOf(user.id)).filter((e) => e.kind === "withdrawal_reverted")).toHaveLength(1);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 10000 - 3000 });
  });

  it("concurrent rejections give the points back once", async () => {
    const admin = await makeAdmin();
    const user = await makeUser({ points: 10000 });
    const { value } = await requestWithdrawal(user, { amount: 6000, ...bank });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => processWithdrawal(admin, value.id, "rejected")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 10000 });
  });

  it("only an admin (by the database, not the session) processes a withdrawal", async () => {
    const user = await makeUser({ points: 10000 });
    const { value } = await requestWithdrawal(user, { amount: 2000, ...bank });
    const pretender = { ...(await makeUser()), role: "admin" as const };
    await expectAppError(processWithdrawal(user, value.id, "rejected"), { kind: "forbidden", code: "admin_only" });
    await expectAppError(processWithdrawal(pretender, value.id, "rejected"), { kind: "forbidden", code: "admin_only" });
    expect((await withdrawalRow(value.id)).status).toBe("requested");
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 8000 });
  });

  it("the schema bounds the amount and checks the account number", () => {
    expect(withdrawSchema.safeParse({ amount: 999, ...bank }).error?.issues[0].path).toEqual(["amount"]);
    expect(withdrawSchema.safeParse({ amount: 1000, bankName: "테스트은행", accountNumber: "12-34" }).error?.issues[0].path).toEqual(["accountNumber"]);
    expect(withdrawSchema.parse({ amount: 1000, bankName: "테스트은행", accountNumber: "123-456-7890" }).accountNumber).toBe("1234567890");
  });
});
