import { ApiClient } from "../support/api-client";
import { expect, kstDate, newCode, test, won } from "../support/ui-fixtures";
import { confirmDialog, headerPoints, newMember, viewerReady } from "../support/ui-pages";
import { freshProduct } from "../api/helpers";

// The page a buyer looks at can be older than the book (a cached page, a tab left open). Every buy sends
// the price the buyer saw; when it changed, the form shows the new price and buys only on a second press.

test("the price changed after the page was shown: nothing is bought until the buyer agrees to the new price", async ({ person, baseURL }) => {
  const product = await freshProduct(5_000);
  const seller = await ApiClient.signUp(baseURL!);
  const listed = await seller.post("/api/listings", { productId: product.id, price: 3_000, code: newCode(), expiresAt: kstDate(60) });
  expect(listed.status, listed.text).toBe(201);

  const buyer = await person("buyer");
  await newMember(buyer, { points: 10_000 });
  await buyer.page.goto(`/products/${product.id}`);
  await viewerReady(buyer.page);
  const panel = buyer.page.getByTestId("buy-panel");
  await expect(panel.getByTestId("buy-now")).toContainText(won(3_000));

  // The seller raises the price while the buyer's page still shows the old one.
  expect((await seller.patch(`/api/listings/${listed.body.id}`, { price: 3_500 })).status).toBe(200);
  await panel.getByTestId("buy-now").click();
  await confirmDialog(buyer.page, won(3_000));
  await expect(panel.getByTestId("price-changed")).toContainText(won(3_500));
  await expect(panel.getByTestId("buy-now")).toContainText(won(3_500));
  await expect(buyer.page).toHaveURL(new RegExp(`/products/${product.id}$`));
  await expect(headerPoints(buyer.page)).toHaveText(won(10_000));

  // The second press is the agreement: bought at the new price.
  await panel.getByTestId("buy-now").click();
  await confirmDialog(buyer.page, won(3_500));
  await expect(buyer.page).toHaveURL(/\/orders\/\d+\?new=bought/);
  await expect(headerPoints(buyer.page)).toHaveText(won(6_500));
});

test("the ask row's buy button: a changed price is shown on the row and needs a second press", async ({ person, baseURL }) => {
  const product = await freshProduct(5_000);
  const seller = await ApiClient.signUp(baseURL!);
  const listed = await seller.post("/api/listings", { productId: product.id, price: 2_000, code: newCode(), expiresAt: kstDate(60) });
  expect(listed.status, listed.text).toBe(201);

  const buyer = await person("buyer");
  await newMember(buyer, { points: 10_000 });
  await buyer.page.goto(`/products/${product.id}`);
  await viewerReady(buyer.page);
  expect((await seller.patch(`/api/listings/${listed.body.id}`, { price: 2_400 })).status).toBe(200);

  const row = buyer.page.getByTestId("ask-row").filter({ hasText: won(2_000) });
  await row.getByTestId("buy-ask").click();
  await confirmDialog(buyer.page);
  await expect(row.getByTestId("price-changed")).toContainText(won(2_400));
  await expect(headerPoints(buyer.page)).toHaveText(won(10_000));
  await row.getByTestId("buy-ask").click();
  await confirmDialog(buyer.page, won(2_400));
  await expect(buyer.page).toHaveURL(/\/orders\/\d+\?new=bought/);
  await expect(headerPoints(buyer.page)).toHaveText(won(7_600));
});
