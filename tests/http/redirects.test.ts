import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/forms/form-data";
import { safeLocalPath, safeRedirectUrl } from "@/lib/http/redirects";
import { REDIRECT_BYPASSES as BYPASSES } from "../support/redirect-bypasses";

// Where a browser may be sent after signing in: only somewhere on this site, however the address is spelled.

const ORIGIN = "http://localhost:3100";
/** What a browser does with a Location header: resolve it against the page it is on. */
const landsOn = (location: string) => new URL(location, `${ORIGIN}/login`).origin;


describe("safe redirects", () => {
  it("refuses every spelling of another host, and what it returns always stays on this site", () => {
    for (const v of BYPASSES) {
      const path = safeLocalPath(v);
      expect(landsOn(path), JSON.stringify(v)).toBe(ORIGIN);
      expect(landsOn(safeCallbackUrl(v)), JSON.stringify(v)).toBe(ORIGIN);
      expect(new URL(safeRedirectUrl(v, ORIGIN)).origin, JSON.stringify(v)).toBe(ORIGIN);
      expect(new URL(safeRedirectUrl(`${ORIGIN}${v}`, ORIGIN)).origin, JSON.stringify(v)).toBe(ORIGIN);
    }
  });

  it("keeps a local path with its query and fragment, and absolute URLs on this origin", () => {
    expect(safeLocalPath("/orders/3?new=1#code")).toBe("/orders/3?new=1#code");
    expect(safeLocalPath("/products?q=%EC%8A%A4%ED%83%80")).toBe("/products?q=%EC%8A%A4%ED%83%80");
    expect(safeLocalPath("/products?q=스타벅스")).toBe("/products?q=%EC%8A%A4%ED%83%80%EB%B2%85%EC%8A%A4");
    expect(safeCallbackUrl("/me", "/x")).toBe("/me");
    expect(safeCallbackUrl(undefined, "/?welcome=1")).toBe("/?welcome=1");
    expect(safeRedirectUrl("/me", ORIGIN)).toBe(`${ORIGIN}/me`);
    expect(safeRedirectUrl(`${ORIGIN}/orders/5`, ORIGIN)).toBe(`${ORIGIN}/orders/5`);
    expect(safeRedirectUrl("https://evil.example/x", ORIGIN)).toBe(ORIGIN);
  });

  it("for any string at all, the result resolves to this site and holds no control character (fast-check)", () => {
    const piece = fc.oneof(
      fc.constantFrom("/", "\\", "//", "\t", "\n", "\r", " ", "%2F", "%5C", "%09", "@", ":", "evil.example", "https:", "localhost:3100", ".", "..", "?", "#", "\u0000", "\u2028", "／", "＼"),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const v = parts.join("");
        const local = safeLocalPath(v);
        expect(landsOn(local)).toBe(ORIGIN);
        expect(/[\u0000-\u001f\u007f\\]/.test(local)).toBe(false);
        expect(new URL(safeRedirectUrl(v, ORIGIN)).origin).toBe(ORIGIN);
      }),
      { numRuns: 3000 },
    );
  });
});
