import type { Metadata } from "next";
import Link from "next/link";
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
import { buttonClass, cardClass } from "@/components/ui/styles";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { getProductBook } from "@/lib/catalog/queries";
import { productIdSchema } from "@/lib/catalog/schemas";
import { percentOff, won } from "@/lib/format";

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
  const book = await load(await productId(params));
  return { title: book ? `${book.product.brandName} ${book.product.name}` : "상품을 찾을 수 없습니다" };
}

export default async function ProductPage({ params }: Props) {
  const id = await productId(params);
  const book = await load(id);
  if (!book) notFound();
  const { product, asks, bids, trades } = book;
  const best = asks[0];
  // Only what the viewer panels need of the book goes to the browser as props.
  const askRefs: AskRef[] = asks.map((a) => ({ id: a.id, price: a.price, sellerId: a.sellerId, validUntil: a.validUntil }));
  const bidRefs: BidRef[] = bids.map((b) => ({ id: b.id, price: b.price }));

  return (
    <ViewerProvider productId={id}>
      <div className="space-y-6">
        <nav aria-label="위치" className="text-sm text-slate-500">
          <Link href="/products" className="hover:underline">둘러보기</Link> ›{" "}
          <Link href={`/products?category=${product.category}`} className="hover:underline">{CATEGORY_LABELS[product.category]}</Link> ›{" "}
          <Link href={`/products?brand=${product.brandSlug}`} className="hover:underline">{product.brandName}</Link>
        </nav>

        <Suspense fallback={null}>
          <ProductNotice />
        </Suspense>

        <section className="flex flex-col gap-5 rounded-3xl border border-slate-200 bg-white p-5 sm:flex-row sm:p-6">
          <div className="hidden sm:block">
            <ProductTile emoji={product.emoji} color={product.brandColor} size="lg" label={`${product.brandName} ${product.name}`} />
          </div>
          <div className="flex-1 space-y-3">
            <div className="flex items-start justify-between gap-3">
              {/* On a phone the picture sits small beside the name, so the prices stay on the first screen. */}
              <div className="sm:hidden">
                <ProductTile emoji={product.emoji} color={product.brandColor} size="sm" />
              </div>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium text-slate-500">{product.brandName}</p>
                <h1 className="text-xl font-bold leading-snug sm:text-2xl">{product.name}</h1>
                <p className="text-sm text-slate-500">{product.nameEn}</p>
              </div>
              <LikeSlot productId={id} count={book.likeCount} />
            </div>
            <dl className="grid grid-cols-3 gap-2 text-center">
              <div className="rounded-xl bg-slate-50 p-2">
                <dt className="text-xs text-slate-500">정가</dt>
                <dd className="font-semibold">{won(product.faceValue)}</dd>
              </div>
              <div className="rounded-xl bg-rose-50 p-2">
                <dt className="text-xs text-slate-500">즉시 구매가</dt>
                <dd className="font-semibold text-ask" data-testid="best-ask">
                  {best ? won(best.price) : "—"}
                </dd>
              </div>
              <div className="rounded-xl bg-blue-50 p-2">
                <dt className="text-xs text-slate-500">즉시 판매가</dt>
                <dd className="font-semibold text-bid" data-testid="best-bid">
                  {bids[0] ? won(bids[0].price) : "—"}
                </dd>
              </div>
            </dl>
            {best ? (
              <p className="text-sm text-slate-600">
                정가보다 <strong className="text-ask">{percentOff(best.price, product.faceValue)}%</strong> 저렴하게 살 수 있어요.
              </p>
            ) : null}
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/sell?productId=${id}`} className={buttonClass("primary")} data-testid="sell-this">
                이 상품 판매하기
              </Link>
              <MySellingLink asks={askRefs} />
            </div>
          </div>
        </section>

        <section aria-labelledby="trade-heading">
          <h2 id="trade-heading" className="sr-only">
            거래하기
          </h2>
          <div className="grid gap-4 md:grid-cols-3">
            <div className={cardClass} data-testid="buy-panel">
              <h3 className="font-bold text-ask">즉시 구매</h3>
              <p className="mb-3 mt-0.5 text-xs text-slate-500">가장 싼 판매 글을 바로 삽니다. 코드는 결제 즉시 공개됩니다.</p>
              <BuyPanelBody productId={id} asks={askRefs} />
            </div>

            <div className={cardClass} data-testid="bid-panel">
              <h3 className="font-bold text-bid">구매 입찰</h3>
              <p className="mb-3 mt-0.5 text-xs text-slate-500">원하는 가격을 정해 두면, 그 가격에 파는 사람이 나타날 때 체결됩니다.</p>
              <BidPanelBody productId={id} faceValue={product.faceValue} asks={askRefs} />
            </div>

            <div className={cardClass} data-testid="sell-now-panel">
              <h3 className="font-bold text-bid">즉시 판매</h3>
              <p className="mb-3 mt-0.5 text-xs text-slate-500">가장 높은 구매 입찰에 내 기프티콘을 바로 팝니다.</p>
              <SellNowPanelBody productId={id} bids={bidRefs} />
            </div>
          </div>
        </section>

        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="asks-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
            <h2 id="asks-heading" className="mb-2 font-bold">
              판매 중 <span className="text-sm font-normal text-slate-500">{asks.length}건</span>
            </h2>
            <AskTable asks={asks} faceValue={product.faceValue} action={(a) => <AskAction productId={id} ask={{ id: a.id, price: a.price, sellerId: a.sellerId }} />} />
            <ShortPointsNote asks={askRefs} />
          </section>
          <section aria-labelledby="bids-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
            <h2 id="bids-heading" className="mb-2 font-bold">
              구매 입찰 <span className="text-sm font-normal text-slate-500">{bids.length}건</span>
            </h2>
            <BidTable bids={bids} faceValue={product.faceValue} />
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
