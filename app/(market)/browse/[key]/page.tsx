import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { browseHref, type BrowseParams } from "@/components/catalog/browse-href";
import { CatalogFilters } from "@/components/catalog/catalog-filters";
import { CategoryNav } from "@/components/catalog/category-nav";
import { ProductGrid } from "@/components/catalog/product-card";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { buttonClass } from "@/components/ui/styles";
import { CATEGORY_LABELS, SORTS } from "@/lib/catalog/categories";
import { reportBrowseDeps } from "@/lib/cache/page-deps";
import { categoriesOf, listBrands, searchCatalog } from "@/lib/catalog/queries";
import { browsePath, parseBrowseKey } from "@/lib/catalog/browse-key";
import { catalogQuerySchema } from "@/lib/catalog/schemas";

// The browse and search page, /products?q=&category=&brand=&sort=&valid=&cursor= (proxy.ts rewrites it here
// with the query in the path): one page per query for everyone, kept by the page cache and served while
// the catalog's page version ("/products") and those of the categories it can show are unchanged, so it is
// as fresh as the data. It reads no request data; the search box fills in the query in the browser.
export const revalidate = 300;
export const dynamicParams = true;
export async function generateStaticParams(): Promise<{ key: string }[]> {
  return [];
}

type Props = { params: Promise<{ key: string }> };

const PAGE_SIZE = 24;

async function rawQuery(params: Props["params"]) {
  const raw = parseBrowseKey((await params).key);
  if (!raw) notFound();
  return raw;
}

function parse(raw: Awaited<ReturnType<typeof rawQuery>>) {
  const parsed = catalogQuerySchema.safeParse({ ...raw, limit: PAGE_SIZE });
  // A bad parameter (an old link, a typo) shows everything with a note rather than an error page.
  return parsed.success
    ? { query: parsed.data, problem: null }
    : { query: catalogQuerySchema.parse({ q: raw.q?.slice(0, 50), limit: PAGE_SIZE }), problem: parsed.error.issues[0]?.message ?? "잘못된 조건입니다." };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { query } = parse(await rawQuery(params));
  const title = query.q ? `'${query.q}' 검색` : query.category ? `${CATEGORY_LABELS[query.category]} 기프티콘` : "기프티콘 둘러보기";
  const description = query.q
    ? `‘${query.q}’ 기프티콘 시세: 정가보다 싼 판매 글을 유효기간과 함께 비교하세요.`
    : `${query.category ? CATEGORY_LABELS[query.category] : "카페, 편의점, 치킨, 영화"} 기프티콘을 정가보다 싸게: 브랜드별 최저가와 유효기간을 비교하세요.`;
  const canonical = browseHref({ q: query.q, category: query.category, brand: query.brand, sort: query.sort, valid: query.valid, cursor: query.cursor }, {});
  return { title, description, alternates: { canonical }, openGraph: { title, description, url: canonical } };
}

export default async function BrowsePage({ params: routeParams }: Props) {
  const { query, problem } = parse(await rawQuery(routeParams));
  // Before the data: from here on, a change to a product of these categories makes this copy stale.
  await reportBrowseDeps(browsePath((await routeParams).key), await categoriesOf(query));
  const [page, brands] = await Promise.all([searchCatalog(query), listBrands()]);
  const params: BrowseParams = { q: query.q, category: query.category, brand: query.brand, sort: query.sort, valid: query.valid, cursor: query.cursor };
  const brand = brands.find((b) => b.slug === query.brand);
  const brandChoices = query.category ? brands.filter((b) => b.category === query.category) : brands;
  const offset = Number(query.cursor ?? 0);
  const title = query.q ? `‘${query.q}’ 검색 결과` : brand ? brand.name : query.category ? CATEGORY_LABELS[query.category] : "전체 기프티콘";

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-bold sm:text-2xl">{title}</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="browse-summary">
          {SORTS[query.sort]}
          {page.items.length ? ` · ${offset + 1}–${offset + page.items.length}번째 상품` : ""}
          {query.q || query.brand ? (
            <>
              {" · "}
              <IntentLink href={browseHref({ category: query.category, sort: query.sort }, {})} className="text-brand-700 underline underline-offset-2">
                조건 지우기
              </IntentLink>
            </>
          ) : null}
        </p>
      </div>

      {problem ? (
        <p role="alert" className="rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {problem} 전체 상품을 보여 드립니다.
        </p>
      ) : null}

      <CategoryNav current={query.category} params={params} />
      <CatalogFilters params={params} brands={brandChoices} />

      {page.items.length ? (
        <ProductGrid items={page.items} />
      ) : (
        <EmptyState icon="🔍" title={query.q ? `‘${query.q}’에 맞는 기프티콘이 없습니다` : "조건에 맞는 기프티콘이 없습니다"}>
          <p>브랜드 이름(예: 스타벅스, Starbucks)이나 상품 이름으로 다시 검색해 보세요.</p>
          <IntentLink href="/products" className={buttonClass("secondary", "sm", "mt-3")}>
            전체 상품 보기
          </IntentLink>
        </EmptyState>
      )}

      {offset > 0 || page.nextCursor ? (
        <nav aria-label="페이지" className="flex items-center justify-between gap-2">
          {offset > 0 ? (
            <IntentLink href={browseHref(params, { cursor: offset - PAGE_SIZE > 0 ? String(offset - PAGE_SIZE) : undefined })} className={buttonClass("secondary")} rel="prev">
              ← 이전
            </IntentLink>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <IntentLink href={browseHref(params, { cursor: page.nextCursor })} className={buttonClass("secondary")} rel="next" data-testid="next-page">
              다음 →
            </IntentLink>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
