import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateOnly, dateTime, daysUntil, dday, kstClock, num, shortDate, won } from "@/lib/format";

// lib/format.ts writes amounts and Korean dates by hand (no Intl on a phone's first paint); here each is held
// to what Intl (Node's full ICU) writes for the same input, over any amount and any date the app can show.
const seoul = { timeZone: "Asia/Seoul" } as const;
const intl = {
  won: new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW", maximumFractionDigits: 0 }),
  num: new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 }),
  dateTime: new Intl.DateTimeFormat("ko-KR", { ...seoul, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  date: new Intl.DateTimeFormat("ko-KR", { ...seoul, year: "numeric", month: "2-digit", day: "2-digit" }),
  short: new Intl.DateTimeFormat("ko-KR", { ...seoul, month: "numeric", day: "numeric" }),
  clock: new Intl.DateTimeFormat("en-GB", { ...seoul, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }),
  day: new Intl.DateTimeFormat("en-CA", { ...seoul, year: "numeric", month: "2-digit", day: "2-digit" }),
};
// From 1990 (Korea's last daylight saving time ended in 1988) to 2200.
const dates = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2200-12-31T23:59:59Z"), noInvalidDate: true });
const runs = { numRuns: 2000 };

describe("lib/format against Intl", () => {
  it("won and num: any amount, negative, fractional and huge ones included", () => {
    const amounts = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.constantFrom(0, -0, 0.5, -0.5, 2.5, 999.5, 1e21, -1e21));
    fc.assert(
      fc.property(amounts, (n) => {
        expect(won(n)).toBe(intl.won.format(n));
        expect(num(n)).toBe(intl.num.format(n));
      }),
      runs,
    );
    expect(won(4700)).toBe("₩4,700");
    expect(won(-1234)).toBe("-₩1,234");
  });

  it("dateTime, dateOnly, shortDate and kstClock: any instant, as written in Seoul", () => {
    fc.assert(
      fc.property(dates, (d) => {
        expect(dateTime(d)).toBe(intl.dateTime.format(d));
        expect(dateOnly(d.toISOString())).toBe(intl.date.format(d));
        expect(shortDate(d)).toBe(intl.short.format(d));
        expect(kstClock(d)).toBe(intl.clock.format(d));
      }),
      runs,
    );
    // Midnight in Seoul is 15:00 UTC the day before: the date turns there, not at UTC midnight.
    expect(dateOnly("2026-11-24T14:59:59Z")).toBe("2026. 11. 24.");
    expect(dateOnly("2026-11-24T15:00:00Z")).toBe("2026. 11. 25.");
    expect(dateTime("2026-11-24T15:13:00Z")).toBe("2026. 11. 25. 00:13");
  });

  it("daysUntil and dday count calendar days in Seoul", () => {
    const dayNumber = (d: Date) => Date.parse(`${intl.day.format(d)}T00:00:00Z`) / 86_400_000;
    fc.assert(
      fc.property(dates, dates, (d, now) => {
        expect(daysUntil(d, now)).toBe(dayNumber(d) - dayNumber(now));
      }),
      runs,
    );
    const now = new Date("2026-11-24T14:00:00Z"); // 23:00 in Seoul
    expect(dday("2026-11-24T15:30:00Z", now)).toBe("D-1"); // 00:30 the next day there
    expect(dday("2026-11-24T14:30:00Z", now)).toBe("D-day");
    expect(dday("2026-11-24T13:00:00Z", now)).toBe("만료");
  });

  it("an invalid date is an error, as with Intl", () => {
    expect(() => dateOnly("not a date")).toThrow(RangeError);
    expect(() => intl.date.format(new Date("not a date"))).toThrow(RangeError);
  });
});
