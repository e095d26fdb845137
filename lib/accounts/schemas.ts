import { z } from "zod";
import { nicknameProblem } from "./nickname";

export const emailSchema = z
  .string({ error: "이메일을 입력해 주세요." })
  .trim()
  .toLowerCase()
  .max(254, "이메일이 너무 깁니다.")
  .pipe(z.email({ error: "올바른 이메일 주소를 입력해 주세요." }));

export const passwordSchema = z
  .string({ error: "비밀번호를 입력해 주세요." })
  .min(10, "비밀번호는 10자 이상이어야 합니다.")
  .max(128, "비밀번호는 128자 이하여야 합니다.")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "비밀번호에는 영문과 숫자가 모두 들어가야 합니다.");

/** A nickname in NFC, 2–20 characters, that cannot pass for staff or look like someone else's (./nickname.ts). */
export const nicknameSchema = z
  .string({ error: "닉네임을 입력해 주세요." })
  .max(100, "닉네임은 20자 이하여야 합니다.")
  .transform((v) => v.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(2, "닉네임은 2자 이상이어야 합니다.")
      .max(20, "닉네임은 20자 이하여야 합니다.")
      .superRefine((v, ctx) => {
        const problem = nicknameProblem(v);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  );

// Consent to the terms and the privacy policy (/terms, /privacy) is required to sign up, through the form
// (a checkbox: "on") and the API (true); the moment it was given is stored with the account.
export const termsConsentSchema = z.preprocess(
  (v) => v === true || v === "on" || v === "true",
  z.literal(true, { error: "이용약관과 개인정보처리방침에 동의해 주세요." }),
);
export const signUpSchema = z.object({ email: emailSchema, password: passwordSchema, nickname: nicknameSchema, agreeTerms: termsConsentSchema });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "비밀번호를 입력해 주세요." }).min(1, "비밀번호를 입력해 주세요.").max(128),
});

/** POST /api/me/password: the current password (checked on the primary) and the new one. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "현재 비밀번호를 입력해 주세요." }).min(1, "현재 비밀번호를 입력해 주세요.").max(128),
    newPassword: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { message: "새 비밀번호가 지금 비밀번호와 같습니다.", path: ["newPassword"] });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
