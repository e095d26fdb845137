import "server-only";
import { and, eq } from "drizzle-orm";
import { payments, withdrawals } from "@/db/schema";
import { assertActive, assertAdmin } from "@/lib/accounts/commands";
import { AppError, fieldError } from "@/lib/errors";
import { affected, command, type Actor } from "@/lib/write/command";
import { moveBalance } from "./ledger";
import { paymentProvider } from "./payments";

// Points in and out. A top-up charges the payment provider first, then credits the points with the
// payment's reference in one transaction (the reference is unique, so a payment is never credited twice).

const checkAmount = (amount: number) => {
  // The schemas bound amounts at the edge; a command must not rely on its caller having done so.
  if (!Number.isSafeInteger(amount) || amount <= 0) throw fieldError("amount", "금액은 0보다 큰 원 단위 정수여야 합니다.", "invalid_amount");
};

export async function topUp(actor: Actor, input: { amount: number; card: string }) {
  checkAmount(input.amount);
  const provider = paymentProvider();
  const charge = await provider.charge({ userId: actor.id, amount: input.amount, card: input.card });
  if (!charge.ok) throw fieldError("card", charge.reason, "payment_declined");
  return command(async (tx) => {
    await assertActive(tx, actor);
    const [{ id }] = await tx
      .insert(payments)
      .values({ userId: actor.id, provider: provider.name, providerRef: charge.ref, amount: input.amount, status: "succeeded" })
      .$returningId();
    const after = await moveBalance(tx, actor.id, "top_up", { points: input.amount }, { type: "payment", id }, provider.testMode ? "포인트 충전 (테스트 모드)" : "포인트 충전");
    return { points: after.points, heldPoints: after.heldPoints, paymentId: id };
  });
}

/** A withdrawal request takes the points at once; an admin then pays it out or rejects it (points back). */
export async function requestWithdrawal(actor: Actor, input: { amount: number; bankName: string; accountNumber: string }) {
  checkAmount(input.amount);
  return command(async (tx) => {
    await assertActive(tx, actor);
    const accountMasked = `${input.accountNumber.slice(0, 3)}${"*".repeat(Math.max(0, input.accountNumber.length - 6))}${input.accountNumber.slice(-3)}`;
    const [{ id }] = await tx.insert(withdrawals).values({ userId: actor.id, amount: input.amount, bankName: input.bankName, accountMasked }).$returningId();
    const after = await moveBalance(tx, actor.id, "withdrawal", { points: -input.amount }, { type: "withdrawal", id }, `출금 신청 (${input.bankName} ${accountMasked})`);
    return { id, points: after.points };
  });
}

export async function processWithdrawal(admin: Actor, withdrawalId: number, outcome: "paid" | "rejected") {
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const [w] = await tx.select().from(withdrawals).where(eq(withdrawals.id, withdrawalId)).for("update");
    if (!w) throw new AppError("not_found", "withdrawal_not_found", "출금 신청을 찾을 수 없습니다.");
    const res = await tx
      .update(withdrawals)
      .set({ status: outcome, processedAt: new Date() })
      .where(and(eq(withdrawals.id, w.id), eq(withdrawals.status, "requested")));
    if (affected(res) !== 1) throw new AppError("conflict", "withdrawal_processed", "이미 처리된 출금 신청입니다.");
    if (outcome === "rejected") {
      await moveBalance(tx, w.userId, "withdrawal_reverted", { points: w.amount }, { type: "withdrawal", id: w.id }, "출금 반려");
    }
    return { id: w.id, status: outcome };
  });
}
