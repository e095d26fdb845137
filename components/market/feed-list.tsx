import { IntentLink } from "@/components/ui/intent-link";
import { ProductTile } from "@/components/catalog/product-tile";
import { ago, percentOff, timeLeft, won } from "@/lib/format";
import type { FeedItem } from "@/lib/market/read-model";

// New listings, newest first: a sideways strip on phones, a grid on wider screens.
export function FeedList({ items, layout = "strip" }: { items: FeedItem[]; layout?: "strip" | "grid" }) {
  const list =
    layout === "strip"
      ? "-mx-4 flex snap-x scroll-px-4 gap-3 overflow-x-auto px-4 pb-2 sm:mx-0 sm:grid sm:grid-cols-3 sm:overflow-visible sm:px-0 lg:grid-cols-4"
      : "grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3";
  return (
    <ul className={list} data-testid="feed-list">
      {items.map((l) => (
        <li key={l.id} className={layout === "strip" ? "w-64 shrink-0 snap-start sm:w-auto" : ""}>
          <IntentLink
            href={`/products/${l.productId}`}
            className="feed-item"
            data-testid="feed-item"
          >
            <ProductTile emoji={l.product.emoji} color={l.product.brandColor} size="sm" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-xs text-slate-500">{l.product.brandName}</p>
              <p className="truncate text-sm font-semibold">{l.product.name}</p>
              <p className="flex items-baseline gap-1.5">
                {l.price < l.product.faceValue ? <span className="text-sm font-bold text-ask">{percentOff(l.price, l.product.faceValue) || "<1"}%</span> : null}
                <span className="text-sm font-bold">{won(l.price)}</span>
              </p>
              <p className="truncate text-xs text-slate-500">
                <time dateTime={l.createdAt}>{ago(l.createdAt)}</time> · {l.sellerNickname} · {timeLeft(l.deadline)}
              </p>
            </div>
          </IntentLink>
        </li>
      ))}
    </ul>
  );
}
