import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { createBrand, createProduct } from "@/lib/catalog/commands";
import { searchCatalog } from "@/lib/catalog/queries";
import { brandSchema, catalogQuerySchema, productSchema } from "@/lib/catalog/schemas";
import { addSearchAlias, removeSearchAlias } from "@/lib/search/commands";
import { suggest } from "@/lib/search/queries";
import { searchAliasSchema } from "@/lib/search/schemas";
import { expectAppError, makeAdmin, makeUser, uniq } from "../support/factory";

// Aliases are data admins edit: a new one is understood by search and suggestions as soon as the command
// returns (it fences the catalog), and a removed one is forgotten just as fast.

afterAll(() => closeDatabases());
const search = async (q: string) => (await searchCatalog(catalogQuerySchema.parse({ q }))).items.map((i) => i.id);

describe("search aliases", () => {
  it("an added alias finds the product at once; removed, it finds nothing", async () => {
    const admin = await makeAdmin();
    const tag = uniq();
    const { value: b } = await createBrand(admin, brandSchema.parse({ slug: `alias-${tag}`, name: `별명브랜드 ${tag}`, nameEn: "Alias", category: "dessert" }));
    const { value: p } = await createProduct(admin, productSchema.parse({ brandId: b.id, name: `무지개빙수 ${tag}`, nameEn: "Rainbow", faceValue: "8,000" }));
    const alias = `무빙${tag}`;
    expect(await search(alias)).toEqual([]);

    const { value: a } = await addSearchAlias(admin, searchAliasSchema.parse({ alias, expansion: `무지개빙수 ${tag}` }));
    expect(await search(alias)).toEqual([p.id]);
    expect((await suggest(alias)).map((s) => s.id)).toEqual([p.id]);
    await expectAppError(addSearchAlias(admin, searchAliasSchema.parse({ alias: ` ${alias} `, expansion: "x" })), { kind: "invalid", code: "alias_taken" });

    await removeSearchAlias(admin, a.id);
    expect(await search(alias)).toEqual([]);
    expect(await suggest(alias)).toEqual([]);
  });

  it("only admins edit aliases", async () => {
    const user = await makeUser();
    await expectAppError(addSearchAlias(user, searchAliasSchema.parse({ alias: `x${uniq()}`, expansion: "y" })), { kind: "forbidden" });
  });

  it("validates input: blank, punctuation only, too long", () => {
    expect(searchAliasSchema.safeParse({ alias: " ", expansion: "스타벅스" }).success).toBe(false);
    expect(searchAliasSchema.safeParse({ alias: "!!", expansion: "스타벅스" }).success).toBe(false);
    expect(searchAliasSchema.safeParse({ alias: "스벅", expansion: "" }).success).toBe(false);
    expect(searchAliasSchema.parse({ alias: " Star Bucks ", expansion: " 스타벅스  커피 " })).toEqual({ alias: "starbucks", expansion: "스타벅스 커피" });
  });
});
