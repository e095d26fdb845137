import { ProductTile } from "@/components/catalog/product-tile";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { StatusBadge } from "@/components/ui/status-badge";
import { buttonClass } from "@/components/ui/styles";
import type { MyListing, MyOrder } from "@/lib/accounts/queries";
import { dateOnly, dateTime, discountText, timeLeft, won } from "@/lib/format";
import type { ProductInfo } from "@/lib/market/read-model";
import { CancelBidButton, CancelListingButton, ClaimCouponForm, EditPriceForm } from "./row-forms";

// The sections of my page. Plain server components around the rows' small client forms.

/** linked: false inside a row that is itself a link (an <a> in an <a> is invalid HTML: the browser splits it and hydration fails, #418). */
function ProductLine({ product, children, linked = true }: { product: ProductInfo; children?: React.ReactNode; linked?: boolean }) {
  return (
    <div className="flex min-w-0 flex-1 items-center gap-3">
      <ProductTile emoji={product.emoji} color={product.brandColor} size="sm" />
      <div className="min-w-0">
        <p className="truncate text-xs text-slate-500">{product.brandName}</p>
        {linked ? (
          <IntentLink href={`/products/${product.id}`} className="block truncate text-sm font-semibold hover:underline">
            {product.name}
          </IntentLink>
        ) : (
          <p className="truncate text-sm font-semibold">{product.name}</p>
        )}
        {children}
      </div>
    </div>
  );
}

export function ListingsSection({ rows }: { rows: MyListing[] }) {
  if (!rows.length)
    return (
      <EmptyState icon="🏷️" title="아직 판매 글이 없습니다">
        <IntentLink href="/sell" className={buttonClass("primary", "sm", "mt-3")}>
          기프티콘 팔기
        </IntentLink>
      </EmptyState>
    );
  return (
    <ul className="space-y-3" data-testid="my-listings">
      {rows.map((l) => {
        const live = l.status === "on_sale" && l.deadline.getTime() > Date.now();
        return (
          <li key={l.id} className="rounded-2xl border border-slate-200 bg-white p-4" data-testid="my-listing" data-listing-id={l.id}>
            <div className="flex flex-wrap items-start gap-3">
              <ProductLine product={l.product}>
                <p className="text-xs text-slate-500">
                  코드 ••••{l.codeLast4} · 유효기간 {dateOnly(l.expiresAt)}
                </p>
              </ProductLine>
              <div className="text-right">
                <StatusBadge status={l.status === "on_sale" && !live ? "expired" : l.status} />
                <p className="mt-1 font-bold tabular-nums">{won(l.price)}</p>
                <p className="text-xs text-slate-500">{discountText(l.price, l.product.faceValue)}</p>
              </div>
            </div>
            <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-xs text-slate-500">
              <span>
                등록 {dateTime(l.createdAt)}
                {live ? ` · 마감 ${timeLeft(l.deadline)}` : ""}
              </span>
              {l.orderId ? (
                <IntentLink href={`/orders/${l.orderId}`} className="font-semibold text-brand-700 hover:underline">
                  주문 보기 →
                </IntentLink>
              ) : null}
            </div>
            {live ? (
              <div className="mt-2 flex flex-wrap items-start gap-2">
                <EditPriceForm listingId={l.id} price={l.price} faceValue={l.product.faceValue} />
                <CancelListingButton listingId={l.id} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

type MyBid = { id: number; price: number; status: string; deadline: Date; createdAt: Date; orderId: number | null; product: ProductInfo };

export function BidsSection({ rows }: { rows: MyBid[] }) {
  if (!rows.length)
    return (
      <EmptyState icon="🙋" title="아직 구매 입찰이 없습니다">
        원하는 가격을 정해 두면 그 가격에 파는 사람이 나타날 때 자동으로 체결됩니다.
      </EmptyState>
    );
  return (
    <ul className="space-y-3" data-testid="my-bids">
      {rows.map((b) => {
        const live = b.status === "active" && b.deadline.getTime() > Date.now();
        return (
          <li key={b.id} className="rounded-2xl border border-slate-200 bg-white p-4" data-testid="my-bid" data-bid-id={b.id}>
            <div className="flex flex-wrap items-start gap-3">
              <ProductLine product={b.product}>
                <p className="text-xs text-slate-500">
                  입찰 {dateTime(b.createdAt)}
                  {live ? ` · 마감 ${timeLeft(b.deadline)}` : ""}
                </p>
              </ProductLine>
              <div className="text-right">
                <StatusBadge status={b.status === "active" && !live ? "expired" : b.status} />
                <p className="mt-1 font-bold tabular-nums text-bid">{won(b.price)}</p>
                {live ? <p className="text-xs text-slate-500">포인트 보류 중</p> : null}
              </div>
            </div>
            {live || b.orderId ? (
              <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
                {live ? <CancelBidButton bidId={b.id} /> : <span />}
                {b.orderId ? (
                  <IntentLink href={`/orders/${b.orderId}`} className="text-xs font-semibold text-brand-700 hover:underline">
                    주문 보기 →
                  </IntentLink>
                ) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function OrderRows({ rows }: { rows: MyOrder[] }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white">
      {rows.map((o) => (
        <li key={o.id} data-testid="my-order" data-order-id={o.id}>
          <IntentLink href={`/orders/${o.id}`} className="flex flex-wrap items-center gap-3 p-4 hover:bg-slate-50">
            <ProductLine product={o.product} linked={false}>
              <p className="text-xs text-slate-500">
                주문 #{o.id} · {dateTime(o.createdAt)}
              </p>
            </ProductLine>
            <div className="text-right">
              <span
                className={`mr-1.5 rounded-full px-2 py-0.5 text-xs font-semibold ${o.role === "buyer" ? "bg-rose-50 text-rose-700" : "bg-blue-50 text-blue-700"}`}
              >
                {o.role === "buyer" ? "구매" : "판매"}
              </span>
              <StatusBadge status={o.status} />
              <p className="mt-1 font-bold tabular-nums">{won(o.role === "buyer" ? o.paid : o.price)}</p>
              {o.role === "buyer" && o.discount ? <p className="text-xs text-slate-500">쿠폰 −{won(o.discount)}</p> : null}
            </div>
          </IntentLink>
        </li>
      ))}
    </ul>
  );
}

export function OrdersSection({ rows }: { rows: MyOrder[] }) {
  if (!rows.length)
    return (
      <EmptyState icon="🧾" title="아직 주문이 없습니다">
        <IntentLink href="/products" className={buttonClass("primary", "sm", "mt-3")}>
          기프티콘 둘러보기
        </IntentLink>
      </EmptyState>
    );
  const open = rows.filter((o) => o.status === "paid" || o.status === "disputed");
  const closed = rows.filter((o) => o.status === "completed" || o.status === "refunded");
  return (
    <div className="space-y-6" data-testid="my-orders">
      <section aria-labelledby="orders-open">
        <h3 id="orders-open" className="mb-2 font-semibold">
          진행 중 <span className="text-sm font-normal text-slate-500">{open.length}건</span>
        </h3>
        {open.length ? <OrderRows rows={open} /> : <p className="text-sm text-slate-500">진행 중인 주문이 없습니다.</p>}
      </section>
      <section aria-labelledby="orders-closed">
        <h3 id="orders-closed" className="mb-2 font-semibold">
          종료 <span className="text-sm font-normal text-slate-500">{closed.length}건</span>
        </h3>
        {closed.length ? <OrderRows rows={closed} /> : <p className="text-sm text-slate-500">끝난 주문이 없습니다.</p>}
      </section>
    </div>
  );
}

type MyCoupon = { userCouponId: number; name: string; code: string; description: string; validUntil: Date; usedAt: Date | null; usable: boolean };

export function CouponsSection({ rows }: { rows: MyCoupon[] }) {
  return (
    <div className="space-y-4">
      <div className="rounded-2xl border border-slate-200 bg-white p-4">
        <h3 className="mb-2 font-semibold">쿠폰 코드 등록</h3>
        <ClaimCouponForm />
      </div>
      {rows.length ? (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="my-coupons">
          {rows.map((c) => (
            <li
              key={c.userCouponId}
              className={`rounded-2xl border p-4 ${c.usable ? "border-brand-500 bg-white" : "border-slate-200 bg-slate-50 text-slate-500"}`}
              data-testid="my-coupon"
            >
              <p className="font-semibold">{c.name}</p>
              <p className="text-sm">{c.description}</p>
              <p className="mt-1 text-xs text-slate-500">
                {c.code} · {c.usedAt ? `${dateOnly(c.usedAt)} 사용함` : c.usable ? `${dateOnly(c.validUntil)}까지` : "사용할 수 없음"}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="🎟️" title="가진 쿠폰이 없습니다">
          쿠폰 코드가 있다면 위에서 등록하세요.
        </EmptyState>
      )}
    </div>
  );
}

export function LikesSection({ rows }: { rows: ProductInfo[] }) {
  if (!rows.length)
    return (
      <EmptyState icon="♡" title="찜한 상품이 없습니다">
        상품 페이지에서 ♡ 찜을 누르면 여기에 모입니다.
      </EmptyState>
    );
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="my-likes">
      {rows.map((p) => (
        <li key={p.id}>
          <IntentLink href={`/products/${p.id}`} className="flex h-full flex-col gap-2 rounded-2xl border border-slate-200 bg-white p-3 hover:border-brand-500">
            <ProductTile emoji={p.emoji} color={p.brandColor} />
            <span className="truncate text-xs text-slate-500">{p.brandName}</span>
            <span className="line-clamp-2 text-sm font-semibold">{p.name}</span>
            <span className="text-xs text-slate-500">정가 {won(p.faceValue)}</span>
          </IntentLink>
        </li>
      ))}
    </ul>
  );
}
