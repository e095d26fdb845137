import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { seal, unseal } from "@/lib/security/secret-box";
import { normalizeCode } from "./normalize";

// A gifticon's code is the voucher itself: whoever reads it can spend it. It is stored only as
//   code_cipher = AES-256-GCM(code) with the server key (lib/security/secret-box.ts)
//   code_hmac   = HMAC-SHA256(code)                                  — finds duplicates without decrypting
//   code_last4                                                        — what lists may show
// and decrypted only for its seller and, after the trade, its buyer (lib/orders/queries).

export { normalizeCode };

const macKey = () => Buffer.from(config().CODE_HMAC_KEY, "base64");

export const encryptCode = (code: string): Buffer => seal(code);
export const decryptCode = (blob: Buffer | Uint8Array): string => unseal(blob);

export function codeHmac(code: string): Buffer {
  return createHmac("sha256", macKey()).update(normalizeCode(code)).digest();
}

export const sameHmac = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export const last4 = (code: string) => normalizeCode(code).slice(-4);
