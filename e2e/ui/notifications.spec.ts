import { ApiClient } from "../support/api-client";
import { expect, kstDate, newCode, test, won } from "../support/ui-fixtures";
import { logInAsAdmin, newMember } from "../support/ui-pages";
import { freshProduct } from "../api/helpers";

// A notification arriving: the seller is told of the sale by the header's badge and the 알림 list.

test("a sale arrives as a notification with an unread badge; opening the list reads it", async ({ person, baseURL, shot }) => {
  const product = await freshProduct(5_000);
  const seller = await person("seller");
  await newMember(seller);
  const { page } = seller;
  await page.goto(`/sell?productId=${product.id}`);
  const form = page.getByRole("form", { name: "판매 글 등록" });
  await form.getByLabel("기프티콘 코드 (바코드 번호)").fill(newCode());
  await form.getByLabel("유효기간").fill(kstDate(60));
  await form.getByLabel("판매가 (원)").fill("4,200");
  await page.getByRole("button", { name: "판매 글 등록" }).click();
  await expect(page).toHaveURL(/\/products\/\d+\?listed=(\d+)/);
  const listingId = Number(/listed=(\d+)/.exec(page.url())![1]);
  await expect(page.getByTestId("header-notifications")).toBeVisible();
  await expect(page.getByTestId("unread-badge")).toHaveCount(0);

  const buyer = await ApiClient.signUp(baseURL!);
  expect((await buyer.post("/api/points/top-up", { amount: 10_000 })).status).toBe(200);
  const bought = await buyer.post("/api/orders", { listingId, expectedPrice: 4_200 });
  expect(bought.status, bought.text).toBe(201);

  // Any next page (or the tab coming back into view) asks the header again.
  await page.goto("/");
  await expect(page.getByTestId("unread-badge")).toHaveText("1");
  await expect(page.getByTestId("header-notifications")).toHaveAttribute("aria-label", "알림 1개 안 읽음");
  await page.getByTestId("header-notifications").click();
  await expect(page).toHaveURL(/\/notifications$/);
  const item = page.getByTestId("notification").first();
  await expect(item).toHaveAttribute("data-kind", "sold");
  await expect(item).toContainText(`판매 완료 (${won(4_200)})`);
  await expect(page.getByTestId("unread-badge")).toHaveCount(0);
  await shot(page, "notifications");
  await item.click();
  await expect(page).toHaveURL(/\/orders\/\d+/);
});

test("no hydration errors on the admin status page", async ({ person }) => {
  const errors: string[] = [];
  const admin = await person("admin");
  admin.page.on("pageerror", (e) => errors.push(e.message));
  admin.page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await logInAsAdmin(admin.page);
  await admin.page.goto("/admin/status");
  await expect(admin.page.getByText(/기준 \(한국 시간\)/)).toBeVisible();
  await admin.page.waitForTimeout(1_000);
  expect(errors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);
});
