import { expect, kstDate, newCode, test, won } from "../support/ui-fixtures";
import {
  adminCreatesCoupon,
  adminCreatesProduct,
  adminDeactivatesProduct,
  buyNow,
  claimCoupon,
  confirmOrder,
  fillSellForm,
  headerPoints,
  logInAsAdmin,
  placeBid,
  revealCode,
  search,
  signUp,
  topUp,
} from "../support/ui-pages";

// The main journey, each step asserting what it names: sign up → find a product by searching → list a
// gifticon with the sell form → another user bids → a third buys now with a coupon → sees the code →
// confirms → the seller sees the payment in points.

test("sign up, search, sell, bid, buy now with a coupon, see the code, confirm, seller is paid", async ({ person, shot }) => {
  test.setTimeout(240_000); // four people, each signing up
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const product = await adminCreatesProduct(admin.page, 6000);
  const coupon = await adminCreatesCoupon(admin.page, { value: 1000, minPrice: 3000 });

  // The seller signs up, finds the product by searching and lists a gifticon.
  const seller = await person("seller");
  const sellerAccount = await signUp(seller.page);
  await expect(seller.page).toHaveURL(/\/\?welcome=1$/);
  await expect(seller.page.getByText("가입을 환영합니다!")).toBeVisible();
  await search(seller.page, product.name);
  await expect(seller.page.getByTestId("product-card")).toHaveCount(1);
  await seller.page.getByTestId("product-card").click();
  await expect(seller.page.getByRole("heading", { level: 1 })).toHaveText(product.name);

  await seller.page.getByTestId("sell-this").click();
  await expect(seller.page.getByTestId("sell-product-name")).toHaveText(product.name);
  const code = newCode();
  await fillSellForm(seller.page, { code, price: 5000, expiry: kstDate(60) });
  await expect(seller.page.getByTestId("sell-discount")).toContainText("16% 할인");
  await shot(seller.page, "sell");
  await seller.page.getByRole("button", { name: "판매 글 등록" }).click();
  await expect(seller.page).toHaveURL(/\/products\/\d+\?listed=\d+/);
  await expect(seller.page.getByTestId("notice")).toContainText("판매 글을 등록했습니다");
  const myAsk = seller.page.getByTestId("ask-row").filter({ has: seller.page.getByTestId("own-ask") });
  await expect(myAsk).toContainText(won(5000));
  await expect(seller.page.getByTestId("best-ask")).toHaveText(won(5000));

  // Another user bids below the ask: the price is held from their points.
  const bidder = await person("bidder");
  await signUp(bidder.page);
  await topUp(bidder.page, 10_000);
  // The seller's public page, from the ask row.
  await bidder.page.goto(`/products/${product.id}`);
  await bidder.page.getByTestId("ask-row").getByRole("link", { name: sellerAccount.nickname }).locator("visible=true").first().click();
  await expect(bidder.page.getByRole("heading", { level: 1 })).toHaveText(`${sellerAccount.nickname}님의 판매 글`);
  await expect(bidder.page.getByTestId("feed-item").filter({ hasText: product.name })).toContainText(won(5000));
  await bidder.page.goto(`/products/${product.id}`);
  await placeBid(bidder.page, 4000);
  await expect(bidder.page.getByTestId("best-bid")).toHaveText(won(4000));
  await expect(bidder.page.getByTestId("bid-row").filter({ hasText: "내 입찰" })).toContainText(won(4000));
  await expect(headerPoints(bidder.page)).toHaveText(won(6000));
  await bidder.page.goto("/me?tab=bids");
  await expect(bidder.page.getByTestId("my-held")).toHaveText(won(4000));
  await expect(bidder.page.getByTestId("my-bid").first()).toContainText("입찰 중");

  // A third user buys now with a coupon: price − discount = to pay.
  const buyer = await person("buyer");
  await signUp(buyer.page);
  await claimCoupon(buyer.page, coupon);
  await topUp(buyer.page, 10_000);
  await buyer.page.goto(`/products/${product.id}`);
  const panel = buyer.page.getByTestId("buy-panel");
  await expect(panel.getByTestId("buy-to-pay")).toHaveText(won(5000));
  await panel.getByLabel("쿠폰").selectOption({ index: 1 });
  await expect(panel.getByTestId("buy-discount")).toHaveText(`−${won(1000)}`);
  await expect(panel.getByTestId("buy-to-pay")).toHaveText(won(4000));
  const orderId = await buyNow(buyer.page);
  await expect(buyer.page.getByTestId("notice")).toContainText("구매가 완료되었습니다");
  await expect(buyer.page.getByTestId("order-paid")).toHaveText(won(4000));

  // The code: hidden until asked for, then exactly the seller's code.
  await expect(buyer.page.getByTestId("gifticon-code")).toHaveText(new RegExp(`${code.slice(-4)}$`));
  await expect(buyer.page.getByTestId("gifticon-code")).not.toContainText(code.slice(0, 8));
  expect(await revealCode(buyer.page)).toBe(code);
  await shot(buyer.page, "order");

  await confirmOrder(buyer.page);
  await expect(buyer.page.getByTestId("order-timeline")).toContainText("구매 확정 · 판매 대금 지급");
  await expect(headerPoints(buyer.page)).toHaveText(won(6000));

  // The seller sees the payment: the order is complete and the points arrived.
  await seller.page.goto(`/orders/${orderId}`);
  await expect(seller.page.getByTestId("seller-payout")).toContainText("판매 대금 지급 완료");
  await seller.page.goto("/me?tab=orders");
  await expect(seller.page.getByTestId("my-order").filter({ hasText: `주문 #${orderId}` })).toContainText("거래 완료");
  await expect(seller.page.getByTestId("my-points")).toHaveText(won(5000));
  await shot(seller.page, "my-page");
  await seller.page.goto("/points");
  await expect(seller.page.getByTestId("points-balance")).toHaveText(won(5000));
  await expect(seller.page.getByTestId("ledger-row").first()).toContainText("판매 대금");
  await expect(seller.page.getByTestId("ledger-row").first()).toContainText(`+${won(5000)}`);
  await shot(seller.page, "points");

  // The bid is still there (it was below the ask), its points still held.
  await bidder.page.goto(`/products/${product.id}`);
  await expect(bidder.page.getByTestId("best-bid")).toHaveText(won(4000));

  await adminDeactivatesProduct(admin.page, product);
});
