import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SEED_BRANDS } from "@/db/seed/catalog";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { buildIndex, rank, type SearchDoc } from "@/lib/search/match";

// The queries Korean buyers type and what must come first, against the seeded catalog and the aliases the
// migration ships (the same rows admins then edit). Pure: no database, runs in milliseconds.
const migrations = new URL("../../db/migrations/", import.meta.url);
const sql = readdirSync(migrations)
  .filter((f) => f.endsWith(".sql"))
  .map((f) => readFileSync(new URL(f, migrations), "utf8"))
  .find((s) => s.includes("INSERT INTO `search_aliases`"))!;
const aliases = [...sql.matchAll(/\('([^']+)', '([^']+)'\)/g)].map((m) => ({ alias: m[1], expansion: m[2] }));

let nextId = 1;
const docs: (SearchDoc & { slug: string })[] = SEED_BRANDS.flatMap((b) =>
  b.products.map((p) => ({ id: nextId++, slug: b.slug, name: p.name, nameEn: p.nameEn, brandName: b.name, brandNameEn: b.nameEn, category: CATEGORY_LABELS[b.category] })),
);
const ix = buildIndex(docs, aliases);
const results = (q: string) => rank(ix, q).map((r) => docs.find((d) => d.id === r.id)!);
const first = (q: string) => {
  const r = results(q)[0];
  return r ? `${r.brandName} ${r.name}` : "(nothing)";
};
const brandsOf = (q: string, n: number) => results(q).slice(0, n).map((d) => d.slug);

describe("search ranking", () => {
  it.each([
    ["스타벅스 아메리카노", "스타벅스 카페 아메리카노 T"],
    ["스타벅스아메리카노", "스타벅스 카페 아메리카노 T"],
    ["스타 벅스 아메리카노", "스타벅스 카페 아메리카노 T"],
    ["스벅 아아", "스타벅스 아이스 카페 아메리카노 T"],
    ["스벅아아", "스타벅스 아이스 카페 아메리카노 T"],
    ["스벅 라떼", "스타벅스 카페 라떼 T"],
    ["starbucks latte", "스타벅스 카페 라떼 T"],
    ["베라 파인트", "배스킨라빈스 파인트"],
    ["파인트", "배스킨라빈스 파인트"],
    ["와퍼 세트", "버거킹 와퍼 세트"],
    ["와퍼세트", "버거킹 와퍼 세트"],
    ["버거킹 와퍼", "버거킹 와퍼 세트"],
    ["빅맥", "맥도날드 빅맥 세트"],
    ["메가리카노", "메가MGC커피 메가리카노"],
    ["황올", "BBQ 황금올리브치킨 + 콜라 1.25L"],
    ["허니콤보", "교촌치킨 허니콤보 + 콜라 1.25L"],
    ["문상", "컬쳐랜드 문화상품권 1만원"],
    ["뿌링클", "bhc 뿌링클 + 콜라 1.25L"],
  ])("%s → %s first", (q, want) => {
    expect(first(q)).toBe(want);
  });

  it.each([
    ["스벅", "starbucks", 5],
    ["스타벅스", "starbucks", 5],
    ["Starbucks", "starbucks", 5],
    ["ㅅㅌㅂㅅ", "starbucks", 5],
    ["스타ㅂ", "starbucks", 5],
    ["투썸", "twosome", 3],
    ["베라", "baskin-robbins", 3],
    ["메가커피", "mega-coffee", 2],
    ["파바", "paris-baguette", 2],
    ["ㅂㄱㅋ", "burger-king", 2],
    ["맥날", "mcdonalds", 2],
  ])("%s → only %s in the top %i", (q, slug, n) => {
    expect(brandsOf(q, n)).toEqual(Array(n).fill(slug));
  });

  it("아아 finds the iced americanos first", () => {
    const top = results("아아").slice(0, 2).map((d) => d.name);
    expect(top).toEqual(expect.arrayContaining(["아이스 카페 아메리카노 T", "(ICE) 아메리카노"]));
  });

  it("exact product > brand > partial", () => {
    // "메가리카노" is a product; "메가MGC커피" a brand: the product itself ranks above its brand-mates.
    const r = rank(ix, "메가MGC커피 메가리카노");
    expect(docs.find((d) => d.id === r[0].id)!.name).toBe("메가리카노");
    // Nothing has both words: products with one of them are shown, brand matches included.
    expect(brandsOf("스타벅스 티라미수", 5)).toEqual(Array(5).fill("starbucks"));
  });

  it("a category word finds the category", () => {
    expect(new Set(brandsOf("치킨", 5))).toEqual(new Set(["bbq", "kyochon", "bhc"]));
  });

  it("finds nothing for nonsense, and nothing for an empty query", () => {
    expect(results("qzqzqz")).toEqual([]);
    expect(results("   ")).toEqual([]);
  });
});
