import { z } from "zod";

// Input of the order commands (API and forms share these).

export const disputeSchema = z.object({
  reason: z
    .string({ error: "무엇이 문제인지 적어 주세요." })
    .trim()
    .min(5, "문제 내용을 5자 이상 적어 주세요.")
    .max(500, "문제 내용은 500자 이하로 적어 주세요."),
});
export type DisputeInput = z.infer<typeof disputeSchema>;
