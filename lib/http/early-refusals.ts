import type { IncomingHttpHeaders } from "node:http";

// Requests that server.ts answers itself, before Next.js reads them: the refusal is cheap (nothing is read
// or buffered) and a clean 4xx instead of whatever a framework deep inside would make of them (a body over
// the server-action limit, for one, became a 500).

/** The JSON API takes at most 64 KB of JSON (lib/http/api.ts); past this its body is not even read. */
export const API_BODY_LIMIT = 1024 * 1024;
/** Server actions (forms with a voucher photo): Next.js's own limit, next.config.ts `bodySizeLimit: "3mb"`. */
export const PAGE_BODY_LIMIT = 3 * 1024 * 1024;

export type Refusal = { status: 400 | 403 | 404 | 411 | 413; code: string; message: string };

// A percent-escape of a character that needs none ("/products/%31%38" for "/products/18") is another
// spelling of a path, not another path: it names nothing here.
const NEEDLESS_ESCAPE = /%(?:3[0-9]|[46][1-9a-f]|[57][0-9a]|2d|2e|5f|7e)/i;

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `req` is refused before Next.js sees it, or null. `host` is the host this request is for (its Host
 * header, or X-Forwarded-Host from a trusted proxy), against which a form post's Origin is checked.
 */
export function earlyRefusal(req: { method?: string; url?: string; headers: IncomingHttpHeaders }, host: string | undefined): Refusal | null {
  const url = req.url ?? "";
  // Only origin-form targets ("/path?query"): an absolute URL or "*" names no page of this site.
  if (!url.startsWith("/") || url.startsWith("//")) return { status: 400, code: "malformed_request", message: "요청 주소가 올바르지 않습니다." };
  if (!host || !validHost(host)) return { status: 400, code: "malformed_request", message: "Host 헤더가 올바르지 않습니다." };
  const path = url.split("?")[0];
  if (NEEDLESS_ESCAPE.test(path)) return { status: 404, code: "not_found", message: "페이지를 찾을 수 없습니다." };
  // A "%" that starts no escape ("/api/auth/a%/b") or escapes that decode to no text: no client that
  // encodes its URLs sends one, and a route that decodes its path would fail on it (Auth.js answered 500).
  if (path.includes("%") && !decodable(path)) return { status: 400, code: "malformed_request", message: "요청 주소가 올바르지 않습니다." };
  const method = req.method ?? "GET";
  // A form post (server action) from another site: refused here, as the JSON API refuses it
  // (lib/http/api.ts), instead of Next.js's 500 for a foreign or unreadable Origin.
  if (method === "POST" && !isApiPath(url) && crossSite(req.headers, host)) {
    return { status: 403, code: "cross_site_request", message: "다른 사이트에서 보낸 요청은 처리하지 않습니다." };
  }
  const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
  if (!hasBody) return null;
  if (method === "GET" || method === "HEAD") return { status: 400, code: "malformed_request", message: "GET 요청에는 본문을 보낼 수 없습니다." };
  // A body of unknown length could only be measured by reading it all; every browser and HTTP client
  // sends Content-Length for a form or a JSON body.
  const length = req.headers["content-length"];
  if (length === undefined) return { status: 411, code: "length_required", message: "요청 본문의 길이(Content-Length)를 알려 주세요." };
  const limit = isApiPath(url) ? API_BODY_LIMIT : PAGE_BODY_LIMIT;
  if (!/^\d+$/.test(length) || Number(length) > limit) {
    return { status: 413, code: "body_too_large", message: `요청 본문이 너무 큽니다 (최대 ${Math.round(limit / 1024 / 1024)}MB).` };
  }
  return null;
}

/** "shop.example", "127.0.0.1:3000", "[::1]:3000": something a URL can carry as its host, nothing more. */
export function validHost(v: string): boolean {
  if (!/^[\x21-\x7e]{1,255}$/.test(v) || /[/?#@\\]/.test(v) || !URL.canParse(`http://${v}`)) return false;
  return new URL(`http://${v}`).host === v.toLowerCase().replace(/:80$/, "");
}

/**
 * Forwarding headers from a trusted proxy, kept only in the shape a proxy writes them (the first value of
 * a list; a host, http/https, a port); anything else is dropped rather than handed to code that builds
 * URLs from it.
 */
export function cleanForwardingHeaders(headers: IncomingHttpHeaders) {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0].trim();
  const host = first(headers["x-forwarded-host"]);
  if (host !== undefined) {
    if (validHost(host)) headers["x-forwarded-host"] = host;
    else delete headers["x-forwarded-host"];
  }
  const proto = first(headers["x-forwarded-proto"])?.toLowerCase();
  if (proto !== undefined) {
    if (proto === "http" || proto === "https") headers["x-forwarded-proto"] = proto;
    else delete headers["x-forwarded-proto"];
  }
  const port = first(headers["x-forwarded-port"]);
  if (port !== undefined) {
    if (/^\d{1,5}$/.test(port) && Number(port) <= 65535) headers["x-forwarded-port"] = port;
    else delete headers["x-forwarded-port"];
  }
}

function crossSite(headers: IncomingHttpHeaders, host: string): boolean {
  const site = headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  return !URL.canParse(origin) || new URL(origin).host !== host;
}

export const isApiPath = (url: string) => url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");

/** The refusal as the client expects it: the API's JSON error, or a small page for a browser. */
export function refusalResponse(url: string, r: Refusal): { headers: Record<string, string>; body: string } {
  const common = { "Cache-Control": "no-store", Connection: "close", "X-Content-Type-Options": "nosniff" };
  if (isApiPath(url)) {
    return { headers: { ...common, "Content-Type": "application/json" }, body: JSON.stringify({ error: { code: r.code, message: r.message } }) };
  }
  const html = `<!doctype html><html lang="ko"><meta charset="utf-8"><title>요청을 처리할 수 없습니다</title><main style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>요청을 처리할 수 없습니다 (${r.status})</h1><p>${r.message}</p><p><a href="/">처음으로</a></p></main></html>`;
  return { headers: { ...common, "Content-Type": "text/html; charset=utf-8" }, body: html };
}
