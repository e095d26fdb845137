import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { addressOf, compileTrust, rateLimitKeyOf } from "@/lib/http/client-address";
import { API_BODY_LIMIT, cleanForwardingHeaders, earlyRefusal, PAGE_BODY_LIMIT, validHost } from "@/lib/http/early-refusals";

// The decisions server.ts makes on the socket, without a server: whose address a request is, and which
// requests are refused before Next.js reads them. (e2e/api/client-address.spec.ts tries both for real.)

const req = (peer: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe("client address", () => {
  const none = compileTrust({ enabled: false, proxies: ["loopback"] });
  const loopback = compileTrust({ enabled: true, proxies: ["loopback"] });
  const lb = compileTrust({ enabled: true, proxies: ["loopback", "10.0.0.0/8"] });

  it("without trusted proxies it is the TCP peer, whatever X-Forwarded-For says", () => {
    for (const xff of ["1.2.3.4", "1.2.3.4, 5.6.7.8", "garbage", ""]) {
      expect(addressOf(req("203.0.113.9", { "x-forwarded-for": xff }), none)).toEqual({ address: "203.0.113.9", viaTrustedProxy: false });
    }
    expect(addressOf(req("::ffff:127.0.0.1", { "x-forwarded-for": "1.2.3.4" }), none).address).toBe("127.0.0.1");
  });

  it("behind trusted proxies it is the right-most address they did not add; a client's own entries count for nothing", () => {
    expect(addressOf(req("127.0.0.1", { "x-forwarded-for": "198.51.100.7" }), loopback)).toEqual({ address: "198.51.100.7", viaTrustedProxy: true });
    // The client put "1.1.1.1" in front; the proxy appended the real peer.
    expect(addressOf(req("127.0.0.1", { "x-forwarded-for": "1.1.1.1, 198.51.100.7" }), loopback).address).toBe("198.51.100.7");
    // Two proxies (a load balancer in 10/8 behind the loopback one).
    expect(addressOf(req("127.0.0.1", { "x-forwarded-for": "1.1.1.1, 198.51.100.7, 10.1.2.3" }), lb).address).toBe("198.51.100.7");
    // A peer that is not a trusted proxy is the client, and its forwarding headers are not kept.
    expect(addressOf(req("198.51.100.8", { "x-forwarded-for": "1.1.1.1" }), loopback)).toEqual({ address: "198.51.100.8", viaTrustedProxy: false });
    // Nothing forwarded: the proxy itself.
    expect(addressOf(req("127.0.0.1"), loopback).address).toBe("127.0.0.1");
  });

  it("an IPv6 client counts by its /64; mapped IPv4 as IPv4; unreadable as one shared 'unknown'", () => {
    expect(rateLimitKeyOf("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKeyOf("2001:db8:1:2::ffff")).toBe(rateLimitKeyOf("2001:db8:1:2:aaaa::1"));
    expect(rateLimitKeyOf("2001:db8:1:3::1")).not.toBe(rateLimitKeyOf("2001:db8:1:2::1"));
    expect(rateLimitKeyOf("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(rateLimitKeyOf("not an ip")).toBe("unknown");
    expect(rateLimitKeyOf("1.2.3.4, 5.6.7.8")).toBe("unknown");
  });
});

describe("early refusals", () => {
  const refuse = (method: string, url: string, headers: Record<string, string> = {}, host = "shop.test") => earlyRefusal({ method, url, headers }, host);

  it("malformed targets and missing Host: 400", () => {
    expect(refuse("GET", "http://evil.example/")?.status).toBe(400);
    expect(refuse("GET", "*")?.status).toBe(400);
    expect(refuse("GET", "//evil.example/x")?.status).toBe(400);
    expect(refuse("GET", "/", {}, "")?.status).toBe(400);
    expect(refuse("GET", "/products/1")).toBeNull();
  });

  it("a path with a stray % or escapes that decode to no text: 400", () => {
    for (const url of ["/api/auth/g`%/G16", "/products/%", "/products/%zz", "/products/%C3%28"]) expect(refuse("GET", url), url).toMatchObject({ status: 400, code: "malformed_request" });
    expect(refuse("GET", "/products?q=%")).toBeNull();
    expect(refuse("GET", "/products/%EC%8A%A4%25")).toBeNull();
  });

  it("a body of unknown length: 411; over the route's limit: 413; a GET with a body: 400", () => {
    expect(refuse("POST", "/api/users", { "transfer-encoding": "chunked" })).toMatchObject({ status: 411, code: "length_required" });
    expect(refuse("POST", "/login", { "transfer-encoding": "chunked" })?.status).toBe(411);
    expect(refuse("POST", "/api/users", { "content-length": String(API_BODY_LIMIT + 1) })).toMatchObject({ status: 413, code: "body_too_large" });
    expect(refuse("POST", "/api/users", { "content-length": String(API_BODY_LIMIT) })).toBeNull();
    expect(refuse("POST", "/sell", { "content-length": String(PAGE_BODY_LIMIT + 1) })?.status).toBe(413);
    expect(refuse("POST", "/sell", { "content-length": String(PAGE_BODY_LIMIT) })).toBeNull();
    expect(refuse("GET", "/", { "content-length": "10" })?.status).toBe(400);
  });

  it("a form post from another site or with an unreadable Origin: 403; the API's own CSRF check is left to it", () => {
    for (const headers of [{ origin: "https://evil.example" }, { origin: "x" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }] as Record<string, string>[]) {
      expect(refuse("POST", "/login", { ...headers, "content-length": "5" }), JSON.stringify(headers)).toMatchObject({ status: 403, code: "cross_site_request" });
    }
    expect(refuse("POST", "/login", { origin: "http://shop.test", "sec-fetch-site": "same-origin", "content-length": "5" })).toBeNull();
    expect(refuse("POST", "/api/bids", { origin: "x", "content-length": "5" })).toBeNull();
  });

  it("a needlessly percent-encoded path is another spelling of a path: 404", () => {
    for (const url of ["/products/%31%38", "/%61pi/health", "/products/1%38", "/api/orders/%31", "/%2e%2e/x"]) expect(refuse("GET", url)?.status, url).toBe(404);
    expect(refuse("GET", "/products?q=%31%38")).toBeNull();
    expect(refuse("GET", "/products/%EC%8A%A4")).toBeNull();
  });
});

describe("forwarding headers from a trusted proxy", () => {
  it("are kept only in the shape a proxy writes them", () => {
    const h: Record<string, string> = { "x-forwarded-host": "shop.example, evil.example", "x-forwarded-proto": "HTTPS", "x-forwarded-port": "443" };
    cleanForwardingHeaders(h);
    expect(h).toEqual({ "x-forwarded-host": "shop.example", "x-forwarded-proto": "https", "x-forwarded-port": "443" });
    for (const bad of [{ "x-forwarded-host": "" }, { "x-forwarded-host": "a b" }, { "x-forwarded-host": "x/y" }, { "x-forwarded-proto": "javascript" }, { "x-forwarded-port": "99999" }] as Record<string, string>[]) {
      const copy: Record<string, string> = { ...bad };
      cleanForwardingHeaders(copy);
      expect(copy, JSON.stringify(bad)).toEqual({});
    }
    expect(validHost("[::1]:3000")).toBe(true);
    expect(validHost("x@evil.example")).toBe(false);
  });
});
