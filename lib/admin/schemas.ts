import { z } from "zod";

// Input of the admin commands (the admin pages and the admin JSON API share these).

/** Why an admin decided as they did: kept in the audit log. */
export const adminReasonSchema = z
  .string({ error: "사유를 입력해 주세요." })
  .trim()
  .min(2, "사유를 2자 이상 입력해 주세요.")
  .max(500, "사유는 500자 이하로 입력해 주세요.");

export const suspendSchema = z.object({ reason: adminReasonSchema });
export const reinstateSchema = z.object({ reason: adminReasonSchema.optional() });
export const resolveSchema = z.object({
  outcome: z.enum(["complete", "refund"], { error: 'outcome은 "complete" 또는 "refund"입니다.' }),
  note: adminReasonSchema,
});
export const rejectWithdrawalSchema = z.object({ reason: adminReasonSchema });
export const auditQuerySchema = z.object({
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
