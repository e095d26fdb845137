import type { Metadata } from "next";
import { Suspense } from "react";
import { CategoryNav } from "@/components/catalog/category-nav";
import { ProductGrid } from "@/components/catalog/product-card";
import { FeedList } from "@/components/market/feed-list";
import { WelcomeNotice } from "@/components/market/welcome-notice";
import { IntentLink } from "@/components/ui/intent-link";
import { CATEGORIES } from "@/db/schema";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { listBrands, searchCatalog } from "@/lib/catalog/queries";
import { catalogQuerySchema } from "@/lib/catalog/schemas";
import { getFeed } from "@/lib/market/queries";

// The same page for everyone, from the cache: rebuilt at most once a minute, and sooner when the cache
// handler drops it because something it shows changed. Nothing here may depend on the request.
export const revalidate = 60;
export const metadata: Metadata = { alternates: { canonical: "/" } };

export default async function HomePage() {
  // One cached catalog page per category (the six most popular in each), the feed and the brands.
  const [byCategoryAll, brandList, feed] = await Promise.all([
    Promise.all(CATEGORIES.map(async (category) => ({ category, items: (await searchCatalog(catalogQuerySchema.parse({ category, sort: "popular", limit: 6 }))).items }))),
    listBrands(),
    getFeed(8),
  ]);
  const byCategory = byCategoryAll.filter((g) => g.items.length > 0);
  // The brands with the most products (then the oldest): a short list that a long catalog cannot flood.
  const topBrands = [...brandList].filter((b) => b.productCount > 0).sort((a, b) => b.productCount - a.productCount || a.id - b.id).slice(0, 18);
  return (
    <div className="space-y-8">
      <section className="rounded-3xl bg-gradient-to-br from-brand-700 to-emerald-800 px-5 py-7 text-white sm:px-8">
        <h1 className="text-2xl font-extrabold leading-snug sm:text-3xl">
          안 쓰는 기프티콘은 팔고,
          <br />
          필요한 기프티콘은 싸게.
        </h1>
        <p className="mt-2 text-sm text-emerald-50 sm:text-base">즉시 구매하거나 원하는 가격에 입찰하세요. 코드는 구매한 분에게만 공개됩니다.</p>
        <div className="mt-4 flex flex-wrap gap-2">
          <IntentLink href="/products" className="rounded-xl bg-white px-4 py-2 text-sm font-bold text-brand-700 hover:bg-brand-50">
            기프티콘 둘러보기
          </IntentLink>
          <IntentLink href="/sell" className="rounded-xl border border-white/70 px-4 py-2 text-sm font-bold text-white hover:bg-white/10">
            내 기프티콘 팔기
          </IntentLink>
        </div>
      </section>

      <Suspense fallback={null}>
        <WelcomeNotice />
      </Suspense>

      <CategoryNav />

      <section aria-labelledby="feed-heading">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="feed-heading" className="text-lg font-bold">
            새로 올라온 기프티콘
          </h2>
          <IntentLink href="/new" className="text-sm text-brand-700 hover:underline">
            새 판매 글 전체 보기
          </IntentLink>
        </div>
        {feed.length ? <FeedList items={feed} /> : <p className="rounded-xl bg-white px-4 py-6 text-center text-sm text-slate-500">아직 올라온 기프티콘이 없습니다.</p>}
      </section>

      <section aria-labelledby="brands-heading">
        <h2 id="brands-heading" className="mb-3 text-lg font-bold">
          브랜드
        </h2>
        <ul className="flex flex-wrap gap-2">
          {topBrands.map((b) => (
            <li key={b.id}>
              <IntentLink
                href={`/products?brand=${b.slug}`}
                className="flex items-center gap-1.5 rounded-full border border-slate-200 bg-white px-3 py-1.5 text-sm hover:border-brand-500"
              >
                <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: b.color }} />
                {b.name}
              </IntentLink>
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
            <IntentLink href={`/products?category=${g.category}`} className="text-sm text-brand-700 hover:underline">
              {CATEGORY_LABELS[g.category]} 전체 보기
            </IntentLink>
          </div>
          <ProductGrid items={g.items} layout="row" />
        </section>
      ))}
    </div>
  );
}
