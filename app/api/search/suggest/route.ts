import { z } from "zod";
import { api } from "@/lib/http/api";
import { queryObject } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { suggest } from "@/lib/search/queries";

const suggestQuery = z.object({
  q: z.string().trim().max(50, "검색어는 50자 이하로 입력해 주세요.").default(""),
  limit: z.coerce.number().int().min(1).max(10).default(8),
});

// GET /api/search/suggest?q=&limit= → {items: [{id, brandName, name, emoji, brandColor, faceValue}]}
// What the search box offers while one types (the same ranking as the browse page's search).
export const GET = api({}, async ({ req }) => {
  const { q, limit } = parseOrThrow(suggestQuery, queryObject(req.nextUrl.searchParams));
  const items = q ? await suggest(q, limit) : [];
  return { body: { items }, headers: { "Cache-Control": "private, max-age=30" } };
});
