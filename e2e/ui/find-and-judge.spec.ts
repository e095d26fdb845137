import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/ui-fixtures";
import { newMember, viewerReady } from "../support/ui-pages";

// Finding and judging a voucher: search by alias and initial consonants with suggestions, the query kept
// in the box, a buyer reading the validity (유효기간) before paying, the phone-first product page; and axe
// on the public and signed-in pages (0 serious or critical violations). Screenshots at 390×844 on the
// phone project.

const PHONE = { width: 390, height: 844 };
const searchBox = (page: Page) => page.getByRole("combobox", { name: "기프티콘 검색" }).locator("visible=true");
const phoneSized = async (page: Page) => {
  if (test.info().project.name === "phone") await page.setViewportSize(PHONE);
};

test("search by alias with suggestions, then by initial consonants; the query stays in the box", async ({ page, shot }) => {
  await phoneSized(page);
  await page.goto("/");
  const box = searchBox(page);
  await box.click();
  await box.pressSequentially("스벅 아아", { delay: 30 });
  const suggestions = page.getByTestId("search-suggestions").locator("visible=true");
  await expect(suggestions.getByRole("option").first()).toContainText("아이스 카페 아메리카노 T");
  await shot(page, "search-suggestions");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/products\?q=/);
  await expect(page.getByTestId("product-card").first()).toContainText("아이스 카페 아메리카노 T");
  await expect(searchBox(page)).toHaveValue("스벅 아아");
  await shot(page, "search-results");

  await searchBox(page).fill("ㅅㅌㅂㅅ");
  await searchBox(page).press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("‘ㅅㅌㅂㅅ’ 검색 결과");
  for (const card of (await page.getByTestId("product-card").all()).slice(0, 4)) await expect(card).toContainText("스타벅스");
});

test("a buyer sees each ask's validity and the one they are buying before paying", async ({ person, shot }) => {
  const buyer = await person("buyer");
  await phoneSized(buyer.page);
  await newMember(buyer, { points: 30_000 });
  const { page } = buyer;
  await page.goto(`/products?q=${encodeURIComponent("스타벅스 아메리카노")}`);
  await page.getByTestId("product-card").first().click();
  await expect(page).toHaveURL(/\/products\/\d+$/);
  await expect(page.getByTestId("ask-validity").first()).toContainText(/D-\d+/);
  await expect(page.getByTestId("best-ask-validity")).toContainText(/까지 \(D-\d+\)/);
  await viewerReady(page);
  await expect(page.getByTestId("buy-validity")).toContainText(/까지.*\(D-\d+\)/);
  // Phone first: the buy button is on the first screen, above the book.
  const buy = await page.getByTestId("buy-now").boundingBox();
  const book = await page.getByTestId("ask-table").boundingBox();
  expect(buy!.y).toBeLessThan(book!.y);
  if (test.info().project.name === "phone") expect(buy!.y + buy!.height).toBeLessThan(PHONE.height + 200);
  // The chart loads when it comes near the screen: won values on the y axis (recharts draws the tick labels
  // in a layer of their own) and the face value line.
  const chart = page.getByTestId("price-chart");
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-yAxis-tick-labels")).toContainText(/\d,\d{3}|\d만/);
  await expect(chart).toContainText("정가 ₩");
  await shot(page, "product-validity");
});

/** Serious or critical axe violations of each page, all pages walked before failing (one report). */
async function expectNoSeriousViolations(page: Page, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
      found.push(`${path} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  }
  expect(found, "serious or critical axe violations").toEqual([]);
}

test("axe: public pages have no serious or critical violations", async ({ page }) => {
  test.setTimeout(180_000);
  await phoneSized(page);
  await page.goto(`/products?q=${encodeURIComponent("카페 아메리카노")}`);
  const productPath = new URL((await page.getByTestId("product-card").first().getAttribute("href"))!, page.url()).pathname;
  await expectNoSeriousViolations(page, ["/", "/products", `/products?q=${encodeURIComponent("스벅")}`, productPath, "/new", "/login", "/signup", "/about", "/terms", "/privacy"]);
});

// Desktop-sized: the header then shows the nickname inside the account menu's name (the phone-sized public
// audit above covers the narrow layout).
test("axe: signed-in pages have no serious or critical violations", async ({ person }) => {
  test.setTimeout(180_000);
  const member = await person("member");
  await newMember(member, { points: 10_000 });
  await expectNoSeriousViolations(member.page, ["/me", "/points", "/sell", `/sell?q=${encodeURIComponent("베라")}`]);
});
