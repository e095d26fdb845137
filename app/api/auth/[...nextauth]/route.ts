import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { jsonError } from "@/lib/http/respond";
import { clientAddress, enforceRateLimit } from "@/lib/security/rate-limit";

// Auth.js's own routes (csrf, session, signin, signout, callback/credentials), with a rate limit on
// credential sign-in: per client address and per email.
export const GET = handlers.GET;

export async function POST(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    try {
      const form = await req.clone().formData().catch(() => null);
      const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
      await enforceRateLimit("signIn", `ip:${clientAddress(req.headers)}`);
      if (email) await enforceRateLimit("signIn", `email:${email}`);
    } catch (e) {
      return jsonError(e);
    }
  }
  return handlers.POST(req);
}
