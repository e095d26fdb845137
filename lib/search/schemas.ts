import { z } from "zod";
import { compact } from "./match";

// An alias as an admin enters it: what people type (stored compact: lower case, no spaces or punctuation,
// which is how queries are compared) and what it means (words of a brand or product name).
export const searchAliasSchema = z.object({
  alias: z
    .string({ error: "줄임말을 입력해 주세요." })
    .trim()
    .max(40, "줄임말은 40자 이하입니다.")
    .transform(compact)
    .refine((v) => v.length >= 1, "줄임말을 입력해 주세요. (띄어쓰기와 기호는 무시됩니다)"),
  expansion: z.string({ error: "뜻을 입력해 주세요." }).trim().min(1, "뜻을 입력해 주세요.").max(100, "뜻은 100자 이하입니다.").transform((v) => v.normalize("NFC").replace(/\s+/g, " ")),
});
export type SearchAliasInput = z.infer<typeof searchAliasSchema>;

/** GET /api/search/suggest: what the search box offers while one types. */
export const suggestQuerySchema = z.object({
  q: z.string().trim().max(50, "검색어는 50자 이하로 입력해 주세요.").default(""),
  limit: z.coerce.number().int().min(1).max(10).default(8),
});
