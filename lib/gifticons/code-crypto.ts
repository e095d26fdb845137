import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { normalizeCode } from "./normalize";

// A gifticon's code is the voucher itself: whoever reads it can spend it. It is stored only as
//   code_cipher = version(1) | iv(12) | tag(16) | AES-256-GCM(code)   — readable with the server key
//   code_hmac   = HMAC-SHA256(code)                                  — finds duplicates without decrypting
//   code_last4                                                        — what lists may show
// and decrypted only for its seller and, after the trade, its buyer (lib/orders/queries).

const VERSION = 1;

export { normalizeCode };

const encKey = () => Buffer.from(config().CODE_ENCRYPTION_KEY, "base64").subarray(0, 32);
const macKey = () => Buffer.from(config().CODE_HMAC_KEY, "base64");

export function encryptCode(code: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encKey(), iv);
  const ct = Buffer.concat([cipher.update(code, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ct]);
}

export function decryptCode(blob: Buffer | Uint8Array): string {
  const b = Buffer.from(blob);
  if (b[0] !== VERSION) throw new Error("unknown code encryption version");
  const decipher = createDecipheriv("aes-256-gcm", encKey(), b.subarray(1, 13));
  decipher.setAuthTag(b.subarray(13, 29));
  return Buffer.concat([decipher.update(b.subarray(29)), decipher.final()]).toString("utf8");
}

export function codeHmac(code: string): Buffer {
  return createHmac("sha256", macKey()).update(normalizeCode(code)).digest();
}

export const sameHmac = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export const last4 = (code: string) => normalizeCode(code).slice(-4);
