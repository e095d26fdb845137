import { z } from "zod";
import { CATEGORIES } from "@/db/schema";
import { SORTS, VALIDITY_FILTERS, type Sort, type ValidityFilter } from "./categories";

// Search and filter parameters, as they arrive from a URL (pages and GET /api/products).
export const MAX_CATALOG_OFFSET = 100_000;
/** The catalog query's fields as sent (the OpenAPI document describes these). */
export const catalogQueryFields = z.object({
  q: z.string().trim().max(50, "검색어는 50자 이하로 입력해 주세요.").optional().transform((v) => v || undefined),
  category: z.enum(CATEGORIES, { error: "알 수 없는 카테고리입니다." }).optional(),
  brand: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z0-9-]+$/, "알 수 없는 브랜드입니다.")
    .optional(),
  // Without a sort, a search is by relevance and everything else by popularity (relevance without a query
  // is popularity).
  sort: z.enum(Object.keys(SORTS) as [Sort, ...Sort[]], { error: "알 수 없는 정렬입니다." }).optional(),
  valid: z.enum(Object.keys(VALIDITY_FILTERS) as [ValidityFilter, ...ValidityFilter[]], { error: "알 수 없는 유효기간 조건입니다." }).optional(),
  // An offset into the results: bounded, so it always fits the database's LIMIT … OFFSET.
  cursor: z
    .string()
    .max(20, "잘못된 페이지 커서입니다.")
    .regex(/^\d{1,6}$/, "잘못된 페이지 커서입니다.")
    .refine((v) => Number(v) <= MAX_CATALOG_OFFSET, "잘못된 페이지 커서입니다.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(60).default(24),
});
export const catalogQuerySchema = catalogQueryFields.transform((v) => ({ ...v, q: v.q ? v.q.normalize("NFC").replace(/\s+/g, " ") : undefined, sort: (v.sort === "relevance" && !v.q ? "popular" : (v.sort ?? (v.q ? "relevance" : "popular"))) as Sort }));
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const productIdSchema = z.coerce.number({ error: "잘못된 상품 번호입니다." }).int().positive().max(2 ** 53 - 1);

const hex = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "색은 #00704A 형식으로 입력해 주세요.");
export const brandSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,40}$/, "주소용 이름은 영문 소문자, 숫자, - 로 2~40자입니다."),
  name: z.string().trim().min(1, "브랜드 이름을 입력해 주세요.").max(60),
  nameEn: z.string().trim().min(1, "영문 이름을 입력해 주세요.").max(60),
  category: z.enum(CATEGORIES, { error: "카테고리를 고르세요." }),
  color: hex.default("#64748b"),
});
export type BrandInput = z.infer<typeof brandSchema>;

export const productSchema = z.object({
  brandId: z.coerce.number({ error: "브랜드를 고르세요." }).int().positive("브랜드를 고르세요."),
  name: z.string().trim().min(1, "상품 이름을 입력해 주세요.").max(100),
  nameEn: z.string().trim().min(1, "영문 이름을 입력해 주세요.").max(100),
  faceValue: z.preprocess(
    (v) => (typeof v === "string" ? Number(v.replace(/[,\s원₩]/g, "")) : v),
    z.number({ error: "정가를 숫자로 입력해 주세요." }).int("정가는 원 단위 정수입니다.").min(100, "정가는 100원 이상입니다.").max(10_000_000),
  ),
  emoji: z.string().trim().min(1, "대표 이모지를 입력해 주세요.").max(16).default("🎁"),
  active: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).default(true),
});
export type ProductInput = z.infer<typeof productSchema>;
