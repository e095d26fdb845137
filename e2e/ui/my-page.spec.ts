import { expect, test, won } from "../support/ui-fixtures";
import { adminCreatesProduct, adminDeactivatesProduct, confirmDialog, headerPoints, listFromProductPage, logInAsAdmin, newMember, placeBid } from "../support/ui-pages";

// My page: change the price of a listing, take it back; cancel a bid and get the held points back.

test("my listings and bids: reprice, cancel, release held points", async ({ person }) => {
  test.setTimeout(180_000);
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const product = await adminCreatesProduct(admin.page, 8000);

  const seller = await person("seller");
  await newMember(seller);
  await seller.page.goto(`/products/${product.id}`);
  await listFromProductPage(seller.page, { price: 7000 });

  await seller.page.goto("/me");
  const listing = seller.page.getByTestId("my-listing").filter({ hasText: product.name });
  await expect(listing).toContainText("판매 중");
  await listing.getByRole("textbox", { name: /새 판매가/ }).fill("6500");
  await listing.getByRole("button", { name: "가격 변경" }).click();
  await expect(listing).toContainText(won(6500));
  await expect(listing).toContainText("판매가를 ₩6,500으로 바꿨습니다.");
  await seller.page.goto(`/products/${product.id}`);
  await expect(seller.page.getByTestId("best-ask")).toHaveText(won(6500));

  // Above face value: refused, with the reason next to the field.
  await seller.page.goto("/me");
  await listing.getByRole("textbox", { name: /새 판매가/ }).fill("9000");
  await listing.getByRole("button", { name: "가격 변경" }).click();
  await expect(listing).toContainText("정가(₩8,000) 이하");

  await listing.getByRole("button", { name: "판매 취소" }).click();
  await confirmDialog(seller.page, "되돌릴 수 없습니다");
  await expect(seller.page.getByTestId("toast").filter({ hasText: "판매를 취소했습니다" })).toBeVisible();
  await expect(listing).toContainText("취소됨");
  await expect(listing.getByRole("button", { name: "판매 취소" })).toHaveCount(0);

  const bidder = await person("bidder");
  await newMember(bidder, { points: 10_000 });
  await bidder.page.goto(`/products/${product.id}`);
  await placeBid(bidder.page, 5000);
  await bidder.page.goto("/me?tab=bids");
  await expect(bidder.page.getByTestId("my-held")).toHaveText(won(5000));
  const bid = bidder.page.getByTestId("my-bid").filter({ hasText: product.name });
  await bid.getByRole("button", { name: "입찰 취소" }).click();
  await confirmDialog(bidder.page, "보류한 포인트");
  await expect(bidder.page.getByTestId("toast").filter({ hasText: "구매 입찰을 취소" })).toBeVisible();
  await expect(headerPoints(bidder.page)).toHaveText(won(10_000));
  await expect(bid).toContainText("취소됨");
  await expect(bidder.page.getByTestId("my-held")).toHaveText(won(0));
  await expect(bidder.page.getByTestId("my-points")).toHaveText(won(10_000));

  await adminDeactivatesProduct(admin.page, product);
});
