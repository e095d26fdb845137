import type { NextConfig } from "next";

// Security headers on every response. Scripts are Next.js's own; frames, plugins and foreign form
// targets are refused outright.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    value: "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  },
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  // Rendered public pages (ISR) are kept per process and served only while nothing they show has changed
  // (see the handler). Next's own memory cache would serve them without asking it, so it is off.
  cacheHandler: require.resolve("./lib/cache/page-cache-handler.cjs"),
  cacheMaxMemorySize: 0,
  // Shared caches (a CDN, Varnish) may keep a public page for its `s-maxage` (the page's revalidate, 60–300 s)
  // and serve it stale for at most the rest of 6 minutes: the bound if a purge is lost (lib/edge/purge.ts
  // purges each page the moment its version changes). Next's default is a year.
  expireTime: 360,
  // npm test builds into its own folder so it never replaces the build that npm start serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@node-rs/argon2", "swagger-ui-dist"],
  // The sell forms post a voucher photo (≤ 2 MB, lib/market/rules.ts) to a server action; the default
  // limit is 1 MB. The room above 2 MB is for the form's other fields and multipart framing.
  // The browser's router keeps prefetched pages for `staleTimes.static` seconds without asking the server;
  // 30 s is Next's minimum (the default is 5 minutes). A stale copy can never make a trade happen: every
  // buy is decided on the primary and answers 409 when the listing is gone.
  experimental: { serverActions: { bodySizeLimit: "3mb" }, staleTimes: { static: 30 } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
