import "server-only";
import { asc, eq } from "drizzle-orm";
import { brands, products, searchAliases, type Category } from "@/db/schema";
import type { ReadDb } from "@/db/readers";
import { keys } from "@/lib/cache/keys";
import { readView, type ViewDef } from "@/lib/cache/views";
import { readFresh } from "@/lib/read/router";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { buildIndex, rank, type SearchAliasRow, type SearchDoc, type SearchIndex } from "./match";

// The search index's data: every active product with its brand, and the aliases. Small (one row per
// product), read in the same snapshot as the catalog page that uses it, and cached for suggestions.

/** `category` is the category's label (searched like a name); `categoryKey` the category itself. */
export type SearchData = {
  docs: (SearchDoc & { brandSlug: string; emoji: string; brandColor: string; faceValue: number; categoryKey?: Category })[];
  aliases: SearchAliasRow[];
};

export async function loadSearchData(db: ReadDb): Promise<SearchData> {
  const [docs, aliases] = await Promise.all([
    db
      .select({
        id: products.id,
        name: products.name,
        nameEn: products.nameEn,
        category: products.category,
        emoji: products.emoji,
        faceValue: products.faceValue,
        brandName: brands.name,
        brandNameEn: brands.nameEn,
        brandSlug: brands.slug,
        brandColor: brands.color,
      })
      .from(products)
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(eq(products.active, true))
      .orderBy(asc(products.id)),
    listAliases(db),
  ]);
  return { docs: docs.map((d) => ({ ...d, categoryKey: d.category, category: CATEGORY_LABELS[d.category] })), aliases };
}

export function listAliases(db: ReadDb) {
  return db.select({ id: searchAliases.id, alias: searchAliases.alias, expansion: searchAliases.expansion }).from(searchAliases).orderBy(asc(searchAliases.alias));
}

export const searchIndexView: ViewDef<null, SearchData> = {
  name: "search-index",
  keys: () => keys.searchIndex(),
  load: (db) => loadSearchData(db),
  ttlMs: 10 * 60_000,
};

// One built index per process and snapshot: building it disassembles every name.
let built: { seq: number; data: SearchData; index: SearchIndex } | null = null;

export async function searchIndex() {
  const { data, seq } = await readView(searchIndexView, null);
  if (!built || built.seq !== seq || built.data !== data) built = { seq, data, index: buildIndex(data.docs, data.aliases) };
  return built;
}

export type Suggestion = { id: number; brandName: string; name: string; emoji: string; brandColor: string; faceValue: number };

/** What the search box offers while one types: the best few products. */
export async function suggest(q: string, limit = 8): Promise<Suggestion[]> {
  const { data, index } = await searchIndex();
  const byId = new Map(data.docs.map((d) => [d.id, d]));
  return rank(index, q, limit).map((r) => {
    const d = byId.get(r.id)!;
    return { id: d.id, brandName: d.brandName, name: d.name, emoji: d.emoji, brandColor: d.brandColor, faceValue: d.faceValue };
  });
}

/** Every alias, read fresh for the admin page (their own last change included). */
export function listAliasesForAdmin(minSeq: number) {
  return readFresh(minSeq, (db) => listAliases(db));
}
