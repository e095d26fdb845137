import { expect, type Locator, type Page } from "@playwright/test";
import { ADMIN, kstDate, newCode, password, uniq, type Person } from "./ui-fixtures";

// Page objects of the browser journeys: what a person does on each page, in the words the page uses
// (labels and button names, as a screen reader would find them).

export type Account = { email: string; nickname: string; password: string };

// ----- auth -------------------------------------------------------------------------------------------

export async function signUp(page: Page, opts: Partial<Account> & { callbackUrl?: string } = {}): Promise<Account> {
  const u = uniq();
  const account = { email: opts.email ?? `ui-${u}@example.test`, nickname: opts.nickname ?? `ui${u}`, password: opts.password ?? password() };
  await page.goto(opts.callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : "/signup");
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("닉네임").fill(account.nickname);
  await page.getByLabel("비밀번호", { exact: true }).fill(account.password);
  await page.getByLabel("비밀번호 확인").fill(account.password);
  await page.getByLabel("이용약관과 개인정보처리방침에 동의합니다").check();
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).not.toHaveURL(/\/signup/);
  return account;
}

export async function logIn(page: Page, email: string, pw: string, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  await fillLogin(page, email, pw);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function fillLogin(page: Page, email: string, pw: string) {
  // Wait for a previous attempt to finish first (the button reads "로그인 중…" meanwhile): its answer
  // re-renders the form and would empty a password typed before it arrived.
  const submit = page.getByRole("button", { name: "로그인", exact: true });
  await expect(submit).toBeEnabled();
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(pw);
  await submit.click();
}

/**
 * The in-app confirmation dialog (components/ui/confirm-dialog.tsx) that every irreversible button opens:
 * checks that it states what will happen, then confirms it.
 */
export async function confirmDialog(page: Page, says?: string | RegExp) {
  const dialog = page.locator("dialog[open]");
  await expect(dialog).toBeVisible();
  if (says) await expect(dialog).toContainText(says);
  await dialog.getByTestId("confirm-ok").click();
  await expect(dialog).toHaveCount(0);
}

export async function logInAsAdmin(page: Page) {
  await logIn(page, ADMIN.email, ADMIN.password, "/admin");
}

/** Opens the account menu (the header's avatar button) and returns it. */
export async function openAccountMenu(page: Page): Promise<Locator> {
  const summary = page.getByRole("banner").getByLabel(/님의 메뉴$/);
  await summary.click();
  return page.getByRole("banner").locator("details[open]");
}

export async function signOut(page: Page) {
  const menu = await openAccountMenu(page);
  await menu.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "로그인" })).toBeVisible();
}

/** The header's point balance (₩…), for the signed-in user. */
export const headerPoints = (page: Page) => page.getByTestId("header-points");

// ----- points and coupons -----------------------------------------------------------------------------

export async function topUp(page: Page, amount: number) {
  await page.goto("/points");
  await expect(page.getByTestId("test-mode-banner")).toContainText("테스트 모드 결제 — 실제 돈이 청구되지 않습니다");
  await page.getByLabel("충전 금액 (원)").fill(String(amount));
  await page.getByRole("button", { name: "충전하기 (테스트 모드)" }).click();
  await expect(page.getByTestId("form-success")).toContainText("충전했습니다");
}

export async function claimCoupon(page: Page, code: string) {
  await page.goto("/me?tab=coupons");
  await page.getByRole("textbox", { name: "쿠폰 코드" }).fill(code);
  await page.getByRole("button", { name: "쿠폰 등록" }).click();
  await expect(page.getByTestId("form-success")).toContainText("쿠폰을 받았습니다");
}

/** A new person who signed up through the UI, optionally with points. */
export async function newMember(p: Person, opts: { points?: number } = {}): Promise<Account> {
  const account = await signUp(p.page);
  if (opts.points) await topUp(p.page, opts.points);
  return account;
}

// ----- catalog ----------------------------------------------------------------------------------------

/** Searches with the header's search box (the one visible at this width). */
export async function search(page: Page, text: string) {
  const box = page.getByRole("combobox", { name: "기프티콘 검색" }).locator("visible=true");
  // The box the server rendered is swapped for the one that knows the page's query once the page hydrates;
  // text typed into the first is gone with it, so type until the box keeps it.
  await expect(async () => {
    await box.fill(text);
    await expect(box).toHaveValue(text, { timeout: 500 });
  }).toPass();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/products\?q=/);
}

export const productIdOf = (page: Page) => Number(new URL(page.url()).pathname.split("/").pop());

// ----- admin ------------------------------------------------------------------------------------------

export type TestProduct = { id: number; name: string; nameEn: string; faceValue: number };

/** The admin adds a product (under the first brand) through /admin/catalog; returns its id from the catalog list. */
export async function adminCreatesProduct(page: Page, faceValue: number): Promise<TestProduct> {
  const tag = uniq();
  const product = { name: `카페 모카 T 테스트${tag}`, nameEn: `Caffe Mocha Tall test${tag}`, faceValue };
  await page.goto("/admin/catalog");
  const form = page.getByRole("form", { name: "상품 추가" });
  await form.getByLabel("브랜드").selectOption({ label: "스타벅스 (카페)" });
  await form.getByLabel("상품 이름").fill(product.name);
  await form.getByLabel("영문 이름").fill(product.nameEn);
  await form.getByLabel("정가 (원)").fill(String(faceValue));
  await form.getByRole("button", { name: "상품 추가" }).click();
  const done = form.getByTestId("form-success");
  await expect(done).toContainText("상품을 추가했습니다");
  const id = Number(/#(\d+)/.exec((await done.textContent()) ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return { id, ...product };
}

/** The admin takes a test product off the market again (so test runs do not fill the catalog). */
export async function adminDeactivatesProduct(page: Page, product: TestProduct) {
  await page.goto(`/admin/catalog?q=${encodeURIComponent(product.nameEn)}`);
  const row = page.getByTestId("admin-product").filter({ hasText: product.nameEn });
  await row.getByLabel("판매").selectOption("false");
  await row.getByRole("button", { name: "저장" }).click();
  await expect(row.getByTestId("form-success")).toContainText("저장했습니다");
}

export async function adminCreatesCoupon(page: Page, opts: { value: number; minPrice?: number }): Promise<string> {
  const code = `E2E-${uniq().toUpperCase()}`;
  await page.goto("/admin/coupons");
  const form = page.getByRole("form", { name: "쿠폰 만들기" });
  await form.getByLabel("쿠폰 코드").fill(code);
  await form.getByLabel("쿠폰 이름").fill(`테스트 ${opts.value.toLocaleString("ko-KR")}원 할인`);
  await form.getByLabel("할인 방식").selectOption("amount");
  await form.getByLabel("할인 값").fill(String(opts.value));
  await form.getByLabel("최소 구매 금액 (원)").fill(String(opts.minPrice ?? 0));
  await form.getByRole("button", { name: "쿠폰 만들기" }).click();
  await expect(form.getByTestId("form-success")).toContainText(code);
  return code;
}

// ----- selling ----------------------------------------------------------------------------------------

export type Listed = { code: string; price: number };

/** From the product page: "이 상품 판매하기" → the sell form → back on the product page. */
export async function listFromProductPage(page: Page, opts: { price: number; photo?: Buffer; days?: number }): Promise<Listed> {
  await page.getByTestId("sell-this").click();
  await expect(page).toHaveURL(/\/sell\?productId=\d+/);
  const code = newCode();
  await fillSellForm(page, { code, price: opts.price, expiry: kstDate(opts.days ?? 60), photo: opts.photo });
  await page.getByRole("button", { name: "판매 글 등록" }).click();
  await expect(page).toHaveURL(/\/products\/\d+\?listed=\d+/);
  return { code, price: opts.price };
}

export async function fillSellForm(page: Page, f: { code: string; price: number; expiry: string; photo?: Buffer }) {
  const form = page.getByRole("form", { name: "판매 글 등록" });
  await form.getByLabel("기프티콘 코드 (바코드 번호)").fill(f.code);
  await form.getByLabel("유효기간").fill(f.expiry);
  await form.getByLabel("판매가 (원)").fill(String(f.price));
  if (f.photo) await form.getByLabel("기프티콘 사진 (선택)").setInputFiles({ name: "gifticon.png", mimeType: "image/png", buffer: f.photo });
}

// ----- the product page -------------------------------------------------------------------------------

/**
 * The product page is one cached page for everyone; what depends on the person looking (the trade panels,
 * the like, "내 판매"/"내 입찰", the per-row 구매 buttons) fills in after the browser has asked who it is,
 * all at once: waiting for the like button's placeholder to go is enough.
 */
export async function viewerReady(page: Page) {
  await expect(page.getByTestId("like-pending")).toHaveCount(0);
}

// ----- buying -----------------------------------------------------------------------------------------

/** "구매" on the cheapest ask row that is not the buyer's own (confirming the dialog). */
export async function buyFromAskRow(page: Page, price: string) {
  await viewerReady(page);
  await page.getByTestId("ask-row").filter({ hasText: price }).getByTestId("buy-ask").first().click();
  await confirmDialog(page, "취소할 수 없");
  await expect(page).toHaveURL(/\/orders\/\d+\?new=bought/);
  return Number(/\/orders\/(\d+)/.exec(page.url())![1]);
}

export async function buyNow(page: Page, opts: { couponName?: string } = {}) {
  await viewerReady(page);
  const panel = page.getByTestId("buy-panel");
  if (opts.couponName) {
    const select = panel.getByLabel("쿠폰");
    const value = await select.locator("option", { hasText: opts.couponName }).getAttribute("value");
    await select.selectOption(value!);
  }
  await panel.getByTestId("buy-now").click();
  await confirmDialog(page, "취소할 수 없");
  await expect(page).toHaveURL(/\/orders\/\d+\?new=bought/);
  return Number(/\/orders\/(\d+)/.exec(page.url())![1]);
}

export async function placeBid(page: Page, price: number) {
  await viewerReady(page);
  const panel = page.getByTestId("bid-panel");
  await panel.getByLabel("구매 희망가 (원)").fill(String(price));
  await panel.getByTestId("place-bid").click();
  await expect(panel.getByTestId("form-success")).toContainText("구매 입찰을 등록했습니다");
}

// ----- orders -----------------------------------------------------------------------------------------

export async function revealCode(page: Page): Promise<string> {
  await page.getByTestId("toggle-code").click();
  const code = page.getByTestId("gifticon-code");
  await expect(code).toHaveAttribute("data-revealed", "true");
  return ((await code.textContent()) ?? "").replace(/\s/g, "");
}

export async function confirmOrder(page: Page) {
  await page.getByTestId("confirm-order").click();
  await confirmDialog(page, "환불을 할 수 없습니다");
  await expect(page.getByTestId("notice")).toContainText("구매를 확정했습니다");
}

export async function disputeOrder(page: Page, reason: string, opts: { category?: string; photo?: Buffer } = {}) {
  if (opts.category) await page.getByLabel("문제 종류").selectOption({ label: opts.category });
  await page.getByLabel("어떤 문제가 있나요?").fill(reason);
  if (opts.photo) await page.getByLabel("증빙 사진 (선택)").setInputFiles({ name: "evidence.png", mimeType: "image/png", buffer: opts.photo });
  await page.getByTestId("dispute-order").click();
  await expect(page.getByTestId("notice")).toContainText("문제를 신고했습니다");
}
