import "server-only";
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "@/lib/market/rules";
import { imageDataUrlSchema } from "@/lib/market/schemas";
import { fieldError } from "@/lib/errors";
import { safeLocalPath } from "@/lib/http/redirects";

// FormData → plain input for the zod schemas that the API shares. Text fields only: an empty field is
// "not given" (so optional fields work), the last of repeated names wins (a hidden "false" before a
// checkbox), and files are read separately.

export function formValues(fd: FormData): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue; // React's own fields for progressive enhancement
    if (typeof v !== "string") continue;
    out[k] = v.trim() === "" ? undefined : v;
  }
  return out;
}

/**
 * The voucher photo of a sell form, if one was chosen: PNG, JPEG or WebP up to 2 MB, checked by its bytes
 * (through the same schema as the API's data URLs), never by its name.
 */
export async function readVoucherImage(fd: FormData, field = "photo"): Promise<{ mime: string; data: Buffer } | undefined> {
  const f = fd.get(field);
  if (!f || typeof f === "string" || f.size === 0) return undefined;
  if (f.size > MAX_IMAGE_BYTES) throw fieldError(field, "사진은 2MB 이하만 올릴 수 있습니다.", "image_too_large");
  const mime = (IMAGE_TYPES as readonly string[]).includes(f.type) ? f.type : "application/octet-stream";
  const data = Buffer.from(await f.arrayBuffer());
  const parsed = imageDataUrlSchema.safeParse(`data:${mime};base64,${data.toString("base64")}`);
  if (!parsed.success) throw fieldError(field, "PNG, JPEG, WebP 사진만 올릴 수 있습니다.", "image_invalid");
  return parsed.data;
}

/** A local path to go back to after signing in; anything else (another site, "//evil") becomes `fallback`. */
export function safeCallbackUrl(v: unknown, fallback = "/"): string {
  return safeLocalPath(v, fallback);
}
