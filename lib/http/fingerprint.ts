import "server-only";
import { createHash } from "node:crypto";
import { codeHmac } from "@/lib/gifticons/code-crypto";

/**
 * What an Idempotency-Key is bound to when the request carries a voucher code. The key's row stores a
 * plain SHA-256 of the request, and a short numeric code could be recovered from that by trying every
 * code, so the code enters only as its keyed HMAC (and a photo as its digest).
 */
export function fingerprintWithCode<T extends { code: string; image?: { data: Buffer } }>(input: T) {
  const { code, image, ...rest } = input;
  return {
    ...rest,
    code: codeHmac(code).toString("base64url"),
    image: image ? createHash("sha256").update(image.data).digest("base64url") : null,
  };
}
