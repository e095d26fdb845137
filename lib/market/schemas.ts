import { z } from "zod";
import { normalizeCode } from "@/lib/gifticons/normalize";
import { IMAGE_TYPES, kstEndOfDay, MAX_IMAGE_BYTES, MAX_PRICE, MAX_VALID_YEARS, maximumExpiry, MIN_PRICE, parseKstDateTime } from "./rules";

// Input of the market's commands, validated at the edge (API and forms share these). Rules that need the
// database (face value, who owns what, the book) are checked by the commands.

export const idSchema = (what: string) =>
  z.coerce
    .number({ error: `${what} 번호가 올바르지 않습니다.` })
    .int(`${what} 번호가 올바르지 않습니다.`)
    .positive(`${what} 번호가 올바르지 않습니다.`)
    .max(Number.MAX_SAFE_INTEGER, `${what} 번호가 올바르지 않습니다.`);

export const moneySchema = z
  .number({ error: "금액은 숫자로 입력해 주세요." })
  .int("금액은 원 단위 정수로 입력해 주세요.")
  .min(MIN_PRICE, `금액은 ${MIN_PRICE.toLocaleString("ko-KR")}원 이상이어야 합니다.`)
  .max(MAX_PRICE, "금액이 너무 큽니다.");

/** Money from a form field ("4,500", "4500", "₩4,500원"); an empty field says it is required. */
export const formMoney = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.replace(/[,\s원₩]/g, ""))) : v),
  z.number({ error: (iss) => (iss.input === undefined ? "금액을 입력해 주세요." : "금액은 숫자로 입력해 주세요.") }).pipe(moneySchema),
);

export const codeSchema = z
  .string({ error: "기프티콘 코드를 입력해 주세요." })
  .max(64, "코드가 너무 깁니다.")
  .transform(normalizeCode)
  .pipe(
    z
      .string()
      .min(8, "코드는 8자리 이상이어야 합니다.")
      .max(32, "코드는 32자리 이하여야 합니다.")
      .regex(/^[0-9A-Z]+$/, "코드에는 숫자와 영문만 쓸 수 있습니다 (공백과 - 는 무시됩니다)."),
  );

/** The date printed on the voucher ("2026-12-31": valid through that day, Korean time) or an ISO date-time. */
export const expiresAtSchema = z
  .string({ error: "유효기간을 입력해 주세요." })
  .trim()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(parseKstDateTime(v).getTime()), "유효기간 형식이 올바르지 않습니다 (예: 2026-12-31).")
  .transform((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? kstEndOfDay(v) : parseKstDateTime(v)))
  .refine((d) => !Number.isNaN(d.getTime()), "유효기간 형식이 올바르지 않습니다 (예: 2026-12-31).")
  .refine((d) => Number.isNaN(d.getTime()) || d <= maximumExpiry(), `유효기간은 ${MAX_VALID_YEARS}년 이내여야 합니다.`);

export const deadlineSchema = z
  .string()
  .trim()
  .max(40)
  .transform((v) => parseKstDateTime(v))
  .refine((d) => !Number.isNaN(d.getTime()), "마감 일시 형식이 올바르지 않습니다.");

export const createListingSchema = z.object({
  productId: idSchema("상품"),
  price: moneySchema,
  code: codeSchema,
  expiresAt: expiresAtSchema,
  deadline: deadlineSchema.optional(),
});
export type CreateListingInput = z.infer<typeof createListingSchema> & { image?: { mime: string; data: Buffer } };

export const updateListingSchema = z
  .object({ price: moneySchema.optional(), deadline: deadlineSchema.optional() })
  .refine((v) => v.price !== undefined || v.deadline !== undefined, { message: "바꿀 가격이나 마감 일시를 입력해 주세요.", path: ["price"] });
export type UpdateListingInput = z.infer<typeof updateListingSchema>;

export const placeBidSchema = z.object({ productId: idSchema("상품"), price: moneySchema, deadline: deadlineSchema.optional() });
export type PlaceBidInput = z.infer<typeof placeBidSchema>;

/** The price the user was shown and agreed to: a trade at any other price is refused (409 price_changed). */
export const expectedPriceSchema = z.number({ error: "화면에 보인 가격(expectedPrice)을 함께 보내 주세요." }).pipe(moneySchema);

export const fillBidSchema = z.object({ code: codeSchema, expiresAt: expiresAtSchema, expectedPrice: expectedPriceSchema });
export type FillBidInput = z.infer<typeof fillBidSchema> & { image?: { mime: string; data: Buffer } };

export const buySchema = z.object({ listingId: idSchema("판매 글"), expectedPrice: expectedPriceSchema, couponId: idSchema("쿠폰").optional().nullable() });
export type BuyInput = z.infer<typeof buySchema>;

/** Buy now without naming a listing: the cheapest live ask of a product, never above `maxPrice` (what was shown). */
export const buyLowestSchema = z.object({
  productId: idSchema("상품"),
  maxPrice: z.number({ error: "화면에 보인 최저가(maxPrice)를 함께 보내 주세요." }).pipe(moneySchema),
  couponId: idSchema("쿠폰").optional().nullable(),
});
export type BuyLowestInput = z.infer<typeof buyLowestSchema>;

/** GET /api/listings: live listings, newest first; `cursor` is the last id seen. */
export const listingsQuerySchema = z.object({
  productId: idSchema("상품").optional(),
  sellerId: idSchema("판매자").optional(),
  cursor: idSchema("커서").optional(),
  limit: z.coerce.number({ error: "limit은 1~60 사이의 정수입니다." }).int("limit은 1~60 사이의 정수입니다.").min(1, "limit은 1~60 사이의 정수입니다.").max(60, "limit은 1~60 사이의 정수입니다.").default(24),
});

const IMAGE_MAGIC: Record<(typeof IMAGE_TYPES)[number], (b: Buffer) => boolean> = {
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/webp": (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
};

/**
 * A voucher photo sent as JSON (the API): a data URL "data:image/png;base64,…". The bytes must really be
 * that type (a renamed file or a script is refused), within MAX_IMAGE_BYTES.
 */
export const imageDataUrlSchema = z
  .string({ error: "이미지는 data:image/...;base64, 형식으로 보내 주세요." })
  .max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 64, "이미지가 너무 큽니다.")
  .transform((v, ctx) => {
    const m = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(v);
    const mime = m?.[1] as (typeof IMAGE_TYPES)[number] | undefined;
    const data = m ? Buffer.from(m[2], "base64") : Buffer.alloc(0);
    if (!mime || !data.length || !IMAGE_MAGIC[mime](data)) {
      ctx.addIssue({ code: "custom", message: "PNG, JPEG, WebP 이미지만 올릴 수 있습니다." });
      return z.NEVER;
    }
    if (data.length > MAX_IMAGE_BYTES) {
      ctx.addIssue({ code: "custom", message: "이미지는 2MB 이하만 올릴 수 있습니다." });
      return z.NEVER;
    }
    return { mime, data };
  });

/** POST /api/listings: a listing, optionally with the voucher's photo as a data URL. */
export const createListingApiSchema = createListingSchema.extend({ image: imageDataUrlSchema.optional() });
/** POST /api/bids/{id}/fill: sell now, optionally with the voucher's photo as a data URL. */
export const fillBidApiSchema = fillBidSchema.extend({ image: imageDataUrlSchema.optional() });
