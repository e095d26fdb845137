import { expect, PNG_1x1, test, won, type Person } from "../support/ui-fixtures";
import {
  adminCreatesProduct,
  adminDeactivatesProduct,
  buyFromAskRow,
  buyNow,
  confirmDialog,
  disputeOrder,
  headerPoints,
  listFromProductPage,
  logInAsAdmin,
  newMember,
  revealCode,
  type TestProduct,
} from "../support/ui-pages";

// A buyer reports a problem with the code; the payment is frozen until an admin decides. A refund gives
// the buyer their points back and the seller nothing; completing pays the seller.

async function disputedOrder(person: (name: string) => Promise<Person>, product: TestProduct, price: number, via: "buy-now" | "ask-row") {
  const seller = await person("seller");
  await newMember(seller);
  await seller.page.goto(`/products/${product.id}`);
  const listed = await listFromProductPage(seller.page, { price, photo: PNG_1x1 });

  const buyer = await person("buyer");
  await newMember(buyer, { points: 10_000 });
  await buyer.page.goto(`/products/${product.id}`);
  const orderId = via === "buy-now" ? await buyNow(buyer.page) : await buyFromAskRow(buyer.page, won(price));
  await expect(headerPoints(buyer.page)).toHaveText(won(10_000 - price));

  // The code and the seller's photo, for the buyer only.
  expect(await revealCode(buyer.page)).toBe(listed.code);
  const photo = buyer.page.getByTestId("gifticon-photo");
  await expect(photo).toBeVisible();
  // Loaded and decoded (visible comes first: the image may still be on its way).
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

  await disputeOrder(buyer.page, "코드를 입력하니 이미 사용된 쿠폰이라고 나옵니다.", { category: "이미 사용된 코드", photo: PNG_1x1 });
  await expect(buyer.page.getByTestId("order-dispute-photo")).toBeVisible();
  await expect(buyer.page.getByTestId("order-timeline")).toContainText("문제 신고됨");
  await expect(buyer.page.getByTestId("confirm-order")).toHaveCount(0);

  await seller.page.goto(`/orders/${orderId}`);
  await expect(seller.page.getByTestId("seller-payout")).toContainText("관리자가 확인 중");
  // The seller sees the report and the photo, and answers.
  await expect(seller.page.getByTestId("dispute-case")).toContainText("이미 사용된 코드");
  await expect(seller.page.getByTestId("order-dispute-photo")).toBeVisible();
  await seller.page.getByRole("textbox", { name: "판매자 답변" }).fill("판매 전에 사용하지 않은 코드입니다.");
  await seller.page.getByTestId("respond-dispute").click();
  await expect(seller.page.getByTestId("toast").filter({ hasText: "답변을 보냈습니다" })).toBeVisible();
  await expect(seller.page.getByTestId("dispute-response")).toContainText("판매 전에 사용하지 않은 코드입니다.");
  return { seller, buyer, orderId };
}

test("a disputed order refunded by the admin: the buyer gets the points back, the seller nothing", async ({ person, shot }) => {
  test.setTimeout(180_000);
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const product = await adminCreatesProduct(admin.page, 5000);
  const { seller, buyer, orderId } = await disputedOrder(person, product, 4000, "buy-now");

  await admin.page.goto("/admin/disputes");
  const row = admin.page.getByTestId("dispute").filter({ hasText: `주문 #${orderId}` });
  await expect(row).toContainText("이미 사용된 쿠폰");
  // The whole case in view: the order, the buyer's photo, both sides.
  await expect(row.getByTestId("dispute-order")).toContainText(won(4000));
  const photo = row.getByTestId("dispute-photo");
  await expect(photo).toBeVisible();
  // Loaded and decoded (visible comes first: the image may still be on its way).
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(row.getByTestId("buyer-side")).toContainText("이미 사용된 코드");
  await expect(row.getByTestId("seller-side")).toContainText("판매 전에 사용하지 않은 코드입니다.");
  await row.getByLabel(/결정 메모/).fill("매장 화면 사진으로 사용된 코드임을 확인했습니다.");
  await row.scrollIntoViewIfNeeded();
  await shot(admin.page, "admin-disputes");
  await row.getByTestId("refund").click();
  await confirmDialog(admin.page, "환불");
  await expect(admin.page.getByTestId("dispute").filter({ hasText: `주문 #${orderId}` })).toHaveCount(0);

  await buyer.page.goto(`/orders/${orderId}`);
  await expect(buyer.page.getByTestId("order-timeline")).toContainText("환불 완료");
  await expect(buyer.page.getByTestId("dispute-outcome")).toContainText("매장 화면 사진으로 사용된 코드임을 확인했습니다.");
  await buyer.page.goto("/points");
  await expect(buyer.page.getByTestId("points-balance")).toHaveText(won(10_000));
  await expect(buyer.page.getByTestId("ledger-row").first()).toContainText("환불");
  await expect(buyer.page.getByTestId("ledger-row").first()).toContainText(`+${won(4000)}`);

  await seller.page.goto(`/orders/${orderId}`);
  await expect(seller.page.getByTestId("seller-payout")).toContainText("환불되어");
  await expect(seller.page.getByTestId("dispute-outcome")).toContainText("구매자에게 환불");
  await seller.page.goto("/points");
  await expect(seller.page.getByTestId("points-balance")).toHaveText(won(0));

  await adminDeactivatesProduct(admin.page, product);
});

test("a disputed order completed by the admin: the seller is paid", async ({ person }) => {
  test.setTimeout(180_000);
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const product = await adminCreatesProduct(admin.page, 5000);
  const { seller, buyer, orderId } = await disputedOrder(person, product, 3500, "ask-row");

  await admin.page.goto("/admin/disputes");
  const row = admin.page.getByTestId("dispute").filter({ hasText: `주문 #${orderId}` });
  await row.getByTestId("complete").click();
  await confirmDialog(admin.page, "지급");
  await expect(admin.page.getByTestId("dispute").filter({ hasText: `주문 #${orderId}` })).toHaveCount(0);

  await seller.page.goto(`/orders/${orderId}`);
  await expect(seller.page.getByTestId("seller-payout")).toContainText("판매 대금 지급 완료");
  await seller.page.goto("/points");
  await expect(seller.page.getByTestId("points-balance")).toHaveText(won(3500));
  await expect(seller.page.getByTestId("ledger-row").first()).toContainText("분쟁 처리");

  await buyer.page.goto("/points");
  await expect(buyer.page.getByTestId("points-balance")).toHaveText(won(6500));

  await adminDeactivatesProduct(admin.page, product);
});
