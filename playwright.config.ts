import { defineConfig, devices } from "@playwright/test";
import { kakaoEnv } from "./e2e/support/kakao-mock";
import { SERVE_ARGS } from "./scripts/serve-command";

// End-to-end tests in Debian's Chromium (never a downloaded browser), against the production build
// served on the test stack. scripts/test.sh builds it and exports the stack's environment.
const OFFSET = Number(process.env.GX_PORT_OFFSET ?? 0);
const PORT = Number(process.env.E2E_PORT ?? 3100 + OFFSET);
const DIRECT_PORT = Number(process.env.E2E_DIRECT_PORT ?? 3101 + OFFSET);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-test";
const server = (port: number, env: Record<string, string> = {}) => ({
  command: ["node", ...SERVE_ARGS].join(" "),
  url: `http://localhost:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
  env: { NEXT_DIST_DIR: DIST, PORT: String(port), ...env },
});
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
    // On the phone, every journey but the operators' pages and the long multi-person ones whose screens the
    // phone already covers elsewhere (they run on the desktop): keeps npm test within its time.
    {
      name: "phone",
      testMatch: "ui/**/*.spec.ts",
      testIgnore: ["ui/admin*.spec.ts", "ui/dispute-journey.spec.ts", "ui/lag.spec.ts", "ui/kakao.spec.ts"],
      // The axe audits choose their own viewport (public pages phone-sized, signed-in ones desktop-sized).
      grepInvert: /\baxe: /,
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
  ],
  // The app as npm start runs it (server.ts), on the test stack, twice: the main one trusts loopback as a
  // proxy (TRUST_PROXY_HEADERS=1, so each test client's X-Forwarded-For is its address); the "direct" one
  // trusts nobody, as a server facing the internet, and is where spoofed headers are tried
  // (e2e/api/client-address.spec.ts).
  // The main one also has Kakao login, pointed at the local Kakao stand-in that e2e/ui/kakao.spec.ts runs;
  // the direct one has none (its login page shows no Kakao button).
  webServer: [
    server(PORT, kakaoEnv()),
    server(DIRECT_PORT, { TRUST_PROXY_HEADERS: "0" }),
  ],
});
