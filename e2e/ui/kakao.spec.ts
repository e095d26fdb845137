import { randomInt } from "node:crypto";
import { ApiClient, uniq } from "../support/api-client";
import { KakaoMock } from "../support/kakao-mock";
import { expect, test } from "../support/ui-fixtures";
import { buyNow, logIn, revealCode, signOut, signUp, topUp } from "../support/ui-pages";
import { freshProduct, list } from "../api/helpers";

// Sign-in with Kakao in Chromium, against a local OAuth 2.0 server that answers as Kakao does
// (e2e/support/kakao-mock.ts; the main test server's Kakao provider points at it, playwright.config.ts).
// One browser size is enough here: the flow is redirects and one button.

const mock = new KakaoMock();
test.beforeAll(async () => mock.start());
test.afterAll(async () => mock.stop());

const kakaoId = () => randomInt(1_000_000_000, 9_000_000_000);

async function kakaoLogin(page: import("@playwright/test").Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: "카카오로 로그인" }).click();
  await expect(page).toHaveURL((u) => u.pathname === "/");
  await expect(page.getByRole("banner").getByLabel(/님의 메뉴$/)).toBeVisible();
}
const me = async (page: import("@playwright/test").Page) => (await page.request.get("/api/me")).json();

test("first login creates the account, the second finds it (verified email kept)", async ({ person }) => {
  const nickname = `카톡${uniq().slice(0, 6)}`;
  const email = `kakao-${uniq()}@example.test`;
  mock.user = { id: kakaoId(), nickname, email, emailVerified: true };
  const first = await person("first");
  const tokenCalls = mock.calls.token;
  await kakaoLogin(first.page);
  expect(mock.calls.token).toBe(tokenCalls + 1);
  const created = await me(first.page);
  expect(created).toMatchObject({ nickname, email, role: "user", status: "active", points: 0 });
  await signOut(first.page);

  const again = await person("again");
  await kakaoLogin(again.page);
  expect((await me(again.page)).id).toBe(created.id);
});

test("a user without an email can trade", async ({ person }) => {
  test.setTimeout(120_000);
  mock.user = { id: kakaoId(), nickname: `무메일${uniq().slice(0, 5)}` };
  const buyer = await person("buyer");
  await kakaoLogin(buyer.page);
  const account = await me(buyer.page);
  expect(account.email).toBeNull();

  const product = await freshProduct(8000);
  const seller = await ApiClient.signUp(test.info().project.use.baseURL!);
  await list(seller, product.id, 6500);
  await topUp(buyer.page, 10_000);
  await buyer.page.goto(`/products/${product.id}`);
  await buyNow(buyer.page);
  expect(await revealCode(buyer.page)).toMatch(/\S{4,}/);
  expect((await me(buyer.page)).points).toBe(10_000 - 6500);
});

test("a denied consent returns to the login page, signed out, with a message", async ({ person }) => {
  mock.user = { id: kakaoId(), nickname: `거절${uniq().slice(0, 5)}` };
  const p = await person("denies");
  await p.page.goto("/login");
  mock.deny();
  await p.page.getByRole("button", { name: "카카오로 로그인" }).click();
  await expect(p.page).toHaveURL(/\/login\?/);
  await expect(p.page.getByText("카카오 로그인이 취소되었습니다")).toBeVisible();
  await expect(p.page.getByRole("banner").getByRole("link", { name: "로그인" })).toBeVisible();
  expect((await p.page.request.get("/api/me")).status()).toBe(401);
});

test("an unverified email links nothing; connecting Kakao from the my page does; the nickname is editable", async ({ person }) => {
  test.setTimeout(180_000); // three sign-ins and two people on a shared machine
  const p = await person("member");
  const account = await signUp(p.page);
  // A Kakao account that claims the member's email without Kakao vouching for it: a new account.
  const kakao = { id: kakaoId(), nickname: `연결${uniq().slice(0, 5)}`, email: account.email, emailVerified: false };
  mock.user = kakao;
  await signOut(p.page);
  const other = await person("other");
  await kakaoLogin(other.page);
  const stranger = await me(other.page);
  expect(stranger.email).toBeNull();
  await signOut(other.page);

  // The member signs in with their password and connects a Kakao account of their own.
  mock.user = { id: kakaoId(), nickname: "아무거나" };
  await logIn(p.page, account.email, account.password);
  const memberId = (await me(p.page)).id;
  await p.page.goto("/me");
  await p.page.getByRole("button", { name: "카카오 계정 연결" }).click();
  await expect(p.page.getByTestId("kakao-status")).toContainText("카카오 계정이 연결되어 있습니다");
  await signOut(p.page);
  await kakaoLogin(p.page);
  expect((await me(p.page)).id).toBe(memberId);

  // The nickname (Kakao's or generated) can be changed, under the same rules as at sign-up.
  const form = p.page.getByRole("form", { name: "닉네임 변경" });
  await p.page.goto("/me");
  await form.getByLabel("닉네임").fill("관리자");
  await form.getByRole("button", { name: "변경" }).click();
  await expect(form.getByTestId("field-error")).toContainText("운영진이나 사이트로 오해할 수 있는 이름");
  const fresh = `새이름${uniq().slice(0, 5)}`;
  await form.getByLabel("닉네임").fill(fresh);
  await form.getByRole("button", { name: "변경" }).click();
  await expect.poll(async () => (await me(p.page)).nickname).toBe(fresh);
});
