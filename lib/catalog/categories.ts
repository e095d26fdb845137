import type { Category } from "@/db/schema";

export const CATEGORY_LABELS: Record<Category, string> = {
  cafe: "카페",
  convenience: "편의점",
  chicken: "치킨",
  bakery: "베이커리",
  icecream: "아이스크림",
  burger: "버거",
  pizza: "피자",
  dessert: "디저트",
  movie: "영화",
  giftcard: "상품권",
};

export const SORTS = {
  relevance: "정확도순",
  popular: "인기순",
  price: "낮은 가격순",
  discount: "할인율순",
  newest: "최신 등록순",
  expiring: "마감 임박순",
  validity: "유효기간 긴 순",
} as const;
/** Minimum validity (days) the browse page can filter by: asks whose voucher is valid at least that long. */
export const VALIDITY_FILTERS = { "30": "30일 이상", "90": "90일 이상", "180": "180일 이상" } as const;
export type ValidityFilter = keyof typeof VALIDITY_FILTERS;
export type Sort = keyof typeof SORTS;
