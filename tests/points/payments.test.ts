import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { payments, testProviderCharges, withdrawals } from "@/db/schema";
import { pendingWithdrawals } from "@/lib/admin/queries";
import { suspendUser } from "@/lib/accounts/commands";
import { processWithdrawal, reconcilePayments, requestWithdrawal, settlePayment, topUp } from "@/lib/points/commands";
import { paymentProvider } from "@/lib/points/payments";
import { TEST_CARDS } from "@/lib/points/test-cards";
import { unseal } from "@/lib/security/secret-box";
import type { Idempotency } from "@/lib/write/command";
import { checkLedgersAfterEach, expectAppError, expectLedgerConsistent, footprint, ledgerOf, makeAdmin, makeUser } from "../support/factory";

// Money in and out under retries and crashes (issue 8, item 3): a top-up is a payment row that is
// pending before the provider is called, charged with the provider's own idempotency key, and credited
// in the transaction that marks it succeeded; a pending one left by a dead process is reconciled.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const key = (scope: string): Idempotency => ({ key: `test-${randomUUID()}`, scope, request: {} });
const paymentsOf = (userId: number) => primaryDb().select().from(payments).where(eq(payments.userId, userId));
const chargesFor = async (providerKey: string) =>
  Number((await primaryDb().select({ n: count() }).from(testProviderCharges).where(eq(testProviderCharges.idemKey, providerKey)))[0].n);

describe("top-up with an Idempotency-Key", () => {
  it("sent twice (one after the other) credits once and answers the same", async () => {
    const user = await makeUser();
    const k = key("top-up");
    const first = await topUp(user, { amount: 10_000, card: TEST_CARDS.success }, k);
    const again = await topUp(user, { amount: 10_000, card: TEST_CARDS.success }, k);
    expect(again.value).toEqual(first.value);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 10_000 });
    const rows = await paymentsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(await chargesFor(rows[0].providerKey)).toBe(1);
  });

  it("sent 8 times at once credits once; the same key with another amount is refused", async () => {
    const user = await makeUser();
    const k = key("top-up");
    const all = await Promise.allSettled(Array.from({ length: 8 }, () => topUp(user, { amount: 20_000, card: TEST_CARDS.success }, k)));
    const ok = all.filter((r) => r.status === "fulfilled");
    expect(ok.length).toBeGreaterThan(0);
    for (const r of all) if (r.status === "rejected") throw r.reason;
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 20_000 });
    expect(await paymentsOf(user.id)).toHaveLength(1);
    await expectAppError(topUp(user, { amount: 30_000, card: TEST_CARDS.success }, k), { kind: "conflict", code: "idempotency_key_reused" });
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 20_000 });
  });

  it("a declined card under a key stays declined on retry, and is charged (declined) once", async () => {
    const user = await makeUser();
    const k = key("top-up");
    await expectAppError(topUp(user, { amount: 5_000, card: TEST_CARDS.declined }, k), { kind: "invalid", code: "payment_declined", field: "card" });
    await expectAppError(topUp(user, { amount: 5_000, card: TEST_CARDS.declined }, k), { kind: "invalid", code: "payment_declined", field: "card" });
    const rows = await paymentsOf(user.id);
    expect(rows.map((r) => r.status)).toEqual(["failed"]);
    expect(await chargesFor(rows[0].providerKey)).toBe(1);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 0 });
  });
});

describe("a process that dies between the charge and the credit", () => {
  // The steps of topUp run by hand, stopping after the provider charged: what a crash leaves behind.
  async function chargedButNotCredited(userId: number, amount: number) {
    const provider = paymentProvider();
    const providerKey = `pay_${randomUUID()}`;
    const [{ id }] = await primaryDb().insert(payments).values({ userId, provider: provider.name, providerKey, amount }).$returningId();
    const charged = await provider.charge({ key: providerKey, userId, amount, card: TEST_CARDS.success });
    expect(charged.ok).toBe(true);
    return { id, providerKey };
  }

  it("leaves a pending payment that the sweeper credits, exactly once", async () => {
    const user = await makeUser();
    const { id } = await chargedButNotCredited(user.id, 7_000);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 0 });

    expect(await reconcilePayments(0)).toBeGreaterThanOrEqual(1);
    const [row] = await primaryDb().select().from(payments).where(eq(payments.id, id));
    expect(row.status).toBe("succeeded");
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 7_000 });
    expect((await ledgerOf(user.id)).map((l) => [l.kind, l.refId])).toEqual([["top_up", id]]);

    // Reconciling again, or the original request finally settling, credits nothing more.
    await reconcilePayments(0);
    await settlePayment(id, { ok: true, ref: "late" });
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 7_000 });
  });

  it("a pending payment the provider never saw is marked failed and credits nothing", async () => {
    const user = await makeUser();
    const [{ id }] = await primaryDb().insert(payments).values({ userId: user.id, provider: "test", providerKey: `pay_${randomUUID()}`, amount: 9_000 }).$returningId();
    await reconcilePayments(0);
    const [row] = await primaryDb().select().from(payments).where(eq(payments.id, id));
    expect(row.status).toBe("failed");
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 0 });
  });

  it("young pending payments (a request still in flight) are left alone", async () => {
    const user = await makeUser();
    const { id } = await chargedButNotCredited(user.id, 3_000);
    await reconcilePayments(60_000);
    const [row] = await primaryDb().select().from(payments).where(eq(payments.id, id));
    expect(row.status).toBe("pending");
    await reconcilePayments(0);
  });
});

describe("withdrawals", () => {
  const bank = { bankName: "국민은행", accountNumber: "12345678901234" };

  it("store the account encrypted in full; only the payout screen shows it", async () => {
    const admin = await makeAdmin();
    const user = await makeUser({ points: 10_000 });
    const { value } = await requestWithdrawal(user, { amount: 3_000, ...bank });
    const [row] = await primaryDb().select().from(withdrawals).where(eq(withdrawals.id, value.id));
    expect(row.accountMasked).toBe("123********234");
    expect(row.accountCipher.toString("latin1")).not.toContain(bank.accountNumber);
    expect(unseal(row.accountCipher, "withdrawal-account")).toBe(bank.accountNumber);
    expect(() => unseal(row.accountCipher)).toThrow(); // sealed for its purpose: not readable as a code
    const screen = await pendingWithdrawals({ minSeq: 0 });
    expect(screen.find((w) => w.id === value.id)).toMatchObject({ accountNumber: bank.accountNumber, accountMasked: "123********234" });
    await processWithdrawal(admin, value.id, "paid");
  });

  it("are idempotent under one Idempotency-Key, also at once", async () => {
    const user = await makeUser({ points: 10_000 });
    const k = key("withdrawal");
    const all = await Promise.all(Array.from({ length: 5 }, () => requestWithdrawal(user, { amount: 4_000, ...bank }, k)));
    for (const r of all) expect(r.value).toEqual(all[0].value);
    expect(await expectLedgerConsistent(user.id)).toMatchObject({ points: 6_000 });
    expect(await primaryDb().select().from(withdrawals).where(eq(withdrawals.userId, user.id))).toHaveLength(1);
  });

  it("nobody pays out their own request; a suspended member's payout waits (it can be rejected)", async () => {
    const admin = await makeAdmin();
    const other = await makeAdmin();
    await topUp(admin, { amount: 5_000, card: TEST_CARDS.success });
    const own = await requestWithdrawal(admin, { amount: 2_000, ...bank });
    const before = await footprint(admin.id);
    await expectAppError(processWithdrawal(admin, own.value.id, "paid"), { kind: "forbidden", code: "own_case" });
    await expectAppError(processWithdrawal(admin, own.value.id, "rejected"), { kind: "forbidden", code: "own_case" });
    expect(await footprint(admin.id)).toEqual(before);
    await processWithdrawal(other, own.value.id, "paid");

    const member = await makeUser({ points: 8_000 });
    const req = await requestWithdrawal(member, { amount: 8_000, ...bank });
    await suspendUser(admin, member.id, "사기 의심");
    await expectAppError(processWithdrawal(other, req.value.id, "paid"), { kind: "conflict", code: "payee_suspended" });
    await processWithdrawal(other, req.value.id, "rejected", "정지 회원");
    expect(await expectLedgerConsistent(member.id)).toMatchObject({ points: 8_000 });
  });
});
