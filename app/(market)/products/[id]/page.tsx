import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { randomUUID } from "node:crypto";
import { ProductTile } from "@/components/catalog/product-tile";
import { AskBuyButton } from "@/components/product/ask-buy-button";
import { BidForm } from "@/components/product/bid-form";
import { BuyNowForm, type CouponChoice } from "@/components/product/buy-now-form";
import { LikeButton } from "@/components/product/like-button";
import { AskTable, BidTable } from "@/components/product/order-book";
import { SellNowForm } from "@/components/product/sell-now-form";
import { PriceChart, TradeList } from "@/components/product/trade-history";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { likedProductIds, myBids, myCoupons, getMe } from "@/lib/accounts/queries";
import { currentActor } from "@/lib/auth/session";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { getProductBook } from "@/lib/catalog/queries";
import { productIdSchema } from "@/lib/catalog/schemas";
import { kstDateInput, kstDateTimeInput } from "@/lib/forms/dates";
import { loginHref } from "@/lib/forms/links";
import { percentOff, won } from "@/lib/format";
import { DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS, MIN_DEADLINE_MINUTES, MIN_VALID_DAYS } from "@/lib/market/rules";
import { readerPosition } from "@/lib/session/position";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function productId(params: Props["params"]) {
  const id = productIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  return id.data;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const book = await getProductBook(await productId(params));
  return { title: book ? `${book.product.brandName} ${book.product.name}` : "상품을 찾을 수 없습니다" };
}

const DAY = 86_400_000;

export default async function ProductPage({ params, searchParams }: Props) {
  await connection();
  const id = await productId(params);
  const sp = await searchParams;
  const actor = await currentActor();
  const ctx = actor ? { userId: actor.id, minSeq: await readerPosition(actor.id) } : null;
  const book = await getProductBook(id, { minSeq: ctx?.minSeq });
  if (!book) notFound();
  const { product, asks, bids, trades } = book;

  const [me, coupons, liked, bidsOfMine] = ctx
    ? await Promise.all([getMe(ctx), myCoupons(ctx), likedProductIds(ctx, [id]), myBids(ctx)])
    : [null, [], new Set<number>(), []];
  const myBidIds = new Set(bidsOfMine.filter((b) => b.status === "active" && b.product.id === id).map((b) => b.id));
  const buyable = asks.filter((a) => a.sellerId !== actor?.id);
  const mySelling = asks.filter((a) => a.sellerId === actor?.id);
  const best = asks[0];
  const bestBuyable = buyable[0];
  const fillable = bids.find((b) => !myBidIds.has(b.id));
  const usableCoupons: CouponChoice[] = coupons
    .filter((c) => c.usable)
    .map((c) => ({ couponId: c.couponId, name: c.name, description: c.description, kind: c.kind, value: c.value, minPrice: c.minPrice, maxDiscount: c.maxDiscount }));
  const here = `/products/${id}`;
  const idem = randomUUID();
  const now = Date.now();

  return (
    <div className="space-y-6">
      <nav aria-label="위치" className="text-sm text-slate-500">
        <Link href="/products" className="hover:underline">둘러보기</Link> ›{" "}
        <Link href={`/products?category=${product.category}`} className="hover:underline">{CATEGORY_LABELS[product.category]}</Link> ›{" "}
        <Link href={`/products?brand=${product.brandSlug}`} className="hover:underline">{product.brandName}</Link>
      </nav>

      <Notice sp={sp} />

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
            {actor ? (
              <LikeButton productId={id} liked={liked.has(id)} count={book.likeCount} />
            ) : (
              <Link href={loginHref(here)} className={buttonClass("secondary", "md", "shrink-0")} aria-label="로그인하고 찜하기">
                <span aria-hidden>♡</span> 찜 <span className="tabular-nums">{book.likeCount}</span>
              </Link>
            )}
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
            {mySelling.length ? (
              <Link href="/me?tab=listings" className="text-sm text-slate-600 underline-offset-2 hover:underline">
                내 판매 {mySelling.length}건 관리
              </Link>
            ) : null}
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
            {!bestBuyable ? (
              <p className="rounded-xl bg-slate-50 px-3 py-4 text-center text-sm text-slate-500">
                {mySelling.length ? "지금은 내 판매 글만 있습니다." : "지금 판매 중인 기프티콘이 없습니다."} 구매 입찰을 남겨 보세요.
              </p>
            ) : !me ? (
              <SignInToTrade returnTo={here} label={`로그인하고 ${won(bestBuyable.price)}에 구매`} />
            ) : (
              <BuyNowForm productId={id} price={bestBuyable.price} points={me.points} coupons={usableCoupons} idem={`${idem}-buy`} />
            )}
          </div>

          <div className={cardClass} data-testid="bid-panel">
            <h3 className="font-bold text-bid">구매 입찰</h3>
            <p className="mb-3 mt-0.5 text-xs text-slate-500">원하는 가격을 정해 두면, 그 가격에 파는 사람이 나타날 때 체결됩니다.</p>
            {!me ? (
              <SignInToTrade returnTo={here} label="로그인하고 입찰하기" />
            ) : (
              <BidForm
                productId={id}
                faceValue={product.faceValue}
                lowestAsk={bestBuyable?.price ?? null}
                points={me.points}
                idem={`${idem}-bid`}
                deadline={{
                  value: kstDateTimeInput(now + DEFAULT_DEADLINE_DAYS * DAY),
                  min: kstDateTimeInput(now + (MIN_DEADLINE_MINUTES + 5) * 60_000),
                  max: kstDateTimeInput(now + MAX_DEADLINE_DAYS * DAY),
                }}
              />
            )}
          </div>

          <div className={cardClass} data-testid="sell-now-panel">
            <h3 className="font-bold text-bid">즉시 판매</h3>
            <p className="mb-3 mt-0.5 text-xs text-slate-500">가장 높은 구매 입찰에 내 기프티콘을 바로 팝니다.</p>
            {!fillable ? (
              <p className="rounded-xl bg-slate-50 px-3 py-4 text-center text-sm text-slate-500">
                {myBidIds.size ? "지금은 내 구매 입찰만 있습니다." : "아직 구매 입찰이 없습니다."}{" "}
                <Link href={`/sell?productId=${id}`} className="text-brand-700 underline">
                  판매 글 올리기
                </Link>
              </p>
            ) : !me ? (
              <SignInToTrade returnTo={here} label={`로그인하고 ${won(fillable.price)}에 판매`} />
            ) : (
              <SellNowForm bidId={fillable.id} price={fillable.price} idem={`${idem}-fill`} minExpiry={kstDateInput(now + MIN_VALID_DAYS * DAY)} />
            )}
          </div>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="asks-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
          <h2 id="asks-heading" className="mb-2 font-bold">
            판매 중 <span className="text-sm font-normal text-slate-500">{asks.length}건</span>
          </h2>
          <AskTable
            asks={asks}
            faceValue={product.faceValue}
            action={(a) =>
              a.sellerId === actor?.id ? (
                <span className="rounded-full bg-slate-100 px-2 py-1 text-xs font-medium text-slate-600" data-testid="own-ask">
                  내 판매
                </span>
              ) : !me ? (
                <Link href={loginHref(here)} className={buttonClass("secondary", "sm")}>
                  구매
                </Link>
              ) : (
                <AskBuyButton listingId={a.id} price={won(a.price)} idem={`${idem}-a${a.id}`} disabled={me.points < a.price} />
              )
            }
          />
          {me && buyable.some((a) => me.points < a.price) ? (
            <p className="mt-2 text-xs text-slate-500">
              포인트가 모자란 판매 글은 구매 버튼이 꺼져 있습니다. <Link href="/points" className="text-brand-700 underline">충전하기</Link>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="bids-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
          <h2 id="bids-heading" className="mb-2 font-bold">
            구매 입찰 <span className="text-sm font-normal text-slate-500">{bids.length}건</span>
          </h2>
          <BidTable bids={bids} faceValue={product.faceValue} mine={myBidIds} />
        </section>
      </div>

      <section aria-labelledby="trades-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
        <h2 id="trades-heading" className="mb-2 font-bold">시세</h2>
        <PriceChart trades={trades} faceValue={product.faceValue} />
        <h3 className="mb-1 mt-4 text-sm font-semibold text-slate-700">최근 체결</h3>
        <TradeList trades={trades} />
      </section>
    </div>
  );
}

function SignInToTrade({ returnTo, label }: { returnTo: string; label: string }) {
  return (
    <div className="space-y-2 text-center">
      <Link href={loginHref(returnTo)} className={buttonClass("secondary", "md", "w-full")} data-testid="login-to-trade">
        {label}
      </Link>
      <p className="text-xs text-slate-500">
        처음이신가요?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(returnTo)}`} className="text-brand-700 underline">
          회원가입
        </Link>
      </p>
    </div>
  );
}

/** What the last action on this page did, when it came back here with a note in the URL. */
function Notice({ sp }: { sp: Record<string, string | string[] | undefined> }) {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k]![0] : (sp[k] as string | undefined));
  const sold = one("sold");
  if (sold && /^\d+$/.test(sold)) {
    return (
      <p role="status" className="rounded-2xl bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="notice">
        등록하자마자 구매 입찰과 체결되어 <strong>바로 판매되었습니다.</strong>{" "}
        <Link href={`/orders/${sold}`} className="font-semibold underline">
          주문 보기
        </Link>
      </p>
    );
  }
  if (one("listed")) {
    return (
      <p role="status" className="rounded-2xl bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="notice">
        판매 글을 등록했습니다. 판매 중 목록에서 ‘내 판매’로 표시됩니다.{" "}
        <Link href="/me?tab=listings" className="font-semibold underline">
          내 판매 관리
        </Link>
      </p>
    );
  }
  return null;
}
