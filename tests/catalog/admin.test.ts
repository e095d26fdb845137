import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { createBrand, createProduct, updateProduct } from "@/lib/catalog/commands";
import { getProductBook, listBrands, searchCatalog } from "@/lib/catalog/queries";
import { brandSchema, catalogQuerySchema, productSchema } from "@/lib/catalog/schemas";
import { checkLedgersAfterEach, expectAppError, listGifticon, makeAdmin, makeUser, uniq } from "../support/factory";

// The catalog is curated by admins (domain.md: Brand and Product). Every change fences the cached views,
// so the next read after the command returns already shows it, without waiting for anything.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const brandInput = () => brandSchema.parse({ slug: `brand-${uniq()}`, name: `브랜드 ${uniq()}`, nameEn: "Brand", category: "bakery", color: "#112233" });
const productInput = (brandId: number, name = `빵 ${uniq()}`) => productSchema.parse({ brandId, name, nameEn: "Bread", faceValue: "6,500", emoji: "🥐" });
const search = (q: string) => searchCatalog(catalogQuerySchema.parse({ q }));

describe("catalog admin", () => {
  it("creates a brand and a product that every view shows at once", async () => {
    const admin = await makeAdmin();
    const brand = brandInput();
    const { value: b } = await createBrand(admin, brand);
    const name = `크루아상 ${uniq()}`;
    const { value: p } = await createProduct(admin, productInput(b.id, name));

    const book = await getProductBook(p.id);
    expect(book?.product).toMatchObject({ id: p.id, name, faceValue: 6500, category: "bakery", brandSlug: brand.slug, brandColor: "#112233" });
    expect((await search(name)).items.map((i) => i.id)).toEqual([p.id]);
    expect((await listBrands()).find((x) => x.id === b.id)).toMatchObject({ slug: brand.slug, productCount: 1 });
  });

  it("updates a product: the book shows the change at once", async () => {
    const admin = await makeAdmin();
    const { value: b } = await createBrand(admin, brandInput());
    const { value: p } = await createProduct(admin, productInput(b.id));
    expect((await getProductBook(p.id))!.product.faceValue).toBe(6500);
    await updateProduct(admin, p.id, { faceValue: 7000, name: "새 이름" });
    expect((await getProductBook(p.id))!.product).toMatchObject({ faceValue: 7000, name: "새 이름" });
  });

  it("deactivating a product hides it from the catalog and its page at once, and it can no longer be listed", async () => {
    const admin = await makeAdmin();
    const { value: b } = await createBrand(admin, brandInput());
    const name = `단종 상품 ${uniq()}`;
    const { value: p } = await createProduct(admin, productInput(b.id, name));
    const seller = await makeUser();
    await listGifticon(seller, p.id, 5000);
    // Warm the views first, so that the change must invalidate cached entries.
    expect(await getProductBook(p.id)).not.toBeNull();
    expect((await search(name)).items.map((i) => i.id)).toEqual([p.id]);
    expect((await listBrands()).find((x) => x.id === b.id)?.productCount).toBe(1);

    await updateProduct(admin, p.id, { active: false });
    expect(await getProductBook(p.id)).toBeNull();
    // Other products may share a word of the name ("빵"); the deactivated one is not among them.
    expect((await search(name)).items.map((i) => i.id)).not.toContain(p.id);
    expect((await listBrands()).find((x) => x.id === b.id)?.productCount).toBe(0);
    await expectAppError(listGifticon(seller, p.id, 5000), { kind: "invalid", code: "product_not_found", field: "productId" });

    await updateProduct(admin, p.id, { active: true });
    expect((await getProductBook(p.id))?.product.id).toBe(p.id);
    expect((await search(name)).items.map((i) => i.id)).toEqual([p.id]);
  });

  it("is refused to users and to a session that merely claims admin; nothing changes", async () => {
    const admin = await makeAdmin();
    const { value: b } = await createBrand(admin, brandInput());
    const { value: p } = await createProduct(admin, productInput(b.id));
    const user = await makeUser();
    const pretender = { ...(await makeUser()), role: "admin" as const };
    for (const who of [user, pretender]) {
      await expectAppError(createBrand(who, brandInput()), { kind: "forbidden", code: "admin_only" });
      await expectAppError(createProduct(who, productInput(b.id)), { kind: "forbidden", code: "admin_only" });
      await expectAppError(updateProduct(who, p.id, { active: false }), { kind: "forbidden", code: "admin_only" });
      await expectAppError(updateProduct(who, p.id, { faceValue: 100 }), { kind: "forbidden", code: "admin_only" });
    }
    expect((await getProductBook(p.id))!.product.faceValue).toBe(6500);
    expect((await listBrands()).find((x) => x.id === b.id)?.productCount).toBe(1);
  });

  it("field errors: a taken slug, an unknown brand; an unknown product is not found", async () => {
    const admin = await makeAdmin();
    const brand = brandInput();
    await createBrand(admin, brand);
    await expectAppError(createBrand(admin, { ...brandInput(), slug: brand.slug }), { kind: "invalid", code: "slug_taken", field: "slug" });
    await expectAppError(createProduct(admin, productInput(2 ** 40)), { kind: "invalid", code: "brand_not_found", field: "brandId" });
    await expectAppError(updateProduct(admin, 2 ** 40, { active: false }), { kind: "not_found", code: "product_not_found" });
  });

  it("the schemas refuse a bad slug, colour or face value", () => {
    expect(brandSchema.safeParse({ ...brandInput(), slug: "Bad Slug!" }).error?.issues[0].path).toEqual(["slug"]);
    expect(brandSchema.safeParse({ ...brandInput(), color: "red" }).error?.issues[0].path).toEqual(["color"]);
    expect(productSchema.safeParse({ brandId: 1, name: "x", nameEn: "x", faceValue: 99 }).error?.issues[0].path).toEqual(["faceValue"]);
  });
});
