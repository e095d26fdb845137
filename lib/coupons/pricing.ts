import type { Coupon } from "@/db/schema";
import { num } from "@/lib/format";

/** What a coupon takes off a price (never more than the price, never negative). */
export function discountFor(c: Pick<Coupon, "kind" | "value" | "maxDiscount">, price: number): number {
  const raw = c.kind === "amount" ? c.value : Math.floor((price * c.value) / 100);
  const capped = c.maxDiscount ? Math.min(raw, c.maxDiscount) : raw;
  return Math.max(0, Math.min(capped, price));
}

export function describeCoupon(c: Pick<Coupon, "kind" | "value" | "maxDiscount" | "minPrice">): string {
  const base = c.kind === "amount" ? `${num(c.value)}원 할인` : `${c.value}% 할인`;
  const extra = [
    c.minPrice ? `${num(c.minPrice)}원 이상 구매 시` : null,
    c.kind === "percent" && c.maxDiscount ? `최대 ${num(c.maxDiscount)}원` : null,
  ].filter(Boolean);
  return extra.length ? `${base} (${extra.join(", ")})` : base;
}
