import { defineConfig, devices } from "@playwright/test";

// End-to-end tests in Debian's Chromium (never a downloaded browser), against the production build
// served on the test stack. scripts/test.sh builds it and exports the stack's environment.
const PORT = Number(process.env.E2E_PORT ?? 3100 + Number(process.env.GX_PORT_OFFSET ?? 0));
const chromium = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    // The JSON API over HTTP: contracts, security attempts, concurrency storms (no browser).
    { name: "api", testMatch: "api/**/*.spec.ts" },
    // Journeys in the browser, desktop and phone-sized.
    { name: "desktop", testMatch: "ui/**/*.spec.ts", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    { name: "phone", testMatch: "ui/**/*.spec.ts", use: { ...devices["Pixel 7"], launchOptions: chromium } },
  ],
  webServer: {
    command: `node_modules/.bin/next start -p ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test" },
  },
});
