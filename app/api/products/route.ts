import { searchCatalog } from "@/lib/catalog/queries";
import { catalogQuerySchema } from "@/lib/catalog/schemas";
import { api } from "@/lib/http/api";
import { queryObject } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { catalogItemJson } from "@/lib/http/shapes";

// GET /api/products?q=&category=&brand=&sort=&cursor=&limit= → {items, nextCursor}
export const GET = api({}, async ({ req, minSeq }) => {
  const q = parseOrThrow(catalogQuerySchema, queryObject(req.nextUrl.searchParams));
  const page = await searchCatalog(q, { minSeq });
  return { body: { items: page.items.map(catalogItemJson), nextCursor: page.nextCursor } };
});
