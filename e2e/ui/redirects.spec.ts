import { REDIRECT_BYPASSES } from "../../tests/support/redirect-bypasses";
import { ApiClient } from "../support/api-client";
import { expect, test } from "../support/ui-fixtures";
import { fillLogin, newMember } from "../support/ui-pages";

// In the browser, as an attacker's link would be followed: no spelling of callbackUrl leads off the site,
// neither for a signed-in visitor of /login nor right after signing in with the form. And the login form
// backs off after repeated wrong passwords like the API does.

const onSite = (url: string, origin: string) => new URL(url).origin === origin;

test("a signed-in visitor of /login?callbackUrl=… stays on this site, whatever the spelling", async ({ person, baseURL }) => {
  test.setTimeout(120_000);
  const p = await person("member");
  await newMember(p);
  const origin = new URL(baseURL!).origin;
  const offSite: string[] = [];
  p.page.on("request", (r) => {
    if (r.isNavigationRequest() && !onSite(r.url(), origin)) offSite.push(r.url());
  });
  // Every third spelling (all of them are checked without a browser in tests/http/redirects.test.ts), and
  // the one from the report.
  for (const v of [...REDIRECT_BYPASSES.filter((_, i) => i % 3 === 0), "%2F%09%2Fevil.example"]) {
    const target = v.startsWith("%") ? v : encodeURIComponent(v);
    // Where the browser lands is known once the final response commits; the page need not finish loading.
    const res = await p.page.goto(`/login?callbackUrl=${target}`, { waitUntil: "commit" });
    expect(res?.status(), v).toBeLessThan(500);
    expect(onSite(p.page.url(), origin), `${JSON.stringify(v)} → ${p.page.url()}`).toBe(true);
  }
  expect(offSite).toEqual([]);
});

test("signing in with the form and a hostile callbackUrl lands on this site", async ({ person, baseURL }) => {
  const p = await person("member");
  const { user: account } = await ApiClient.signUp(baseURL!);
  const origin = new URL(baseURL!).origin;
  await p.page.goto(`/login?callbackUrl=${encodeURIComponent("/\t/evil.example")}`);
  await fillLogin(p.page, account.email, account.password);
  await expect(p.page).not.toHaveURL(/\/login/);
  expect(onSite(p.page.url(), origin)).toBe(true);
});

test("the login form backs off after 5 wrong passwords, even for the right one, and says when to retry", async ({ person, baseURL }) => {
  const p = await person("member");
  const { user: account } = await ApiClient.signUp(baseURL!);
  await p.page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await fillLogin(p.page, account.email, `wrong-password-${i}`);
    await expect(p.page.getByTestId("form-error")).toContainText("이메일 또는 비밀번호가 올바르지 않습니다");
  }
  await fillLogin(p.page, account.email, account.password);
  await expect(p.page.getByTestId("form-error")).toContainText(/로그인 시도가 너무 많습니다. \d+초 후에/);
  await expect(p.page).toHaveURL(/\/login/);
});
