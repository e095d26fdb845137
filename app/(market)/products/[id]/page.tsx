import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache, Suspense } from "react";
import { ProductTile } from "@/components/catalog/product-tile";
import { AskTable, BidTable } from "@/components/product/order-book";
import { ProductNotice } from "@/components/product/product-notice";
import { PriceChart, TradeList } from "@/components/product/trade-history";
import { ViewerProvider } from "@/components/product/viewer";
import {
  AskAction,
  BidPanelBody,
  BuyPanelBody,
  LikeSlot,
  MySellingLink,
  SellNowPanelBody,
  ShortPointsNote,
  type AskRef,
  type BidRef,
} from "@/components/product/viewer-panels";
import { IntentLink } from "@/components/ui/intent-link";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { getProductBook } from "@/lib/catalog/queries";
import { productIdSchema } from "@/lib/catalog/schemas";
import { dateOnly, dday, percentOff, won } from "@/lib/format";
import { longestValidOf } from "@/lib/market/read-model";
import { getSellersStats } from "@/lib/market/seller-stats";

// generateMetadata and the page render together: one read of the data for both.
const load = cache(getProductBook);

// One page for everyone, served from Next's cache: rendered on the first visit of each product, then
// again at most every five minutes, and at once when the cache handler drops it because the book changed.
// So neither this page nor anything it renders on the server may read the request (cookies, headers,
// search params, the session): what depends on the person looking fills in in the browser
// (components/product/viewer.tsx, GET /api/products/[id]/viewer).
export const revalidate = 300;
export const dynamicParams = true;
export async function generateStaticParams(): Promise<{ id: string }[]> {
  return []; // none at build time: each product is rendered and cached on its first visit
}

type Props = { params: Promise<{ id: string }> };

async function productId(params: Props["params"]) {
  const id = productIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  return id.data;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = await productId(params);
  const book = await load(id);
  if (!book) return { title: "상품을 찾을 수 없습니다", robots: { index: false } };
  const { product, asks } = book;
  const title = `${product.brandName} ${product.name}`;
  const description = asks[0]
    ? `${title} 기프티콘: 정가 ${won(product.faceValue)}, 지금 ${won(asks[0].price)}부터 (판매 ${asks.length}건). 유효기간을 보고 바로 사거나 입찰하세요.`
    : `${title} 기프티콘: 정가 ${won(product.faceValue)}. 구매 입찰을 남기거나 가진 기프티콘을 팔아 보세요.`;
  return { title, description, alternates: { canonical: `/products/${id}` }, openGraph: { title, description, url: `/products/${id}` } };
}

export default async function ProductPage({ params }: Props) {
  const id = await productId(params);
  const book = await load(id);
  if (!book) notFound();
  const { product, asks, bids, trades } = book;
  const best = asks[0];
  const longest = longestValidOf(asks);
  const sellers = await getSellersStats(asks.map((a) => a.sellerId));
  // Only what the viewer panels need of the book goes to the browser as props.
  const askRefs: AskRef[] = asks.map((a) => ({ id: a.id, price: a.price, sellerId: a.sellerId, validUntil: a.validUntil }));
  const bidRefs: BidRef[] = bids.map((b) => ({ id: b.id, price: b.price }));

  return (
    <ViewerProvider productId={id}>
      <div className="space-y-6">
        <nav aria-label="위치" className="text-sm text-slate-500">
          <IntentLink href="/products" className="hover:underline">둘러보기</IntentLink> ›{" "}
          <IntentLink href={`/products?category=${product.category}`} className="hover:underline">{CATEGORY_LABELS[product.category]}</IntentLink> ›{" "}
          <IntentLink href={`/products?brand=${product.brandSlug}`} className="hover:underline">{product.brandName}</IntentLink>
        </nav>

        <Suspense fallback={null}>
          <ProductNotice />
        </Suspense>

        {/* Phone first: what it costs, how long the voucher stays valid and the buy button on the first
            screen; the book next; bidding after it; selling into a bid behind a button. */}
        <section className="flex flex-col gap-4 rounded-3xl border border-slate-200 bg-white p-4 sm:flex-row sm:gap-5 sm:p-6" aria-labelledby="product-name">
          <div className="hidden sm:block">
            <ProductTile emoji={product.emoji} color={product.brandColor} size="lg" label={`${product.brandName} ${product.name}`} />
          </div>
          <div className="flex-1 space-y-3">
            <div className="flex items-start justify-between gap-3">
              <div className="sm:hidden">
                <ProductTile emoji={product.emoji} color={product.brandColor} size="sm" />
              </div>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-600">{product.brandName}</p>
                <h1 id="product-name" className="text-xl font-bold leading-snug sm:text-2xl">
                  {product.name}
                </h1>
                <p className="text-sm text-slate-600">{product.nameEn}</p>
              </div>
              <LikeSlot productId={id} count={book.likeCount} />
            </div>
            <dl className="grid grid-cols-3 gap-2 text-center">
              <div className="rounded-xl bg-slate-50 p-2">
                <dt className="text-xs text-slate-600">정가</dt>
                <dd className="font-semibold">{won(product.faceValue)}</dd>
              </div>
              <div className="rounded-xl bg-rose-50 p-2">
                <dt className="text-xs text-slate-600">즉시 구매가</dt>
                <dd className="font-semibold text-ask" data-testid="best-ask">
                  {best ? won(best.price) : "—"}
                </dd>
              </div>
              <div className="rounded-xl bg-blue-50 p-2">
                <dt className="text-xs text-slate-600">즉시 판매가</dt>
                <dd className="font-semibold text-bid" data-testid="best-bid">
                  {bids[0] ? won(bids[0].price) : "—"}
                </dd>
              </div>
            </dl>
            {best ? (
              <p className="text-sm text-slate-700" data-testid="best-ask-summary">
                {best.price < product.faceValue ? (
                  <>
                    정가보다 <strong className="text-ask">{percentOff(best.price, product.faceValue) || "1% 미만"}{percentOff(best.price, product.faceValue) ? "%" : ""}</strong> 저렴 ·{" "}
                  </>
                ) : null}
                유효기간{" "}
                <strong data-testid="best-ask-validity">
                  <time dateTime={best.validUntil}>{dateOnly(best.validUntil)}</time>까지 ({dday(best.validUntil)})
                </strong>
                {longest && longest.id !== best.id ? (
                  <span className="block text-xs text-slate-600">
                    유효기간이 가장 긴 것: {won(longest.price)}, {dateOnly(longest.validUntil)}까지 ({dday(longest.validUntil)})
                  </span>
                ) : null}
              </p>
            ) : null}
            <div className="rounded-2xl border border-rose-100 bg-white p-3 sm:p-4" data-testid="buy-panel">
              <h2 className="font-bold text-ask">즉시 구매</h2>
              <p className="mb-3 mt-0.5 text-xs text-slate-600">가장 싼 판매 글을 바로 삽니다. 코드는 결제 즉시 공개됩니다.</p>
              <BuyPanelBody productId={id} asks={askRefs} />
            </div>
          </div>
        </section>

        <div className="grid gap-4 lg:grid-cols-2">
          <section aria-labelledby="asks-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
            <h2 id="asks-heading" className="mb-2 font-bold">
              판매 중 <span className="text-sm font-normal text-slate-600">{asks.length}건</span>
            </h2>
            <AskTable asks={asks} faceValue={product.faceValue} sellers={sellers} action={(a) => <AskAction productId={id} ask={{ id: a.id, price: a.price, sellerId: a.sellerId, validUntil: a.validUntil }} />} />
            <ShortPointsNote asks={askRefs} />
          </section>
          <section aria-labelledby="bids-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
            <h2 id="bids-heading" className="mb-2 font-bold">
              구매 입찰 <span className="text-sm font-normal text-slate-600">{bids.length}건</span>
            </h2>
            <BidTable bids={bids} faceValue={product.faceValue} />
          </section>
        </div>

        <div className="grid gap-4 md:grid-cols-2">
          <section className={cardClass} data-testid="bid-panel" aria-labelledby="bid-heading">
            <h2 id="bid-heading" className="font-bold text-bid">
              구매 입찰
            </h2>
            <p className="mb-3 mt-0.5 text-xs text-slate-600">원하는 가격을 정해 두면, 그 가격에 파는 사람이 나타날 때 체결됩니다.</p>
            <BidPanelBody productId={id} faceValue={product.faceValue} asks={askRefs} />
          </section>

          <section className={cardClass} aria-labelledby="sell-heading">
            <h2 id="sell-heading" className="font-bold">
              이 상품 팔기
            </h2>
            <p className="mb-3 mt-0.5 text-xs text-slate-600">판매 글을 올리거나, 가장 높은 구매 입찰에 바로 팔 수 있습니다.</p>
            <div className="flex flex-wrap items-center gap-2">
              <IntentLink href={`/sell?productId=${id}`} className={buttonClass("primary")} data-testid="sell-this">
                판매 글 올리기
              </IntentLink>
              <MySellingLink asks={askRefs} />
            </div>
            <details className="group mt-3" data-testid="sell-now-panel">
              <summary className={buttonClass("secondary", "md", "cursor-pointer list-none")}>
                {bids[0] ? `${won(bids[0].price)}에 바로 팔기` : "바로 팔기 (구매 입찰에)"}
              </summary>
              <div className="mt-3">
                <SellNowPanelBody productId={id} bids={bidRefs} />
              </div>
            </details>
          </section>
        </div>

        <section aria-labelledby="trades-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
          <h2 id="trades-heading" className="mb-2 font-bold">시세</h2>
          <PriceChart trades={trades} faceValue={product.faceValue} />
          <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-700">최근 체결</h3>
          <TradeList trades={trades} />
        </section>
      </div>
    </ViewerProvider>
  );
}
