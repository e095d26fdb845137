import { ApiClient } from "../support/api-client";
import { expect, kstDate, newCode, test, won } from "../support/ui-fixtures";
import { buyNow, headerPoints, newMember, revealCode } from "../support/ui-pages";
import { freshProduct } from "../api/helpers";

// The code as a buyer uses it in a shop (a barcode, the digits, a "사용 완료" mark) and forms that help:
// every error at once, focus on the first, typed values kept, "3,900" read as money, no date traps.

test("the buyer sees a large Code 128 barcode with the digits and marks the code as used", async ({ person, baseURL, shot }) => {
  const product = await freshProduct(5_000);
  const seller = await ApiClient.signUp(baseURL!);
  const code = newCode();
  expect((await seller.post("/api/listings", { productId: product.id, price: 3_900, code, expiresAt: kstDate(60) })).status).toBe(201);

  const buyer = await person("buyer");
  await newMember(buyer, { points: 10_000 });
  await buyer.page.goto(`/products/${product.id}`);
  const orderId = await buyNow(buyer.page);
  await expect(buyer.page.getByTestId("toast").filter({ hasText: "구매가 완료되었습니다" })).toBeVisible();
  await expect(headerPoints(buyer.page)).toHaveText(won(6_100));

  expect(await revealCode(buyer.page)).toBe(code);
  const barcode = buyer.page.getByTestId("barcode");
  await expect(barcode).toBeVisible();
  await expect(barcode).toContainText("화면 밝기");
  await expect(barcode.locator("svg rect").nth(5)).toBeAttached(); // bars drawn
  const box = (await barcode.locator("svg").boundingBox())!;
  expect(box.width).toBeGreaterThan(300);
  expect(box.height).toBeGreaterThanOrEqual(120);
  await shot(buyer.page, "order-barcode");

  await buyer.page.getByTestId("mark-used").click();
  await expect(buyer.page.getByTestId("used-mark")).toContainText("사용 완료");
  await expect(buyer.page.getByTestId("toast").filter({ hasText: "사용 완료로 표시했습니다" })).toBeVisible();
  await buyer.page.reload();
  await expect(buyer.page.getByTestId("used-mark")).toBeVisible(); // persisted
  const api = await buyer.context.request.get(`/api/orders/${orderId}`);
  expect((await api.json()).usedAt).not.toBeNull();

  // The orders tab hydrates cleanly (its rows are links: no link inside them, #418).
  const errors: string[] = [];
  buyer.page.on("pageerror", (e) => errors.push(e.message));
  buyer.page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await buyer.page.goto("/me?tab=orders");
  await expect(buyer.page.getByTestId("my-order").first()).toBeVisible();
  await buyer.page.waitForTimeout(1_000);
  expect(errors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);
});

test("the sell form: all errors at once, focus on the first, no expired date as the deadline, 3,900 accepted", async ({ person }) => {
  const product = await freshProduct(5_000);
  const seller = await person("seller");
  await newMember(seller);
  const { page } = seller;
  await page.goto(`/sell?productId=${product.id}`);
  const form = page.getByRole("form", { name: "판매 글 등록" });
  await expect(form.getByLabel("기프티콘 코드 (바코드 번호)")).toHaveAttribute("inputmode", "numeric");
  const deadline = await form.getByLabel("판매 마감").inputValue();

  // An expired date first: the deadline keeps its value, the date says what is wrong.
  await form.getByLabel("유효기간").fill(kstDate(-2));
  await expect(page.getByTestId("expiry-note")).toContainText("팔 수 없습니다");
  await expect(form.getByLabel("판매 마감")).toHaveValue(deadline);

  await form.getByLabel("기프티콘 코드 (바코드 번호)").fill("12");
  await page.getByRole("button", { name: "판매 글 등록" }).click();
  const errors = form.getByTestId("field-error");
  await expect(errors.filter({ hasText: "8자리 이상" })).toBeVisible();
  await expect(errors.filter({ hasText: "유효기간이 지난" })).toBeVisible();
  await expect(errors.filter({ hasText: "금액을 입력해 주세요" })).toBeVisible();
  await expect(form.getByLabel("기프티콘 코드 (바코드 번호)")).toBeFocused();
  await expect(form.getByLabel("기프티콘 코드 (바코드 번호)")).toHaveValue("12"); // typed value kept

  const code = newCode();
  await form.getByLabel("기프티콘 코드 (바코드 번호)").fill(code);
  await form.getByLabel("유효기간").fill(kstDate(60));
  await form.getByLabel("판매가 (원)").fill("3,900");
  await expect(page.getByTestId("sell-discount")).toContainText("22% 할인");
  await page.getByRole("button", { name: "판매 글 등록" }).click();
  await expect(page).toHaveURL(/\/products\/\d+\?listed=\d+/);
});

test("top-up: a declined card stays in the field, a success is said where the thumb is", async ({ person }) => {
  const member = await person("member");
  await newMember(member);
  const { page } = member;
  await page.goto("/points");
  const form = page.getByRole("form", { name: "포인트 충전" });
  await form.getByLabel("충전 금액 (원)").fill("30,000");
  await form.getByLabel(/카드 번호/).fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: "충전하기 (테스트 모드)" }).click();
  await expect(form.getByTestId("form-error")).toBeVisible();
  await expect(form.getByLabel(/카드 번호/)).toHaveValue("4000 0000 0000 0002");
  await expect(form.getByLabel("충전 금액 (원)")).toHaveValue("30,000");

  await form.getByLabel(/카드 번호/).fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "충전하기 (테스트 모드)" }).click();
  const toast = page.getByTestId("toast").filter({ hasText: "충전했습니다" });
  await expect(toast).toBeVisible();
  await expect(toast).toBeInViewport();
  await expect(headerPoints(page)).toHaveText(won(30_000));
});
