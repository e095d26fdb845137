import { AuthError } from "next-auth";
import { changePassword } from "@/lib/accounts/commands";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { signIn } from "@/lib/auth/auth";
import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";

// POST /api/me/password {currentPassword, newPassword} → 200 {id}. Every other session of the account
// ends; this client gets a new session cookie (signed in again with the new password, at the new session
// version), and its reads see the change at once (read-your-writes).
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  const input = parseOrThrow(changePasswordSchema, body);
  const { value, seq } = await changePassword(actor, input);
  let resigned = true;
  try {
    await signIn("credentials", { email: value.email, password: input.newPassword, redirect: false });
  } catch (e) {
    // The change is committed; if re-signing fails the client signs in again with the new password.
    if (!(e instanceof AuthError)) throw e;
    resigned = false;
  }
  return { body: { id: value.id, resigned }, seq };
});
