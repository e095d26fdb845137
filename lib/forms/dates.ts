// Values for <input type="date"> and <input type="datetime-local"> in Korean time, whatever the server's
// or the browser's time zone: the schemas read a value without an offset as KST (lib/market/rules.ts).

const KST_MS = 9 * 3_600_000;

/** "2026-12-31" (the day in Korea). */
export const kstDateInput = (d: Date | number) => new Date(new Date(d).getTime() + KST_MS).toISOString().slice(0, 10);

/** "2026-12-31T18:00" (minutes, Korea). */
export const kstDateTimeInput = (d: Date | number) => new Date(new Date(d).getTime() + KST_MS).toISOString().slice(0, 16);

/** The instant of a datetime-local value typed in Korean time. */
export const fromKstDateTimeInput = (v: string) => new Date(`${v.length === 16 ? `${v}:00` : v}+09:00`);
