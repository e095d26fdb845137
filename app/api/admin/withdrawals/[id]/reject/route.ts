import { rejectWithdrawalSchema } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";
import { adminApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { processWithdrawal } from "@/lib/points/commands";

const notFound = () => new AppError("not_found", "withdrawal_not_found", "출금 신청을 찾을 수 없습니다.");

// POST /api/admin/withdrawals/{id}/reject {reason} → {id, status:"rejected"}: the points go back to the member.
export const POST = adminApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const id = pathId(params.id, notFound);
  const { reason } = parseOrThrow(rejectWithdrawalSchema, body);
  const { value, seq } = await processWithdrawal(actor, id, "rejected", reason);
  return { body: value, seq };
});
