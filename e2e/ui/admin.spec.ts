import { expect, test, won } from "../support/ui-fixtures";
import { adminCreatesCoupon, confirmDialog, fillLogin, logInAsAdmin, newMember } from "../support/ui-pages";

// The admin pages that are not part of the trade journeys: system status, coupons, members, withdrawals.

test("system status: every node's role, reachability, GTID, lag and replication, refreshed on its own", async ({ person, shot }) => {
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const { page } = admin;
  await page.goto("/admin/status");
  await expect(page.getByTestId("health-status")).toHaveAttribute("data-status", /ok|degraded/);
  const nodes = page.getByTestId("health-node");
  await expect(nodes).toHaveCount(3);
  await expect(page.locator('[data-node="primary"]')).toContainText("주 서버 (쓰기)");
  await expect(page.locator('[data-node="primary"]')).toContainText(/0-1-\d+/);
  await expect(page.locator('[data-node="replica1"]')).toContainText("복제본 (읽기)");
  await expect(page.locator('[data-node="replica1"]')).toContainText("IO 실행 중");
  await expect(page.locator('[data-node="replica1"]')).toContainText("SQL 실행 중");
  await expect(page.getByTestId("health-cache")).toContainText("적중률");
  await shot(page, "admin-status");
  const stamp = await page.getByText(/기준 \(한국 시간\) · 3초마다 새로고침/).textContent();
  await expect(page.getByText(/기준 \(한국 시간\) · 3초마다 새로고침/)).not.toHaveText(stamp!, { timeout: 8_000 });
});

test("coupons: the admin creates one, a member claims it, the admin stops it and nobody else can claim it", async ({ person }) => {
  test.setTimeout(150_000); // three people, two of them signing up (each sign-up hashes a password)
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const code = await adminCreatesCoupon(admin.page, { value: 500 });

  const member = await person("member");
  await newMember(member);
  await member.page.goto("/me?tab=coupons");
  await member.page.getByRole("textbox", { name: "쿠폰 코드" }).fill(code.toLowerCase());
  await member.page.getByRole("button", { name: "쿠폰 등록" }).click();
  await expect(member.page.getByTestId("my-coupon").filter({ hasText: code })).toContainText("500원 할인");

  await admin.page.goto("/admin/coupons");
  const row = admin.page.getByTestId("admin-coupons").locator("li").filter({ hasText: code });
  await expect(row).toContainText("발급 1");
  await row.getByRole("button", { name: "중지" }).click();
  await expect(row).toContainText("중지됨");

  const other = await person("other");
  await newMember(other);
  await other.page.goto("/me?tab=coupons");
  await other.page.getByRole("textbox", { name: "쿠폰 코드" }).fill(code);
  await other.page.getByRole("button", { name: "쿠폰 등록" }).click();
  await expect(other.page.getByTestId("form-error")).toContainText("사용할 수 없는 쿠폰 코드입니다.");
});

test("members: a suspended member is signed out at once and cannot sign in until reactivated", async ({ person }) => {
  test.setTimeout(150_000); // three people, two of them signing up (each sign-up hashes a password)
  const member = await person("member");
  const account = await newMember(member);
  await member.page.goto("/me");
  await expect(member.page).toHaveURL(/\/me/);
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  await admin.page.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  const row = admin.page.getByTestId("admin-user").filter({ hasText: account.email });
  await row.getByLabel("정지 사유").fill("가짜 코드 판매 신고");
  await row.getByRole("button", { name: "이용 정지" }).click();
  await confirmDialog(admin.page, "이용을 정지할까요");
  await expect(row).toContainText("정지됨");

  // The member's open session ends on its very next request.
  await member.page.goto("/me");
  await expect(member.page).toHaveURL(/\/login/);
  await fillLogin(member.page, account.email, account.password);
  await expect(member.page.getByTestId("form-error")).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");

  await row.getByRole("button", { name: "정지 해제" }).click();
  await expect(row).toContainText("정상");
  await fillLogin(member.page, account.email, account.password);
  await expect(member.page).not.toHaveURL(/\/login/);

  // Both decisions, with the reason, in the audit log.
  await admin.page.goto("/admin/audit");
  await expect(admin.page.getByTestId("audit-entry").filter({ hasText: "이용 정지" }).first()).toContainText("가짜 코드 판매 신고");
});

test("withdrawals: a member asks, the admin rejects, the points come back", async ({ person }) => {
  const member = await person("member");
  const account = await newMember(member, { points: 20_000 });
  const { page } = member;
  await page.goto("/points");
  await page.getByLabel("출금 금액 (원)").fill("15000");
  await page.getByLabel("은행").fill("국민은행");
  await page.getByLabel("계좌번호").fill("123-456-789012");
  await page.getByRole("button", { name: "출금 신청" }).click();
  await expect(page.getByTestId("form-success")).toContainText("출금을 신청했습니다");
  await expect(page.getByTestId("points-balance")).toHaveText(won(5000));
  await expect(page.getByTestId("withdrawals")).toContainText("123******012");

  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  await admin.page.goto("/admin/withdrawals");
  const row = admin.page.getByTestId("withdrawal-requests").locator("li").filter({ hasText: account.email });
  await expect(row).toContainText(won(15_000));
  // The payout screen shows the account in full (the member's own pages only ever show it masked).
  await expect(row.getByTestId("payout-account")).toHaveText("123456789012");
  await row.getByLabel("반려 사유").fill("예금주 불일치");
  await row.getByRole("button", { name: "반려" }).click();
  await confirmDialog(admin.page, "반려");
  await expect(row).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("points-balance")).toHaveText(won(20_000));
  await expect(page.getByTestId("withdrawals")).toContainText("반려됨");
});
