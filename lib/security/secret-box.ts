import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "@/lib/config";

// Secrets at rest (voucher codes, bank account numbers): AES-256-GCM with the server key,
//   version(1) | iv(12) | tag(16) | ciphertext
// `purpose` is bound as additional authenticated data, so a blob sealed for one purpose (an account
// number) does not open as another (a voucher code). Purpose "" is the original voucher-code format.

const VERSION = 1;
const key = () => Buffer.from(config().CODE_ENCRYPTION_KEY, "base64").subarray(0, 32);

export function seal(plaintext: string, purpose = ""): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  if (purpose) cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ct]);
}

export function unseal(blob: Buffer | Uint8Array, purpose = ""): string {
  const b = Buffer.from(blob);
  if (b[0] !== VERSION) throw new Error("unknown encryption version");
  const decipher = createDecipheriv("aes-256-gcm", key(), b.subarray(1, 13));
  if (purpose) decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(b.subarray(13, 29));
  return Buffer.concat([decipher.update(b.subarray(29)), decipher.final()]).toString("utf8");
}
