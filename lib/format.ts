// Display formats of the Korean UI: won with separators, dates in Asia/Seoul.

const wonFmt = new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW", maximumFractionDigits: 0 });
const numFmt = new Intl.NumberFormat("ko-KR");
const dateTimeFmt = new Intl.DateTimeFormat("ko-KR", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  // Not hour12:false: with it, ICU writes the first hour after midnight as "24:13".
  hourCycle: "h23",
});
const dateFmt = new Intl.DateTimeFormat("ko-KR", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" });
const shortFmt = new Intl.DateTimeFormat("ko-KR", { timeZone: "Asia/Seoul", month: "numeric", day: "numeric" });

/** ₩4,700 */
export const won = (n: number) => wonFmt.format(n);
/** 4,700 */
export const num = (n: number) => numFmt.format(n);
/** 2026. 11. 25. 14:30 (KST) */
export const dateTime = (d: string | Date) => dateTimeFmt.format(new Date(d));
/** 2026. 11. 25. */
export const dateOnly = (d: string | Date) => dateFmt.format(new Date(d));
/** 11. 25. */
export const shortDate = (d: string | Date) => shortFmt.format(new Date(d));

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

const kstDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" });
const dayNumber = (d: string | Date | number) => Date.parse(`${kstDay.format(new Date(d))}T00:00:00Z`) / 86_400_000;

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

/**
 * "14:30:05" in Korea, computed without Intl: text rendered on the server and hydrated in the browser must
 * be byte-identical, and Node's ICU and the browser's can differ (오후/AM, spaces, hour cycles).
 */
export function kstClock(d: string | Date): string {
  const k = new Date(new Date(d).getTime() + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(k.getUTCHours())}:${p(k.getUTCMinutes())}:${p(k.getUTCSeconds())}`;
}
