"use client";

import { useCallback, useState } from "react";
import { refreshAccount } from "@/components/layout/account-events";
import { IntentLink } from "@/components/ui/intent-link";
import { buttonClass } from "@/components/ui/styles";
import { kstDateInput, kstDateTimeInput } from "@/lib/forms/dates";
import { loginHref } from "@/lib/forms/links";
import { won } from "@/lib/format";
import { DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS, MIN_DEADLINE_MINUTES, MIN_VALID_DAYS } from "@/lib/market/rules";
import { AskBuyButton } from "./ask-buy-button";
import { BidForm } from "./bid-form";
import { BuyNowForm } from "./buy-now-form";
import { LikeButton } from "./like-button";
import { SellNowForm } from "./sell-now-form";
import { signedIn, useIdempotencyKey, useViewer, type SignedInViewer, type ViewerState } from "./viewer";

// The parts of the product page that depend on who is looking. The server renders the page once for
// everyone (the book itself comes as props); these fill in after the viewer is known (viewer.tsx).

/** What the viewer panels need of an ask and a bid (public, from the book). */
export type AskRef = { id: number; price: number; sellerId: number; validUntil?: string };
export type BidRef = { id: number; price: number };

const DAY = 86_400_000;
const productPath = (productId: number) => `/products/${productId}`;

const isMyAsk = (v: SignedInViewer | null, a: AskRef) => !!v && (a.sellerId === v.me.id || v.myListingIds.includes(a.id));
const isMyBid = (v: SignedInViewer | null, b: BidRef) => !!v && v.myBidIds.includes(b.id);

/** After an action that stayed on the page: the viewer (and the header's points) are asked for again. */
function useAfterSuccess(extra?: () => void) {
  return useCallback(() => {
    extra?.();
    refreshAccount(); // the header and this page's viewer both listen
  }, [extra]);
}

/**
 * Holds a panel's place until the viewer is known (or says it could not be loaded). Shaped like the
 * signed-out panel (most visitors of a cached page), so theirs does not move when it fills in.
 */
function PanelPending({ state }: { state: ViewerState }) {
  const { reload } = useViewer();
  if (state.status === "error") {
    return (
      <p className="rounded-xl bg-slate-50 px-3 py-4 text-center text-sm text-slate-600" role="status">
        내 정보를 불러오지 못했습니다.{" "}
        <button type="button" className="font-semibold text-brand-700 underline" onClick={reload}>
          다시 시도
        </button>
      </p>
    );
  }
  return (
    <div className="space-y-2" aria-busy="true" data-testid="panel-loading">
      <span className="sr-only">불러오는 중…</span>
      <div className="h-[42px] animate-pulse rounded-xl bg-slate-100" />
      <div className="mx-auto h-4 w-32 animate-pulse rounded bg-slate-100" />
    </div>
  );
}

function SignInToTrade({ returnTo, label }: { returnTo: string; label: string }) {
  return (
    <div className="space-y-2 text-center">
      <IntentLink href={loginHref(returnTo)} className={buttonClass("secondary", "md", "w-full")} data-testid="login-to-trade">
        {label}
      </IntentLink>
      <p className="text-xs text-slate-500">
        처음이신가요?{" "}
        <IntentLink href={`/signup?callbackUrl=${encodeURIComponent(returnTo)}`} className="text-brand-700 underline">
          회원가입
        </IntentLink>
      </p>
    </div>
  );
}

const emptyNote = "rounded-xl bg-slate-50 px-3 py-4 text-center text-sm text-slate-500";

// ----- like -------------------------------------------------------------------------------------------

export function LikeSlot({ productId, count }: { productId: number; count: number }) {
  const { state, patch } = useViewer();
  const v = signedIn(state);
  const liked = v?.liked ?? false;
  const onSuccess = useAfterSuccess(useCallback(() => patch((x) => ({ ...x, liked: !liked })), [patch, liked]));
  if (v) return <LikeButton productId={productId} liked={liked} count={count} onSuccess={onSuccess} />;
  if (state.status === "ready") {
    return (
      <IntentLink href={loginHref(productPath(productId))} className={buttonClass("secondary", "md", "shrink-0")} aria-label={`찜 ${count}: 로그인하고 찜하기`}>
        <span aria-hidden>♡</span> 찜 <span className="tabular-nums">{count}</span>
      </IntentLink>
    );
  }
  // Not known yet: the same button, not pressable.
  return (
    <span className={buttonClass("secondary", "md", "shrink-0 opacity-60")} aria-label={`찜 ${count}`} data-testid="like-pending">
      <span aria-hidden>♡</span> 찜 <span className="tabular-nums">{count}</span>
    </span>
  );
}

// ----- the viewer's own listings ----------------------------------------------------------------------

export function MySellingLink({ asks }: { asks: AskRef[] }) {
  const v = signedIn(useViewer().state);
  const n = asks.filter((a) => isMyAsk(v, a)).length;
  if (!n) return null;
  return (
    <IntentLink href="/me?tab=listings" className="text-sm text-slate-600 underline-offset-2 hover:underline">
      내 판매 {n}건 관리
    </IntentLink>
  );
}

// ----- the three trade panels -------------------------------------------------------------------------

export function BuyPanelBody({ productId, asks }: { productId: number; asks: AskRef[] }) {
  const { state } = useViewer();
  const v = signedIn(state);
  const [idem, renew] = useIdempotencyKey();
  const onSuccess = useAfterSuccess(renew);
  if (!asks.length) return <p className={emptyNote}>지금 판매 중인 기프티콘이 없습니다. 구매 입찰을 남겨 보세요.</p>;
  if (state.status !== "ready") return <PanelPending state={state} />;
  const best = asks.find((a) => !isMyAsk(v, a));
  if (!best) return <p className={emptyNote}>지금은 내 판매 글만 있습니다. 구매 입찰을 남겨 보세요.</p>;
  if (!v) return <SignInToTrade returnTo={productPath(productId)} label={`로그인하고 ${won(best.price)}에 구매`} />;
  // Buy now takes any ask at the best price: the validity shown is the shortest among them.
  const atPrice = asks.filter((a) => a.price === best.price && !isMyAsk(v, a) && a.validUntil).map((a) => a.validUntil!);
  const validity = atPrice.length ? { validUntil: atPrice.reduce((m, x) => (x < m ? x : m)), atLeast: new Set(atPrice).size > 1 } : null;
  return <BuyNowForm productId={productId} price={best.price} points={v.me.points} coupons={v.coupons} idem={idem} validity={validity} onSuccess={onSuccess} />;
}

export function BidPanelBody({ productId, faceValue, asks }: { productId: number; faceValue: number; asks: AskRef[] }) {
  const { state } = useViewer();
  const v = signedIn(state);
  const [idem, renew] = useIdempotencyKey();
  const onSuccess = useAfterSuccess(renew);
  // The deadline's bounds from this browser's clock, once (the form keeps what the user picked).
  const [now] = useState(() => Date.now());
  if (state.status !== "ready") return <PanelPending state={state} />;
  if (!v) return <SignInToTrade returnTo={productPath(productId)} label="로그인하고 입찰하기" />;
  const lowestAsk = asks.find((a) => !isMyAsk(v, a))?.price ?? null;
  return (
    <BidForm
      productId={productId}
      faceValue={faceValue}
      lowestAsk={lowestAsk}
      points={v.me.points}
      idem={idem}
      onSuccess={onSuccess}
      deadline={{
        value: kstDateTimeInput(now + DEFAULT_DEADLINE_DAYS * DAY),
        min: kstDateTimeInput(now + (MIN_DEADLINE_MINUTES + 5) * 60_000),
        max: kstDateTimeInput(now + MAX_DEADLINE_DAYS * DAY),
      }}
    />
  );
}

export function SellNowPanelBody({ productId, bids }: { productId: number; bids: BidRef[] }) {
  const { state } = useViewer();
  const v = signedIn(state);
  const [idem, renew] = useIdempotencyKey();
  const onSuccess = useAfterSuccess(renew);
  const sellLink = (
    <IntentLink href={`/sell?productId=${productId}`} className="text-brand-700 underline">
      판매 글 올리기
    </IntentLink>
  );
  if (!bids.length) return <p className={emptyNote}>아직 구매 입찰이 없습니다. {sellLink}</p>;
  if (state.status !== "ready") return <PanelPending state={state} />;
  const fillable = bids.find((b) => !isMyBid(v, b));
  if (!fillable) return <p className={emptyNote}>지금은 내 구매 입찰만 있습니다. {sellLink}</p>;
  if (!v) return <SignInToTrade returnTo={productPath(productId)} label={`로그인하고 ${won(fillable.price)}에 판매`} />;
  return (
    <SellNowForm
      key={fillable.id}
      bidId={fillable.id}
      price={fillable.price}
      idem={idem}
      onSuccess={onSuccess}
      minExpiry={kstDateInput(Date.now() + MIN_VALID_DAYS * DAY)}
    />
  );
}

// ----- the ask and bid tables -------------------------------------------------------------------------

/** The last cell of an ask row: "구매" (that exact listing), "내 판매", or the way to sign in. */
export function AskAction({ productId, ask }: { productId: number; ask: AskRef }) {
  const { state } = useViewer();
  const v = signedIn(state);
  if (state.status !== "ready") {
    return (
      <button type="button" disabled className={buttonClass("secondary", "sm")} aria-label={`${won(ask.price)}에 구매 (불러오는 중)`}>
        구매
      </button>
    );
  }
  if (isMyAsk(v, ask)) {
    return (
      <span className="rounded-full bg-slate-100 px-2 py-1 text-xs font-medium text-slate-600" data-testid="own-ask">
        내 판매
      </span>
    );
  }
  if (!v) {
    return (
      <IntentLink href={loginHref(productPath(productId))} className={buttonClass("secondary", "sm")}>
        구매
      </IntentLink>
    );
  }
  return <AskBuyRow listingId={ask.id} price={ask.price} points={v.me.points} />;
}

function AskBuyRow({ listingId, price, points }: { listingId: number; price: number; points: number }) {
  const [idem] = useIdempotencyKey(); // a purchase leaves the page, so one key per visit
  return <AskBuyButton listingId={listingId} price={price} idem={idem} disabled={points < price} />;
}

/** Under the ask table: why some "구매" buttons are off. */
export function ShortPointsNote({ asks }: { asks: AskRef[] }) {
  const v = signedIn(useViewer().state);
  if (!v || !asks.some((a) => !isMyAsk(v, a) && v.me.points < a.price)) return null;
  return (
    <p className="mt-2 text-xs text-slate-500">
      포인트가 모자란 판매 글은 구매 버튼이 꺼져 있습니다. <IntentLink href="/points" className="text-brand-700 underline">충전하기</IntentLink>
    </p>
  );
}

export function MyBidBadge({ bidId }: { bidId: number }) {
  const v = signedIn(useViewer().state);
  if (!v?.myBidIds.includes(bidId)) return null;
  return <span className="ml-1.5 rounded-full bg-blue-50 px-1.5 py-0.5 text-xs font-medium text-blue-700">내 입찰</span>;
}
