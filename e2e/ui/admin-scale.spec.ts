import { ApiClient } from "../support/api-client";
import { expect, kstDate, newCode, test } from "../support/ui-fixtures";
import { confirmDialog, logInAsAdmin } from "../support/ui-pages";
import { freshProduct } from "../api/helpers";

// The admin at scale: lists that page and search; a listing taken down with a reason the seller is told.

test("the admin finds a listing by #id and takes it down with a reason; the seller is notified", async ({ person, baseURL }) => {
  const product = await freshProduct(5_000);
  const seller = await ApiClient.signUp(baseURL!);
  const listed = await seller.post("/api/listings", { productId: product.id, price: 3_000, code: newCode(), expiresAt: kstDate(60) });
  expect(listed.status, listed.text).toBe(201);

  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  // The seed's 347 orders are more than a page whatever ran before (the members may not be, run alone).
  await admin.page.goto("/admin/orders");
  await expect(admin.page.getByTestId("pager")).toContainText("페이지");
  // Past the last page (an old link): the first page of the same search, not an empty list claiming 0.
  await admin.page.goto("/admin/users?q=%40&page=9999");
  await expect(admin.page).toHaveURL(/\/admin\/users\?q=%40$/);
  await expect(admin.page.getByTestId("admin-user").first()).toBeVisible();
  await admin.page.goto("/admin/orders?q=" + encodeURIComponent("#1"));
  await expect(admin.page.getByTestId("admin-order").first()).toContainText("주문 #1");

  await admin.page.goto(`/admin/listings?q=%23${listed.body.id}`);
  const row = admin.page.getByTestId("admin-listing");
  await expect(row).toHaveCount(1);
  await row.getByLabel("내리는 사유").fill("가짜 코드 신고가 여러 건 접수됨");
  await row.getByRole("button", { name: "판매 글 내리기" }).click();
  await confirmDialog(admin.page, "되돌릴 수 없습니다");
  await expect(admin.page.getByTestId("toast").filter({ hasText: "내렸습니다" })).toBeVisible();
  await expect(admin.page.getByTestId("admin-listing")).toHaveCount(0);

  const book = await seller.get(`/api/products/${product.id}`);
  expect(book.body.asks.map((a: { id: number }) => a.id)).not.toContain(listed.body.id);
  const notes = await seller.get("/api/notifications");
  expect(notes.body.unread).toBe(1);
  expect(notes.body.items[0]).toMatchObject({ kind: "listing_taken_down", body: "사유: 가짜 코드 신고가 여러 건 접수됨" });

  await admin.page.goto("/admin/audit");
  await expect(admin.page.getByTestId("audit-entry").filter({ hasText: "판매 글 내림" }).first()).toContainText("가짜 코드 신고");
});
