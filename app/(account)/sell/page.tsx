import type { Metadata } from "next";
import { connection } from "next/server";
import { randomUUID } from "node:crypto";
import { ProductTile } from "@/components/catalog/product-tile";
import { SearchBox } from "@/components/layout/search-box";
import { SellForm } from "@/components/sell/sell-form";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { getProductBook, searchCatalog } from "@/lib/catalog/queries";
import { catalogQuerySchema, productIdSchema } from "@/lib/catalog/schemas";
import { kstDateInput, kstDateTimeInput } from "@/lib/forms/dates";
import { signedInOrLogin } from "@/lib/forms/guard";
import { percentOff, won } from "@/lib/format";
import { DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS, MIN_DEADLINE_MINUTES, MIN_VALID_DAYS } from "@/lib/market/rules";
import { readerPosition } from "@/lib/session/position";

export const metadata: Metadata = { title: "판매하기" };

type Props = { searchParams: Promise<{ productId?: string; q?: string }> };
const DAY = 86_400_000;

export default async function SellPage({ searchParams }: Props) {
  await connection();
  const sp = await searchParams;
  const pid = productIdSchema.safeParse(sp.productId);
  const actor = await signedInOrLogin(pid.success ? `/sell?productId=${pid.data}` : "/sell");
  const book = pid.success ? await getProductBook(pid.data, { minSeq: () => readerPosition(actor.id) }) : null;

  if (!book) return <PickProduct q={typeof sp.q === "string" ? sp.q.slice(0, 50) : ""} missing={pid.success} />;

  const { product } = book;
  const now = Date.now();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle title="판매하기" description="코드와 유효기간, 가격을 입력하면 판매 글이 올라갑니다. 팔리면 구매자가 확정한 뒤 포인트로 받습니다." />
      <section className={`${cardClass} mb-4 flex items-center gap-4`} aria-label="판매할 상품">
        <ProductTile emoji={product.emoji} color={product.brandColor} size="sm" />
        <div className="min-w-0 flex-1">
          <p className="text-xs text-slate-500">{product.brandName}</p>
          <p className="truncate font-semibold" data-testid="sell-product-name">
            {product.name}
          </p>
          <p className="text-xs text-slate-500">
            정가 {won(product.faceValue)}
            {book.asks[0] ? ` · 최저 판매가 ${won(book.asks[0].price)} (${percentOff(book.asks[0].price, product.faceValue)}%)` : ""}
            {book.bids[0] ? ` · 최고 구매 입찰 ${won(book.bids[0].price)}` : ""}
          </p>
        </div>
        <IntentLink href="/sell" className="shrink-0 text-sm text-brand-700 underline-offset-2 hover:underline">
          상품 바꾸기
        </IntentLink>
      </section>
      <div className={cardClass}>
        <SellForm
          productId={product.id}
          faceValue={product.faceValue}
          lowestAsk={book.asks[0]?.price ?? null}
          highestBid={book.bids[0]?.price ?? null}
          idem={randomUUID()}
          minExpiry={kstDateInput(now + MIN_VALID_DAYS * DAY)}
          deadline={{
            value: kstDateTimeInput(now + DEFAULT_DEADLINE_DAYS * DAY),
            min: kstDateTimeInput(now + (MIN_DEADLINE_MINUTES + 5) * 60_000),
            max: kstDateTimeInput(now + MAX_DEADLINE_DAYS * DAY),
          }}
        />
      </div>
    </div>
  );
}

/** Step one: find the product in the catalog (search in Korean or English). */
async function PickProduct({ q, missing }: { q: string; missing: boolean }) {
  const results = await searchCatalog(catalogQuerySchema.parse({ q: q || undefined, limit: 30 }));
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle title="판매하기" description="먼저 팔려는 기프티콘의 상품을 고르세요." />
      {missing ? (
        <p role="alert" className="mb-4 rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-800">
          그 상품은 지금 판매할 수 없습니다. 다른 상품을 골라 주세요.
        </p>
      ) : null}
      {/* The site's search (the same ranking, aliases and suggestions), choosing a product to sell. */}
      <div className="mb-4">
        <SearchBox id="sell-q" action="/sell" defaultValue={q} label="판매할 상품 검색" placeholder="브랜드나 상품 이름 (예: 스벅 아아, 베라 파인트)" hrefPrefix="/sell?productId=" />
      </div>
      {results.items.length ? (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="sell-product-list">
          {results.items.map((p) => (
            <li key={p.id}>
              <IntentLink href={`/sell?productId=${p.id}`} className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50">
                <ProductTile emoji={p.emoji} color={p.brandColor} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block text-xs text-slate-500">{p.brandName}</span>
                  <span className="block truncate font-medium">{p.name}</span>
                  <span className="block text-xs text-slate-500">
                    정가 {won(p.faceValue)}
                    {p.lowestAsk ? ` · 최저 판매가 ${won(p.lowestAsk.price)}` : ""}
                  </span>
                </span>
                <span className="shrink-0 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-semibold text-slate-700">선택</span>
              </IntentLink>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="🔍" title={`‘${q}’에 맞는 상품이 없습니다`}>
          다른 이름으로 검색해 보세요. 목록에 없는 상품은 아직 거래할 수 없습니다.
        </EmptyState>
      )}
    </div>
  );
}
