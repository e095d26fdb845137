// npm run screenshots — the README's pictures, taken from the seeded demo market of a running `npm start`
// (BASE_URL, default http://localhost:3000) in Debian's Chromium, at desktop and phone size.
import { mkdirSync } from "node:fs";
import { chromium, devices } from "@playwright/test";

const BASE = process.env.BASE_URL ?? "http://localhost:3000";
const OUT = "docs/screenshots";
const args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
for (const [name, device] of [["desktop", devices["Desktop Chrome"]], ["phone", devices["Pixel 7"]]] as const) {
  const context = await browser.newContext({ ...device, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const page = await context.newPage();
  const shot = async (path: string, file: string) => {
    await page.goto(`${BASE}${path}`, { waitUntil: "load" });
    // Streamed sections replace their skeletons, and the browser-side panels fill in.
    await page.waitForFunction(() => !document.querySelector("main .animate-pulse"), null, { timeout: 10_000 }).catch(() => {});
    // Parts that load as they come near the screen (the price chart) are scrolled to first.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 150));
      }
      window.scrollTo(0, 0);
    });
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${OUT}/${name}-${file}.png`, fullPage: true });
    console.log(`${OUT}/${name}-${file}.png`);
  };
  await shot("/", "home");
  await shot("/products?sort=discount", "products");
  await shot("/products/1", "product");
  // Signed in as the demo buyer: the order waiting for confirmation, with its code.
  await page.goto(`${BASE}/login`);
  await page.getByLabel("이메일").fill("buyer@gifticon.test");
  await page.getByLabel("비밀번호").fill("buyer-demo-1234");
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await shot("/me", "my-page");
  await context.close();
}
await browser.close();
