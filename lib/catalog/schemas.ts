import { z } from "zod";
import { CATEGORIES } from "@/db/schema";
import { SORTS, type Sort } from "./categories";

// Search and filter parameters, as they arrive from a URL (pages and GET /api/products).
export const catalogQuerySchema = z.object({
  q: z.string().trim().max(50, "검색어는 50자 이하로 입력해 주세요.").optional().transform((v) => v || undefined),
  category: z.enum(CATEGORIES, { error: "알 수 없는 카테고리입니다." }).optional(),
  brand: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z0-9-]+$/, "알 수 없는 브랜드입니다.")
    .optional(),
  sort: z.enum(Object.keys(SORTS) as [Sort, ...Sort[]], { error: "알 수 없는 정렬입니다." }).default("popular"),
  cursor: z
    .string()
    .max(20)
    .regex(/^\d+$/, "잘못된 페이지 커서입니다.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(60).default(24),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const productIdSchema = z.coerce.number({ error: "잘못된 상품 번호입니다." }).int().positive().max(2 ** 53 - 1);
