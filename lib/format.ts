// Display formats of the Korean UI: won with separators, dates in Asia/Seoul.

// Computed without Intl, in both Node and the browser. Two reasons, both measured: text rendered on the server
// and hydrated in the browser must be byte-identical, and Node's ICU and a browser's can differ (오후/AM,
// spaces, hour cycles); and the first Intl formatter a page builds loads ICU's Korean data, 16–29 ms of a
// cold phone's main thread (×4 in Lighthouse's mobile run) spent before the page can answer a tap. Korea has
// kept UTC+9 without daylight saving since 1988, so a fixed offset is exact for every date the app shows.
// tests/format.test.ts checks each against Intl for any amount and date.

const KST_MS = 9 * 3_600_000;
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
/** Rounded half away from zero to a whole number, grouped by thousands ("-1,235"), as Intl writes it. */
function whole(n: number): string {
  const r = Math.round(Math.abs(n));
  if (!Number.isSafeInteger(r)) return new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 }).format(n);
  return `${n < 0 || Object.is(n, -0) ? "-" : ""}${grouped(String(r))}`;
}
/** The date's calendar fields in Korea. */
function kst(d: string | Date): Date {
  const t = new Date(d).getTime();
  if (Number.isNaN(t)) throw new RangeError("Invalid time value");
  return new Date(t + KST_MS);
}
const p2 = (n: number) => String(n).padStart(2, "0");

/** ₩4,700; -₩500 */
export const won = (n: number) => whole(n).replace(/^-?/, (sign) => `${sign}₩`);
/** 4,700 (whole numbers; the app counts things and won, never fractions) */
export const num = (n: number) => whole(n);
const dateOf = (k: Date) => `${k.getUTCFullYear()}. ${p2(k.getUTCMonth() + 1)}. ${p2(k.getUTCDate())}.`;
/** 2026. 11. 25. 14:30 (KST) */
export const dateTime = (d: string | Date) => {
  const k = kst(d);
  return `${dateOf(k)} ${p2(k.getUTCHours())}:${p2(k.getUTCMinutes())}`;
};
/** 2026. 11. 25. */
export const dateOnly = (d: string | Date) => dateOf(kst(d));
/** 11. 25. */
export const shortDate = (d: string | Date) => {
  const k = kst(d);
  return `${k.getUTCMonth() + 1}. ${k.getUTCDate()}.`;
};

/** Discount from face value in whole percent (never negative). */
export const percentOff = (price: number, faceValue: number) => Math.max(0, Math.floor(((faceValue - price) / faceValue) * 100));

/** "3일 남음", "5시간 남음", "마감" */
export function timeLeft(deadline: string | Date, now = Date.now()): string {
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return "마감";
  const h = Math.floor(ms / 3_600_000);
  if (h >= 48) return `${Math.floor(h / 24)}일 남음`;
  if (h >= 1) return `${h}시간 남음`;
  return `${Math.max(1, Math.floor(ms / 60_000))}분 남음`;
}

/** "방금 전", "5분 전", "3시간 전", "2일 전" */
export function ago(d: string | Date, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - new Date(d).getTime()) / 1000));
  if (s < 60) return "방금 전";
  if (s < 3600) return `${Math.floor(s / 60)}분 전`;
  if (s < 86400) return `${Math.floor(s / 3600)}시간 전`;
  return `${Math.floor(s / 86400)}일 전`;
}

/** The day in Korea as a whole number of days since 1970-01-01. */
const dayNumber = (d: string | Date | number) => Math.floor(kst(new Date(d)).getTime() / 86_400_000);

/** Whole days from today to the date, both in Asia/Seoul (0 on the day itself). */
export const daysUntil = (d: string | Date, now: number | Date = Date.now()) => dayNumber(d) - dayNumber(now);

/** "D-120", "D-day"; "만료" once past. */
export function dday(d: string | Date, now: number | Date = Date.now()): string {
  if (new Date(d).getTime() <= new Date(now).getTime()) return "만료";
  const n = daysUntil(d, now);
  return n <= 0 ? "D-day" : `D-${n}`;
}

/** "12% 할인"; at face value "정가"; above it "정가보다 ₩500 높음" (never "0% 할인"); under 1 % "1% 미만 할인". */
export function discountText(price: number, faceValue: number): string {
  if (price === faceValue) return "정가";
  if (price > faceValue) return `정가보다 ${won(price - faceValue)} 높음`;
  const p = percentOff(price, faceValue);
  return p > 0 ? `${p}% 할인` : "1% 미만 할인";
}

/** A seller's record in a few words: "거래 12건 · 분쟁 0%", or "첫 거래" for a new seller. */
export function sellerRecord(s: { completed: number; sales: number; disputeRate: number }): string {
  if (!s.sales) return "첫 거래";
  return `거래 완료 ${num(s.completed)}건 · 분쟁 ${Math.round(s.disputeRate * 100)}%`;
}

/** "14:30:05" in Korea. */
export function kstClock(d: string | Date): string {
  const k = kst(d);
  return `${p2(k.getUTCHours())}:${p2(k.getUTCMinutes())}:${p2(k.getUTCSeconds())}`;
}
