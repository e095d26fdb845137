// The market's rules (domain.md), in one place, with the dates they depend on in Korean time.

export const MIN_PRICE = 100;
/** The highest amount any price or payment may have (₩10,000,000). */
export const MAX_PRICE = 10_000_000;
/** A gifticon must stay valid at least this many days to be listed or sold (expiring codes are refused). */
export const MIN_VALID_DAYS = 3;
/** …and expire within this many years (Korean vouchers last at most 5; the database stores up to 9999). */
export const MAX_VALID_YEARS = 5;
export const DEFAULT_DEADLINE_DAYS = 7;
export const MAX_DEADLINE_DAYS = 30;
/** A deadline must leave the other side some time. */
export const MIN_DEADLINE_MINUTES = 60;
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

const DAY = 86_400_000;
const KST_OFFSET = "+09:00";

/** "2026-12-31" → the last millisecond of that day in Korea (a gifticon is valid through its date). */
export function kstEndOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999${KST_OFFSET}`);
}

/** A date-time typed in a form without an offset ("2026-12-01T18:00") is Korean time. */
export function parseKstDateTime(v: string): Date {
  return /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? new Date(v) : new Date(`${v.length === 16 ? `${v}:00` : v}${KST_OFFSET}`);
}

/** Today's date in Korea as YYYY-MM-DD. */
export function kstToday(now = Date.now()): string {
  return new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
}

export const daysFromNow = (days: number, now = Date.now()) => new Date(now + days * DAY);

/** The latest expiry a gifticon may state. */
export const maximumExpiry = (now = Date.now()) => new Date(now + (MAX_VALID_YEARS * 366 + 1) * DAY);

/** The earliest expiry a listed gifticon may have. */
export const minimumExpiry = (now = Date.now()) => new Date(now + MIN_VALID_DAYS * DAY);

/** Default deadline of a listing: in 7 days, but never after the gifticon expires. */
export function defaultListingDeadline(expiresAt: Date, now = Date.now()): Date {
  return new Date(Math.min(now + DEFAULT_DEADLINE_DAYS * DAY, expiresAt.getTime()));
}
