import { z } from "zod";

// Kakao's profile, apart from the command that signs in with it (lib/accounts/kakao.ts), so that
// lib/auth/auth.ts can validate it without importing the write path.

/** What /v2/user/me answers (only the fields used; Kakao sends many more). Validated: it comes from outside. */
export const kakaoProfileSchema = z.looseObject({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).transform(String),
  properties: z.looseObject({ nickname: z.string().optional() }).optional(),
  kakao_account: z
    .looseObject({
      profile: z.looseObject({ nickname: z.string().optional() }).optional(),
      email: z.string().optional(),
      is_email_valid: z.boolean().optional(),
      is_email_verified: z.boolean().optional(),
    })
    .optional(),
});
export type KakaoProfile = z.infer<typeof kakaoProfileSchema>;
