import Link from "next/link";
import { connection } from "next/server";
import { CategoryNav } from "@/components/catalog/category-nav";
import { ProductGrid } from "@/components/catalog/product-card";
import { CATEGORIES } from "@/db/schema";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { listBrands, searchCatalog } from "@/lib/catalog/queries";
import { catalogQuerySchema } from "@/lib/catalog/schemas";

export default async function HomePage() {
  await connection();
  const [catalog, brandList] = await Promise.all([
    searchCatalog(catalogQuerySchema.parse({ sort: "popular", limit: 60 })),
    listBrands(),
  ]);
  const byCategory = CATEGORIES.map((c) => ({ category: c, items: catalog.items.filter((i) => i.category === c) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <div className="space-y-8">
      <section className="rounded-3xl bg-gradient-to-br from-brand-600 to-emerald-400 px-5 py-7 text-white sm:px-8">
        <h1 className="text-2xl font-extrabold leading-snug sm:text-3xl">
          안 쓰는 기프티콘은 팔고,
          <br />
          필요한 기프티콘은 싸게.
        </h1>
        <p className="mt-2 text-sm text-emerald-50 sm:text-base">즉시 구매하거나 원하는 가격에 입찰하세요. 코드는 구매한 분에게만 공개됩니다.</p>
      </section>

      <CategoryNav />

      <section aria-labelledby="brands-heading">
        <h2 id="brands-heading" className="mb-3 text-lg font-bold">
          브랜드
        </h2>
        <ul className="flex flex-wrap gap-2">
          {brandList.map((b) => (
            <li key={b.id}>
              <Link
                href={`/products?brand=${b.slug}`}
                className="flex items-center gap-1.5 rounded-full border border-slate-200 bg-white px-3 py-1.5 text-sm hover:border-brand-500"
              >
                <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: b.color }} />
                {b.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {byCategory.map((g) => (
        <section key={g.category} aria-labelledby={`cat-${g.category}`}>
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id={`cat-${g.category}`} className="text-lg font-bold">
              {CATEGORY_LABELS[g.category]}
            </h2>
            <Link href={`/products?category=${g.category}`} className="text-sm text-brand-700 hover:underline">
              전체 보기
            </Link>
          </div>
          <ProductGrid items={g.items.slice(0, 6)} />
        </section>
      ))}
    </div>
  );
}
