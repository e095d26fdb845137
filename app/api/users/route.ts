import { signUp } from "@/lib/accounts/commands";
import { signUpSchema } from "@/lib/accounts/schemas";
import { api } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { rememberWrite } from "@/lib/session/position";
import { clientAddress, enforceRateLimit } from "@/lib/security/rate-limit";

// POST /api/users {email, password, nickname} → 201 {id}. Signing in is Auth.js's own flow
// (GET /api/auth/csrf, then POST /api/auth/callback/credentials): see docs/api.md.
export const POST = api({ write: true }, async ({ req, body }) => {
  // Counted before validation: a bot probing emails pays for every attempt.
  await enforceRateLimit("signUp", `ip:${clientAddress(req.headers)}`);
  const { value, seq } = await signUp(parseOrThrow(signUpSchema, body));
  // No actor yet to remember it for: the new account's first reads must see at least its own row.
  await rememberWrite(value.id, seq);
  return { status: 201, body: { id: value.id }, seq };
});
