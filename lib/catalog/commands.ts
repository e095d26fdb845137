import "server-only";
import { eq } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import { brands, products } from "@/db/schema";
import { assertAdmin } from "@/lib/accounts/commands";
import { AppError, fieldError } from "@/lib/errors";
import { catalogChanged } from "@/lib/market/changes";
import { affected, command, type Actor } from "@/lib/write/command";
import type { BrandInput, ProductInput } from "./schemas";

// Admin: the catalog of brands and products. Every change fences the catalog's cached views, so pages are
// re-read from a node that has the change.

export async function createBrand(admin: Actor, input: BrandInput) {
  try {
    return await command(async (tx, emit) => {
      await assertAdmin(tx, admin);
      const [{ id }] = await tx.insert(brands).values(input).$returningId();
      emit(catalogChanged());
      return { id };
    });
  } catch (e) {
    if (isDuplicate(e, "brands_slug_uq")) throw fieldError("slug", "이미 쓰이는 주소용 이름입니다.", "slug_taken");
    throw e;
  }
}

export async function createProduct(admin: Actor, input: ProductInput) {
  return command(async (tx, emit) => {
    await assertAdmin(tx, admin);
    const [b] = await tx.select({ category: brands.category }).from(brands).where(eq(brands.id, input.brandId));
    if (!b) throw fieldError("brandId", "브랜드를 찾을 수 없습니다.", "brand_not_found");
    const [{ id }] = await tx.insert(products).values({ ...input, category: b.category }).$returningId();
    emit(catalogChanged(id));
    return { id };
  });
}

export async function updateProduct(admin: Actor, productId: number, input: Partial<ProductInput>) {
  return command(async (tx, emit) => {
    await assertAdmin(tx, admin);
    const res = await tx.update(products).set(input).where(eq(products.id, productId));
    if (affected(res) === 0) {
      const [p] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId));
      if (!p) throw new AppError("not_found", "product_not_found", "상품을 찾을 수 없습니다.");
    }
    emit(catalogChanged(productId));
    return { id: productId };
  });
}
