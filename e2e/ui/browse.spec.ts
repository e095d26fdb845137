import { expect, test, won } from "../support/ui-fixtures";
import { claimCoupon, newMember, productIdOf, search, viewerReady } from "../support/ui-pages";

// Finding things: the home page's feed, search in Korean and English, category and brand filters, sorts,
// pages, the empty state, and a product page as a signed-in buyer sees it.

test("home: new listings feed near the top, then categories and brands", async ({ page, shot }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "새로 올라온 기프티콘" })).toBeVisible();
  await expect(page.getByTestId("feed-item").first()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "카테고리" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "브랜드" })).toBeVisible();
  await shot(page, "home");
});

test("links open pages in place, prefetch on the mouse's intent, and leave modified clicks to the browser", async ({ page, context, isMobile }) => {
  await page.goto("/");
  // The account area answers after the page has hydrated, and with it the document's link listeners.
  await expect(page.getByRole("link", { name: "로그인" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  const card = page.getByTestId("product-card").first();
  const href = (await card.getAttribute("href"))!;
  expect(href).toMatch(/^\/products\/\d+$/);

  if (!isMobile) {
    // The mouse over a card prefetches its page (an RSC request).
    const prefetch = page.waitForRequest((r) => new URL(r.url()).pathname === href && r.headers()["rsc"] === "1");
    await card.hover();
    await prefetch;
    // A click with a modifier is the browser's: a new tab, and this page stays where it is.
    const [tab] = await Promise.all([context.waitForEvent("page"), card.click({ modifiers: ["ControlOrMeta"] })]);
    await tab.close();
    await expect(page).toHaveURL(/\/$/);
  }

  await card.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A client-side navigation: the same document, no reload.
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await page.goBack();
  await expect(page.getByRole("heading", { name: "새로 올라온 기프티콘" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
});

test("search in Korean and in English finds the same brand", async ({ page }) => {
  await page.goto("/");
  await search(page, "스타벅스");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("‘스타벅스’ 검색 결과");
  const cards = page.getByTestId("product-card");
  await expect(cards.filter({ hasText: "자바 칩 프라푸치노 T" })).toHaveCount(1);
  for (const card of await cards.all()) await expect(card).toContainText("스타벅스");

  // The English name of the brand finds the same products.
  await search(page, "Starbucks");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("‘Starbucks’ 검색 결과");
  await expect(cards.filter({ hasText: "자바 칩 프라푸치노 T" })).toHaveCount(1);
  for (const card of await cards.all()) await expect(card).toContainText("스타벅스");

  await search(page, "없는상품zzqx");
  await expect(page.getByTestId("empty-state")).toContainText("‘없는상품zzqx’에 맞는 기프티콘이 없습니다");
});

test("filter by category and brand, sort by price, and page through", async ({ page, shot }) => {
  await page.goto("/products");
  await expect(page.getByTestId("product-card")).toHaveCount(24);
  await shot(page, "products");

  await page.getByTestId("next-page").click();
  await expect(page).toHaveURL(/cursor=24/);
  await expect(page.getByTestId("browse-summary")).toContainText("25–");
  await expect(page.getByRole("link", { name: "← 이전" })).toBeVisible();

  await page.getByRole("navigation", { name: "카테고리" }).getByRole("link", { name: /카페/ }).click();
  await expect(page).toHaveURL(/category=cafe/);
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(page.getByRole("navigation", { name: "카테고리" }).getByRole("link", { name: /카페/ })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("브랜드", { exact: true }).selectOption("starbucks");
  await expect(page).toHaveURL(/brand=starbucks/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("스타벅스");
  for (const card of await page.getByTestId("product-card").all()) await expect(card).toContainText("스타벅스");

  await page.getByLabel("정렬", { exact: true }).selectOption("price");
  await expect(page).toHaveURL(/sort=price/);
  await expect(page.getByTestId("browse-summary")).toContainText("낮은 가격순");
  const prices = (await page.getByTestId("lowest-ask").allTextContents()).map((t) => Number(t.replace(/[^\d]/g, "")));
  expect(prices.length).toBeGreaterThan(1);
  expect([...prices].sort((a, b) => a - b)).toEqual(prices);
});

test("a product page as a signed-in buyer: book, price history, buy panel with points and coupons, like", async ({ person, shot }) => {
  const buyer = await person("buyer");
  await newMember(buyer, { points: 30_000 });
  await claimCoupon(buyer.page, "GIFTY10");
  const { page } = buyer;
  await search(page, "카페 아메리카노 T");
  await page.getByTestId("product-card").filter({ hasText: "스타벅스" }).first().click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  await expect(page.getByTestId("ask-table")).toBeVisible();
  await expect(page.getByRole("region", { name: "시세" })).toContainText("최근 체결");
  await viewerReady(page);
  const panel = page.getByTestId("buy-panel");
  await expect(panel).toContainText(`보유 포인트${won(30_000)}`);
  await expect(panel.getByLabel("쿠폰").locator("option", { hasText: "10% 할인" })).toHaveCount(1);

  const like = page.getByTestId("like-button");
  const before = Number(await like.getByTestId("like-count").textContent());
  await like.click();
  await expect(page.getByTestId("like-button")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("like-count")).toHaveText(String(before + 1));
  await shot(page, "product");

  // What the panels were filled from: the viewer's own view of this product, never cached.
  const viewer = await page.request.get(`/api/products/${productIdOf(page)}/viewer`);
  expect(viewer.headers()["cache-control"]).toBe("no-store");
  const v = await viewer.json();
  expect(v).toMatchObject({ signedIn: true, liked: true, me: { points: 30_000, heldPoints: 0 }, myBidIds: [], myListingIds: [] });
  expect(v.coupons.some((c: { name: string }) => c.name.includes("10% 할인"))).toBe(true);
  expect(await (await page.request.get("/api/session")).json()).toMatchObject({ signedIn: true, points: 30_000, role: "user" });

  await page.goto("/me?tab=likes");
  await expect(page.getByTestId("my-likes")).toContainText("카페 아메리카노 T");
});

test("signed out, the product page offers sign-in and comes back after it", async ({ person }) => {
  const visitor = await person("visitor");
  const account = await newMember(visitor);
  const { page } = visitor;
  await page.context().clearCookies();
  await page.goto("/products?q=%EC%8A%A4%ED%83%80%EB%B2%85%EC%8A%A4");
  await page.getByTestId("product-card").first().click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  const productUrl = page.url();
  // Signed out, the panels (they fill in after the page loads) and "구매" on each row of the book (rendered
  // with the page) lead to signing in.
  await viewerReady(page);
  await expect(page.getByTestId("bid-panel").getByTestId("login-to-trade")).toBeVisible();
  if (await page.getByTestId("ask-row").count()) {
    await expect(page.getByTestId("buy-panel").getByTestId("login-to-trade")).toBeVisible();
    await expect(page.getByTestId("ask-row").first().getByRole("link", { name: "구매" })).toHaveAttribute("href", /\/login\?callbackUrl=%2Fproducts%2F\d+/);
  }
  await page.getByTestId("bid-panel").getByTestId("login-to-trade").click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fproducts%2F\d+/);
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await expect(page).toHaveURL(productUrl);
  await expect(page.getByTestId("bid-panel").getByTestId("place-bid")).toBeVisible();
});
