"use server";

import { withJosa } from "@/lib/josa";
import { requestWithdrawal, topUp } from "@/lib/points/commands";
import { topUpSchema, withdrawSchema } from "@/lib/points/schemas";
import { formAction } from "@/lib/forms/action";
import { won } from "@/lib/format";

// Points in (test-mode card payment) and out (a withdrawal request an admin pays out).

export const topUpAction = formAction({ schema: topUpSchema, limit: "trade", }, async (input, { actor, idempotency }) => {
  const { seq, value } = await topUp(actor, input, idempotency("ui:top-up", {}));
  if (value.status === "pending") return { seq, message: `${won(input.amount)} 결제를 확인하고 있습니다. 잠시 후 포인트 내역에서 확인해 주세요.` };
  return { seq, message: `${withJosa(won(input.amount), "을/를")} 충전했습니다. 보유 포인트 ${won(value.points)}.` };
});

export const withdrawAction = formAction({ schema: withdrawSchema, secret: ["accountNumber"] }, async (input, { actor, idempotency }) => {
  const { seq, value } = await requestWithdrawal(actor, input, idempotency("ui:withdrawal", {}));
  return { seq, message: `${won(input.amount)} 출금을 신청했습니다. 관리자가 확인 후 입금합니다. 남은 포인트 ${won(value.points)}.` };
});
