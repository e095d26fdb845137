import { createProduct } from "@/lib/catalog/commands";
import { productSchema } from "@/lib/catalog/schemas";
import { adminApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";

// POST /api/admin/products {brandId, name, nameEn, faceValue, emoji?} → 201 {id}: admins add a product to
// the catalog (the command re-checks the role on the primary; the session's role is only a first filter).
export const POST = adminApi({ write: true }, async ({ actor, body }) => {
  const { value, seq } = await createProduct(actor, parseOrThrow(productSchema, body));
  return { status: 201, body: { id: value.id }, seq };
});
