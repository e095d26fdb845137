import { createProduct } from "@/lib/catalog/commands";
import { productSchema } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";

// POST /api/admin/products {brandId, name, nameEn, faceValue, emoji?} → 201 {id}: admins add a product to
// the catalog (the command re-checks the role on the primary; the session's role is only a first filter).
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  if (actor.role !== "admin") throw new AppError("forbidden", "admin_only", "관리자만 할 수 있습니다.");
  const { value, seq } = await createProduct(actor, parseOrThrow(productSchema, body));
  return { status: 201, body: { id: value.id }, seq };
});
