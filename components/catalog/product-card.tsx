import { IntentLink } from "@/components/ui/intent-link";
import { dday, percentOff, won } from "@/lib/format";
import type { CatalogItem } from "@/lib/market/read-model";
import { ProductTile } from "./product-tile";

export function ProductCard({ item }: { item: CatalogItem }) {
  const ask = item.lowestAsk;
  return (
    <IntentLink
      href={`/products/${item.id}`}
      className="card"
      data-testid="product-card"
    >
      <ProductTile emoji={item.emoji} color={item.brandColor} />
      <div className="min-w-0">
        <p className="card-brand">{item.brandName}</p>
        <p className="card-name">{item.name}</p>
      </div>
      <div className="mt-auto">
        {ask ? (
          <p className="card-price">
            {ask.price < item.faceValue ? <span className="text-base font-bold text-ask">{percentOff(ask.price, item.faceValue) || "<1"}%</span> : null}
            <span className="text-base font-bold" data-testid="lowest-ask">{won(ask.price)}</span>
          </p>
        ) : (
          <p className="text-sm font-medium text-slate-600">지금 판매 없음</p>
        )}
        <p className="card-face">{won(item.faceValue)}</p>
        <p className="card-note mt-1">
          {item.askCount > 0 ? `판매 ${item.askCount}건` : item.highestBid ? "" : "구매 입찰을 남겨 보세요"}
          {item.highestBid ? `${item.askCount > 0 ? " · " : ""}구매 입찰 ${won(item.highestBid.price)}` : ""}
        </p>
        {item.longestValid ? (
          <p className="card-note" data-testid="card-validity">
            유효기간 최대 {dday(item.longestValid.validUntil)}
          </p>
        ) : null}
      </div>
    </IntentLink>
  );
}

/** Cards in a grid; `row` scrolls sideways on phones instead (a home page section stays one row high). */
export function ProductGrid({ items, layout = "grid" }: { items: CatalogItem[]; layout?: "grid" | "row" }) {
  const list =
    layout === "row"
      ? "-mx-4 flex snap-x scroll-px-4 gap-3 overflow-x-auto px-4 pb-2 sm:mx-0 sm:grid sm:grid-cols-3 sm:overflow-visible sm:px-0 lg:grid-cols-4 xl:grid-cols-6"
      : "grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6";
  return (
    <ul className={list}>
      {items.map((item) => (
        <li key={item.id} className={layout === "row" ? "row-item" : undefined}>
          <ProductCard item={item} />
        </li>
      ))}
    </ul>
  );
}
