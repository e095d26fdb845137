import { z } from "zod";
import { emailSchema } from "@/lib/accounts/schemas";
import { idSchema } from "@/lib/market/schemas";
import { kstEndOfDay } from "@/lib/market/rules";

const int = (msg: string) => z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.replace(/,/g, ""))) : v), z.number({ error: msg }).int(msg));

export const couponCodeSchema = z
  .string({ error: "쿠폰 코드를 입력해 주세요." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{4,32}$/, "쿠폰 코드는 영문 대문자, 숫자, - 로 4~32자입니다.");

export const createCouponSchema = z
  .object({
    code: couponCodeSchema,
    name: z.string().trim().min(2, "쿠폰 이름을 2자 이상 입력해 주세요.").max(60),
    // public: anyone with the code claims it once (maxClaims in total, if set); issued: only the users an
    // admin gives it to.
    audience: z.enum(["public", "issued"], { error: "공개 쿠폰인지 지정 발급 쿠폰인지 고르세요." }).default("public"),
    maxClaims: int("총 발급 한도는 숫자로 입력해 주세요.").pipe(z.number().int().positive("총 발급 한도는 1 이상이어야 합니다.").max(10_000_000)).optional(),
    kind: z.enum(["amount", "percent"], { error: "할인 방식을 고르세요." }),
    value: int("할인 값을 입력해 주세요.").pipe(z.number().int().positive("할인 값은 0보다 커야 합니다.")),
    minPrice: int("최소 구매 금액은 숫자로 입력해 주세요.").pipe(z.number().int().min(0)).default(0),
    maxDiscount: int("최대 할인 금액은 숫자로 입력해 주세요.").pipe(z.number().int().positive()).optional(),
    validUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "유효기간은 2026-12-31 형식으로 입력해 주세요.")
      .transform(kstEndOfDay)
      .refine((d) => d.getTime() > Date.now(), "유효기간은 오늘 이후여야 합니다."),
  })
  .refine((c) => c.kind !== "percent" || c.value <= 90, { message: "정률 할인은 90% 이하로 정해 주세요.", path: ["value"] })
  .refine((c) => c.audience === "public" || c.maxClaims === undefined, { message: "총 발급 한도는 공개 쿠폰에만 정할 수 있습니다.", path: ["maxClaims"] });
export type CreateCouponInput = z.infer<typeof createCouponSchema>;

export const issueCouponSchema = z.object({ couponId: idSchema("쿠폰"), email: emailSchema });
/** The admin API names the member by id or by email. */
export const issueCouponApiSchema = z.union([z.object({ userId: idSchema("회원") }), z.object({ email: emailSchema })], {
  error: "발급할 회원의 userId 또는 email을 보내 주세요.",
});
export const claimCouponSchema = z.object({ code: couponCodeSchema });
