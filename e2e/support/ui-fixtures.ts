import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { newAddress, uniq } from "./api-client";

// Fixtures of the browser journeys: each person in a journey gets their own browser context (own
// cookies, own client address so per-address rate limits never collide), and screenshots go both to the
// test report and to test-results/screenshots/<project>-<name>.png. (The README's pictures in
// docs/screenshots are taken from the seeded demo market with `npm run screenshots`.)

export const ADMIN = { email: "admin@gifticon.test", password: "admin-demo-1234" };

export type Person = { page: Page; context: BrowserContext; name: string };

type Fixtures = {
  /** Opens a new browser context (a new person) with the project's device settings. */
  person: (name: string) => Promise<Person>;
  /** Screenshot of the whole page into the report and test-results/screenshots. */
  shot: (page: Page, name: string) => Promise<void>;
};

async function openPerson(browser: Browser, testInfo: TestInfo, name: string): Promise<Person> {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use;
  const context = await browser.newContext({
    viewport,
    userAgent,
    deviceScaleFactor,
    isMobile,
    hasTouch,
    locale,
    timezoneId,
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": newAddress() },
  });
  const page = await context.newPage();
  return { page, context, name };
}

export const test = base.extend<Fixtures>({
  person: async ({ browser }, use, testInfo) => {
    const opened: Person[] = [];
    await use(async (name) => {
      const p = await openPerson(browser, testInfo, name);
      opened.push(p);
      return p;
    });
    for (const p of opened) await p.context.close();
  },
  shot: async ({}, use, testInfo) => {
    await use(async (page, name) => {
      // From the top (a sticky header would otherwise sit over the middle of a full-page picture).
      await page.evaluate(async () => {
        window.scrollTo(0, 0);
        await document.fonts.ready;
      });
      const body = await page.screenshot({ fullPage: true });
      await testInfo.attach(name, { body, contentType: "image/png" });
      const dir = join(process.cwd(), "test-results", "screenshots");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${testInfo.project.name}-${name}.png`), body);
    });
  },
});

export { expect, uniq };

/** A password the sign-up rules accept. */
export const password = () => `pw${uniq()}1234`;

/** A fresh voucher code (16 characters, digits and letters). */
export function newCode(): string {
  return `${Date.now().toString().slice(-8)}${uniq().toUpperCase().slice(0, 8)}`;
}

/** YYYY-MM-DD `days` from now in Korea. */
export const kstDate = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** ₩ amounts as the UI writes them (₩4,000). */
export const won = (n: number) => new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW", maximumFractionDigits: 0 }).format(n);

/** A tiny valid PNG (1×1), to upload as a voucher photo. */
export const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
