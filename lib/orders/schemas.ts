import { z } from "zod";
import { imageDataUrlSchema } from "@/lib/market/schemas";

// Input of the order commands (API and forms share these).

/** What went wrong, as the buyer picks it (the admin page groups and reads cases by it). */
export const DISPUTE_CATEGORIES = {
  already_used: "이미 사용된 코드",
  not_recognized: "코드가 인식되지 않음",
  expired: "유효기간이 지남",
  wrong_product: "다른 상품·금액",
  other: "기타",
} as const;
export type DisputeCategory = keyof typeof DISPUTE_CATEGORIES;
const categoryKeys = Object.keys(DISPUTE_CATEGORIES) as [DisputeCategory, ...DisputeCategory[]];

export const disputeSchema = z.object({
  category: z.enum(categoryKeys, { error: "어떤 문제인지 골라 주세요." }).default("other"),
  reason: z
    .string({ error: "무엇이 문제인지 적어 주세요." })
    .trim()
    .min(5, "문제 내용을 5자 이상 적어 주세요.")
    .max(500, "문제 내용은 500자 이하로 적어 주세요."),
});
export type DisputeInput = z.infer<typeof disputeSchema>;

export const disputeResponseSchema = z.object({
  response: z
    .string({ error: "답변을 적어 주세요." })
    .trim()
    .min(5, "답변을 5자 이상 적어 주세요.")
    .max(1000, "답변은 1,000자 이하로 적어 주세요."),
});

/** POST /api/orders/{id}/dispute: the API's dispute also takes the photo, as a data URL (the form posts a file). */
export const apiDisputeSchema = disputeSchema.extend({ photo: imageDataUrlSchema.optional() });

/** PUT /api/orders/{id}/used: the buyer's own "사용 완료" mark. */
export const markUsedSchema = z.object({ used: z.boolean({ error: "used는 true 또는 false입니다." }) });
