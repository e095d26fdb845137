"use client";

import { useFormState } from "@/components/ui/form";
import { won } from "@/lib/format";

// Every trade states the price the user saw (expectedPrice / maxPrice). When the server answers
// `price_changed`, the form shows the new price and sends that one only if the user presses again: the
// second press is the agreement. Any later result falls back to the price on the page.

/** The price this form currently asks the user to agree to: the page's, or the new one after price_changed. */
export function useAgreedPrice(shown: number): { price: number; changedFrom: number | null } {
  const { state } = useFormState();
  const current = state.ok === false && state.code === "price_changed" ? Number(state.details?.currentPrice) : NaN;
  if (Number.isSafeInteger(current) && current > 0 && current !== shown) return { price: current, changedFrom: shown };
  return { price: shown, changedFrom: null };
}

/** "The price changed from A to B": shown above the button that would now trade at B. */
export function PriceChangedNotice({ shown, compact }: { shown: number; compact?: boolean }) {
  const { price, changedFrom } = useAgreedPrice(shown);
  return (
    <div aria-live="assertive">
      {changedFrom !== null ? (
        <p
          role="alert"
          data-testid="price-changed"
          className={`rounded-xl bg-amber-50 text-amber-900 ${compact ? "mt-1 max-w-48 px-2 py-1 text-left text-xs" : "px-3 py-2 text-sm"}`}
        >
          가격이 {won(changedFrom)}에서 <strong className="tabular-nums">{won(price)}</strong>(으)로 바뀌었습니다. 이 가격이 맞으면 다시 눌러 주세요.
        </p>
      ) : null}
    </div>
  );
}
