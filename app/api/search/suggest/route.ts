import { api } from "@/lib/http/api";
import { queryObject } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { suggest } from "@/lib/search/queries";
import { suggestQuerySchema } from "@/lib/search/schemas";

// GET /api/search/suggest?q=&limit= → {items: [{id, brandName, name, emoji, brandColor, faceValue}]}
// What the search box offers while one types (the same ranking as the browse page's search).
export const GET = api({}, async ({ req }) => {
  const { q, limit } = parseOrThrow(suggestQuerySchema, queryObject(req.nextUrl.searchParams));
  const items = q ? await suggest(q, limit) : [];
  return { body: { items }, headers: { "Cache-Control": "private, max-age=30" } };
});
