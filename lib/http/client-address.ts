import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyAddr from "proxy-addr";

// Who is on the other end of a request, for per-address rate limits. The app's own server (server.ts)
// decides it once per request from the TCP connection and hands it to the app in a header of ours,
// after deleting any copy the client sent. A client cannot choose it:
//  - without TRUST_PROXY_HEADERS it is the TCP peer's address, whatever X-Forwarded-For says;
//  - with it, it is the right-most X-Forwarded-For address that a trusted proxy did not add (proxy-addr
//    walks the chain from the socket back while the hop is trusted), so a client's own X-Forwarded-For
//    entries in front of the proxy's count for nothing.
// Outside that server (e.g. `next dev`) there is no trustworthy address, and every client shares one.

/** The request header through which server.ts tells the app the client's address. */
export const CLIENT_ADDRESS_HEADER = "x-gx-client-address";

/** Headers that describe the client or the original URL; only a trusted proxy may set them. */
export const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

const SERVER_MARK = Symbol.for("gx.edge-server");

/** Called by server.ts: from now on the address header is the server's, not the client's. */
export function markEdgeServer() {
  (globalThis as Record<symbol, unknown>)[SERVER_MARK] = true;
}

export function behindEdgeServer(): boolean {
  return (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;
}

export type ProxyTrust = { enabled: boolean; proxies: string[] };

/** A trust function for proxy-addr, compiled once (throws on an address or CIDR it cannot read). */
export function compileTrust(t: ProxyTrust): (addr: string, i: number) => boolean {
  if (!t.enabled) return () => false;
  return proxyAddr.compile(t.proxies);
}

/**
 * The client's address for a raw Node request: the TCP peer, or with trusted proxies the closest address
 * that a trusted proxy vouches for. Also says whether the peer itself is a trusted proxy (only then may
 * forwarding headers be kept).
 */
export function addressOf(req: IncomingMessage, trust: (addr: string, i: number) => boolean): { address: string; viaTrustedProxy: boolean } {
  const peer = req.socket.remoteAddress ?? "";
  if (!peer) return { address: "unknown", viaTrustedProxy: false };
  const viaTrustedProxy = trust(peer, 0);
  const address = viaTrustedProxy ? proxyAddr(req, trust) : peer;
  return { address: rateLimitKeyOf(address), viaTrustedProxy };
}

/**
 * The part of an address that one client controls: an IPv4 address, or an IPv6 /64 (one subscriber gets
 * at least a /64, so counting single IPv6 addresses would give each client 2^64 tries). IPv4-mapped IPv6
 * addresses count as the IPv4 address. Anything unreadable is "unknown" (one shared bucket).
 */
export function rateLimitKeyOf(address: string): string {
  if (!ipaddr.isValid(address)) return "unknown";
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}
