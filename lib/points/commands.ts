import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { primaryDb } from "@/db/primary";
import { payments, users, withdrawals } from "@/db/schema";
import { assertActive, assertAdmin } from "@/lib/accounts/commands";
import { audit } from "@/lib/admin/audit";
import { AppError, describeError, fieldError } from "@/lib/errors";
import { codeHmac } from "@/lib/gifticons/code-crypto";
import { seal } from "@/lib/security/secret-box";
import { affected, command, idempotentCommand, type Actor, type Idempotency } from "@/lib/write/command";
import { ACCOUNT_SEAL_PURPOSE, maskAccount } from "./account";
import { balanceOf, moveBalance } from "./ledger";
import { paymentProvider, type ChargeResult } from "./payments";

// Points in and out.
//
// A top-up is a state machine on its payment row:  pending ──charge ok──► succeeded (+ the credit)
//                                                          └─declined──► failed
// 1. the row is committed `pending`, with a fresh provider key, before the provider is called;
// 2. the provider is charged with that key (it charges at most once per key);
// 3. one transaction marks the row `succeeded` and credits the points (ledger row included), or `failed`.
// A retry with the same Idempotency-Key finds the same row and so the same provider key: it can never
// charge or credit twice. If the process dies between 2 and 3, the sweeper (reconcilePayments) asks the
// provider what became of the key and finishes step 3. A charge and its credit commit together or not at
// all; a payment whose provider call ran out of time stays pending (202) until it is reconciled.

export const PROVIDER_TIMEOUT_MS = 5_000;
/** Pending payments older than this are reconciled by the sweeper (well past any live request). */
export const RECONCILE_AFTER_MS = 60_000;

const checkAmount = (amount: number) => {
  // The schemas bound amounts at the edge; a command must not rely on its caller having done so.
  if (!Number.isSafeInteger(amount) || amount <= 0) throw fieldError("amount", "금액은 0보다 큰 원 단위 정수여야 합니다.", "invalid_amount");
};

/** What an Idempotency-Key is bound to when the request carries a card or account number: its keyed hash. */
const secretFingerprint = (v: string) => codeHmac(v).toString("base64url");

export type TopUpResult =
  | { status: "succeeded"; paymentId: number; points: number; heldPoints: number }
  | { status: "pending"; paymentId: number };

export async function topUp(actor: Actor, input: { amount: number; card: string }, idem?: Idempotency) {
  checkAmount(input.amount);
  const provider = paymentProvider();
  const key = idem && { ...idem, request: { amount: input.amount, card: secretFingerprint(input.card) } };
  const started = await idempotentCommand(actor, key, async (tx) => {
    await assertActive(tx, actor);
    const providerKey = `pay_${randomUUID()}`;
    const [{ id }] = await tx.insert(payments).values({ userId: actor.id, provider: provider.name, providerKey, amount: input.amount }).$returningId();
    return { paymentId: id };
  });
  const payment = await loadPayment(started.value.paymentId);
  if (payment.status === "pending") {
    let result: ChargeResult;
    try {
      result = await withDeadline(provider.charge({ key: payment.providerKey, userId: actor.id, amount: payment.amount, card: input.card }), PROVIDER_TIMEOUT_MS);
    } catch (e) {
      // Unknown whether the provider charged: the row stays pending and the sweeper settles it.
      console.warn(`[payments] charge of payment ${payment.id} did not answer:`, describeError(e));
      return { value: { status: "pending", paymentId: payment.id } as TopUpResult, seq: started.seq };
    }
    const settled = await settlePayment(payment.id, result);
    return { value: await outcome(payment.id), seq: Math.max(started.seq, settled.seq) };
  }
  return { value: await outcome(payment.id), seq: started.seq };
}

async function loadPayment(id: number) {
  const [p] = await primaryDb().select().from(payments).where(eq(payments.id, id));
  if (!p) throw new AppError("not_found", "payment_not_found", "결제를 찾을 수 없습니다.");
  return p;
}

/** A settled payment as the caller sees it: the balance after a success, the provider's reason for a failure. */
async function outcome(paymentId: number): Promise<TopUpResult> {
  const p = await loadPayment(paymentId);
  if (p.status === "failed") throw fieldError("card", p.failureReason ?? "결제가 거절되었습니다.", "payment_declined");
  if (p.status === "pending") return { status: "pending", paymentId };
  const [u] = await primaryDb().select({ points: users.points, heldPoints: users.heldPoints }).from(users).where(eq(users.id, p.userId));
  return { status: "succeeded", paymentId, points: u.points, heldPoints: u.heldPoints };
}

/** Step 3: the provider's outcome, recorded once; a success credits the points in the same transaction. */
export async function settlePayment(paymentId: number, result: ChargeResult) {
  const provider = paymentProvider();
  return command(async (tx) => {
    const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for("update");
    if (!p || p.status !== "pending") return { settled: false };
    if (result.ok) {
      await tx.update(payments).set({ status: "succeeded", providerRef: result.ref }).where(eq(payments.id, p.id));
      await moveBalance(tx, p.userId, "top_up", { points: p.amount }, { type: "payment", id: p.id }, provider.testMode ? "포인트 충전 (테스트 모드)" : "포인트 충전");
    } else {
      await tx.update(payments).set({ status: "failed", providerRef: result.ref, failureReason: result.reason.slice(0, 200) }).where(eq(payments.id, p.id));
    }
    return { settled: true };
  });
}

/**
 * The sweeper's part: pending payments older than RECONCILE_AFTER_MS are settled from what the provider
 * says became of their key; a key the provider never saw charged nothing, so the payment failed.
 */
export async function reconcilePayments(olderThanMs = RECONCILE_AFTER_MS, limit = 50): Promise<number> {
  const provider = paymentProvider();
  const due = await primaryDb()
    .select({ id: payments.id, providerKey: payments.providerKey })
    .from(payments)
    // At least that old (0: everything pending now, the row inserted this millisecond included), oldest
    // first: the order of payments_pending_ix (status, created_at), so no sort.
    .where(and(eq(payments.status, "pending"), lte(payments.createdAt, sql`NOW(3) - INTERVAL ${Math.round(olderThanMs)} * 1000 MICROSECOND`)))
    .orderBy(asc(payments.createdAt))
    .limit(limit);
  let n = 0;
  for (const p of due) {
    const found = await withDeadline(provider.lookup(p.providerKey), PROVIDER_TIMEOUT_MS);
    const { value } = await settlePayment(p.id, found ?? { ok: false, ref: "", reason: "결제가 완료되지 않았습니다 (결제사에 기록 없음)." });
    if (value.settled) n++;
  }
  return n;
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`payment provider did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------------


/**
 * A withdrawal request takes the points at once; an admin then pays it out (to the account stored
 * encrypted in full) or rejects it (points back). Idempotent under one Idempotency-Key.
 */
export async function requestWithdrawal(actor: Actor, input: { amount: number; bankName: string; accountNumber: string }, idem?: Idempotency) {
  checkAmount(input.amount);
  const key = idem && { ...idem, request: { amount: input.amount, bankName: input.bankName, account: secretFingerprint(input.accountNumber) } };
  return idempotentCommand(actor, key, async (tx) => {
    await assertActive(tx, actor);
    const accountMasked = maskAccount(input.accountNumber);
    const [{ id }] = await tx
      .insert(withdrawals)
      .values({ userId: actor.id, amount: input.amount, bankName: input.bankName, accountMasked, accountCipher: seal(input.accountNumber, ACCOUNT_SEAL_PURPOSE) })
      .$returningId();
    await moveBalance(tx, actor.id, "withdrawal", { points: -input.amount }, { type: "withdrawal", id }, `출금 신청 (${input.bankName} ${accountMasked})`);
    return { id, points: (await balanceOf(tx, actor.id)).points };
  });
}

/**
 * Admin: the request was paid out (or is rejected, and the points go back). Nobody processes their own
 * request, and a suspended member's payout waits until they are reinstated (it can still be rejected).
 */
export async function processWithdrawal(admin: Actor, withdrawalId: number, outcome: "paid" | "rejected", reason?: string | null) {
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const [w] = await tx.select().from(withdrawals).where(eq(withdrawals.id, withdrawalId)).for("update");
    if (!w) throw new AppError("not_found", "withdrawal_not_found", "출금 신청을 찾을 수 없습니다.");
    if (w.userId === admin.id) throw new AppError("forbidden", "own_case", "본인의 출금 신청은 다른 관리자가 처리해야 합니다.");
    if (outcome === "paid") {
      const [u] = await tx.select({ status: users.status }).from(users).where(eq(users.id, w.userId));
      if (u?.status !== "active") throw new AppError("conflict", "payee_suspended", "이용이 정지된 회원에게는 지급할 수 없습니다. 정지를 풀거나 반려하세요.");
    }
    const res = await tx
      .update(withdrawals)
      .set({ status: outcome, processedAt: new Date(), processedBy: admin.id })
      .where(and(eq(withdrawals.id, w.id), eq(withdrawals.status, "requested")));
    if (affected(res) !== 1) throw new AppError("conflict", "withdrawal_processed", "이미 처리된 출금 신청입니다.");
    if (outcome === "rejected") {
      await moveBalance(tx, w.userId, "withdrawal_reverted", { points: w.amount }, { type: "withdrawal", id: w.id }, "출금 반려");
    }
    await audit(tx, admin, { action: outcome === "paid" ? "withdrawal.pay" : "withdrawal.reject", target: { type: "withdrawal", id: w.id }, reason, detail: { amount: w.amount } });
    return { id: w.id, status: outcome };
  });
}
