import { z } from "zod";
import { num } from "@/lib/format";

const amount = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? Number(v.replace(/[,\s원₩]/g, "")) : v),
    z
      .number({ error: "금액은 숫자로 입력해 주세요." })
      .int("금액은 원 단위 정수로 입력해 주세요.")
      .min(min, `${num(min)}원 이상 입력해 주세요.`)
      .max(max, `한 번에 ${num(max)}원까지 가능합니다.`),
  );

export const topUpSchema = z.object({
  amount: amount(1_000, 2_000_000),
  card: z
    .string()
    .optional()
    .transform((v) => (v ?? "4242424242424242").replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{15,16}$/, "카드 번호 15~16자리를 입력해 주세요.")),
});

export const withdrawSchema = z.object({
  amount: amount(1_000, 5_000_000),
  bankName: z.string().trim().min(2, "은행 이름을 입력해 주세요.").max(40),
  accountNumber: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{8,16}$/, "계좌번호는 숫자 8~16자리입니다.")),
});
