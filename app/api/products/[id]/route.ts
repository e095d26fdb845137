import { getProductBook } from "@/lib/catalog/queries";
import { AppError } from "@/lib/errors";
import { api } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { bookJson } from "@/lib/http/shapes";

const notFound = () => new AppError("not_found", "product_not_found", "상품을 찾을 수 없습니다.");

// GET /api/products/{id} → {product, asks (cheapest first), bids (highest first), trades (newest first)}
export const GET = api<{ id: string }>({}, async ({ params, minSeq }) => {
  const book = await getProductBook(pathId(params.id, notFound), { minSeq });
  if (!book) throw notFound();
  return { body: bookJson(book) };
});
