import "server-only";
import { eq } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import type { Tx } from "@/db/primary";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { AppError, fieldError } from "@/lib/errors";
import { affected, command, type Actor } from "@/lib/write/command";
import { nicknameKey } from "./nickname";
import type { SignUpInput } from "./schemas";

export async function signUp(input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await command(async (tx) => {
      const [{ id }] = await tx
        .insert(users)
        .values({ email: input.email, nickname: input.nickname, nicknameKey: nicknameKey(input.nickname), passwordHash })
        .$returningId();
      return { id };
    });
  } catch (e) {
    if (isDuplicate(e, "users_email_uq")) throw fieldError("email", "이미 가입된 이메일입니다.", "email_taken");
    if (isDuplicate(e, "users_nickname_uq")) throw fieldError("nickname", "이미 쓰이는 닉네임입니다.", "nickname_taken");
    if (isDuplicate(e, "users_nickname_key_uq")) throw fieldError("nickname", "이미 쓰이는 닉네임과 똑같아 보이는 닉네임입니다.", "nickname_taken");
    throw e;
  }
}

/** Admin: suspend or reactivate an account (a suspended user cannot sign in or trade). */
export async function setUserStatus(admin: Actor, userId: number, status: "active" | "suspended") {
  if (admin.id === userId) throw new AppError("conflict", "self_suspend", "자기 계정은 정지할 수 없습니다.");
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const res = await tx.update(users).set({ status }).where(eq(users.id, userId));
    if (affected(res) === 0) throw new AppError("not_found", "user_not_found", "회원을 찾을 수 없습니다.");
    return { id: userId, status };
  });
}

/** Re-checks on the primary that the actor is an active admin (the session's role is only a hint). */
export async function assertAdmin(tx: Tx, actor: Actor) {
  const [u] = await tx.select({ role: users.role, status: users.status }).from(users).where(eq(users.id, actor.id));
  if (!u || u.role !== "admin" || u.status !== "active") throw new AppError("forbidden", "admin_only", "관리자만 할 수 있습니다.");
}

/** Loads the acting user on the primary and refuses suspended accounts. */
export async function assertActive(tx: Tx, actor: Actor) {
  const [u] = await tx.select({ status: users.status }).from(users).where(eq(users.id, actor.id));
  if (!u) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
  if (u.status !== "active") throw new AppError("forbidden", "account_suspended", "이용이 정지된 계정입니다.");
}
