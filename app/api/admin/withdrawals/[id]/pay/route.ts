import { AppError } from "@/lib/errors";
import { adminApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { processWithdrawal } from "@/lib/points/commands";

const notFound = () => new AppError("not_found", "withdrawal_not_found", "출금 신청을 찾을 수 없습니다.");

// POST /api/admin/withdrawals/{id}/pay → {id, status:"paid"}: the admin has paid the request out. 403
// own_case for the admin's own request; 409 payee_suspended while the member is suspended.
export const POST = adminApi<{ id: string }>({ write: true }, async ({ actor, params }) => {
  const id = pathId(params.id, notFound);
  const { value, seq } = await processWithdrawal(actor, id, "paid");
  return { body: value, seq };
});
