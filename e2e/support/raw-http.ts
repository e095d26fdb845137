import { request } from "node:http";
import { randomInt } from "node:crypto";

// Plain HTTP/1.1 requests with full control: the TCP source address (any 127.x.y.z is this machine, so a
// test can really come from a distinct client address, as a real client would, without any header), raw
// headers such as Transfer-Encoding, and bodies sent as they are.

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** A loopback address of its own for one simulated client (127.0.0.0/8 all lands on this machine). */
export const newLoopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: opts.method ?? "GET", headers: opts.headers, localAddress: opts.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The server that trusts no proxy (playwright.config.ts "direct"), on IPv4 loopback. */
export const directBase = () => `http://127.0.0.1:${Number(process.env.E2E_DIRECT_PORT ?? 3101 + Number(process.env.GX_PORT_OFFSET ?? 0))}`;

/** Set-Cookie lines → a Cookie header. */
export const cookiesOf = (headers: RawResponse["headers"]) =>
  ([] as string[])
    .concat(headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0])
    .join("; ");
