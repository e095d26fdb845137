import { expect, test, won } from "../support/ui-fixtures";
import { fillLogin, headerPoints, newMember, openAccountMenu, signOut, signUp } from "../support/ui-pages";

// Accounts: sign-up rules, wrong passwords, coming back after signing in, signing out, and pages that
// are someone else's.

test("sign-up explains what is wrong, field by field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("이메일").fill("not-an-email");
  await page.getByLabel("닉네임").fill("a");
  await page.getByLabel("비밀번호", { exact: true }).fill("short");
  await page.getByLabel("비밀번호 확인").fill("different");
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByTestId("form-error")).toContainText(/입력값 \d+곳을 확인해 주세요/);
  await expect(page.getByLabel("이메일")).toHaveAttribute("aria-invalid", "true");
  const fieldErrors = page.getByTestId("field-error");
  await expect(fieldErrors.filter({ hasText: "올바른 이메일 주소를 입력해 주세요." })).toBeVisible();
  await expect(fieldErrors.filter({ hasText: "닉네임은 2자 이상이어야 합니다." })).toBeVisible();
  await expect(fieldErrors.filter({ hasText: "비밀번호는 10자 이상이어야 합니다." })).toBeVisible();
  await expect(fieldErrors.filter({ hasText: "이용약관과 개인정보처리방침에 동의해 주세요." })).toBeVisible();
  // What was typed stays (except passwords).
  await expect(page.getByLabel("이메일")).toHaveValue("not-an-email");
  await expect(page.getByLabel("비밀번호", { exact: true })).toHaveValue("");
});

test("an email can sign up once", async ({ person }) => {
  const first = await person("first");
  const account = await signUp(first.page);
  const second = await person("second");
  await second.page.goto("/signup");
  await second.page.getByLabel("이메일").fill(account.email);
  await second.page.getByLabel("닉네임").fill(`${account.nickname}x`.slice(0, 20));
  await second.page.getByLabel("비밀번호", { exact: true }).fill(account.password);
  await second.page.getByLabel("비밀번호 확인").fill(account.password);
  await second.page.getByLabel("이용약관과 개인정보처리방침에 동의합니다").check();
  await second.page.getByRole("button", { name: "가입하기" }).click();
  await expect(second.page.getByText("이미 가입된 이메일입니다.").first()).toBeVisible();
});

test("a wrong password gets one message that reveals nothing", async ({ person }) => {
  const p = await person("member");
  const account = await newMember(p);
  await p.page.context().clearCookies();
  await p.page.goto("/login");
  await fillLogin(p.page, account.email, "wrong-password-123");
  await expect(p.page.getByTestId("form-error")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
  await fillLogin(p.page, "nobody-here@example.test", "wrong-password-123");
  await expect(p.page.getByTestId("form-error")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
});

test("a signed-in page sends a visitor to sign in and back; signing out ends the session", async ({ person }) => {
  const p = await person("member");
  const account = await newMember(p);
  await expect(p.page.getByRole("banner")).toContainText(account.nickname.slice(0, 1));
  await signOut(p.page);

  await p.page.goto("/me?tab=coupons");
  await expect(p.page).toHaveURL(/\/login\?callbackUrl=%2Fme%3Ftab%3Dcoupons$/);
  await fillLogin(p.page, account.email, account.password);
  await expect(p.page).toHaveURL(/\/me\?tab=coupons$/);
  const menu = await openAccountMenu(p.page);
  await expect(menu).toContainText(account.nickname);
  await expect(menu.getByRole("link", { name: "관리자" })).toHaveCount(0);
});

test("the cached pages are the same for everyone; the header finds out who is looking in the browser", async ({ person }) => {
  const p = await person("member");
  const account = await newMember(p, { points: 7000 });
  await p.page.goto("/about");
  // The HTML the server sends (here with the member's cookies) names nobody.
  for (const path of ["/", "/about", "/products/1"]) {
    const html = await (await p.page.request.get(path)).text();
    expect(html, path).not.toContain(account.nickname);
    expect(html, path).toContain("기프티 거래소");
  }
  await p.page.goto("/");
  await expect(headerPoints(p.page)).toHaveText(won(7000));
  await expect(p.page.getByRole("banner").getByLabel(`${account.nickname} 님의 메뉴`)).toBeVisible();
  // Signing out where it lands anyway ("/"): nothing navigates, the header still follows.
  await signOut(p.page);
  await expect(p.page).toHaveURL(/\/$/);
  await expect(headerPoints(p.page)).toHaveCount(0);
  await p.page.reload();
  await expect(p.page.getByRole("banner").getByRole("link", { name: "회원가입" })).toBeVisible();
});

test("someone else's order and the admin area are not there for a member", async ({ person }) => {
  const p = await person("member");
  await newMember(p);
  // (The order page streams behind its loading skeleton, so its status is already sent: the page says it.)
  await p.page.goto("/orders/1");
  await expect(p.page.getByRole("heading", { name: "주문을 찾을 수 없습니다" })).toBeVisible();
  const admin = await p.page.goto("/admin");
  expect(admin?.status()).toBe(404);
  await expect(p.page.getByText("관리자 메뉴")).toHaveCount(0);
  const disputes = await p.page.goto("/admin/disputes");
  expect(disputes?.status()).toBe(404);
});
