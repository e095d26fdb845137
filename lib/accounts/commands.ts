import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import type { Tx } from "@/db/primary";
import { bids, listings, orders, users } from "@/db/schema";
import { audit } from "@/lib/admin/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError, fieldError } from "@/lib/errors";
import { keys } from "@/lib/cache/keys";
import { askRemoved, bidRemoved, sessionChanged } from "@/lib/market/changes";
import { categoriesByProduct, releaseCodes } from "@/lib/market/commands/trade";
import { moveBalance } from "@/lib/points/ledger";
import { command, type Actor, type Emit } from "@/lib/write/command";
import { nicknameKey } from "./nickname";
import type { ChangePasswordInput, SignUpInput } from "./schemas";

export async function signUp(input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await command(async (tx, emit) => {
      const [{ id }] = await tx
        .insert(users)
        .values({ email: input.email, nickname: input.nickname, nicknameKey: nicknameKey(input.nickname), passwordHash, termsAgreedAt: new Date() })
        .$returningId();
      // The session check of the new account must read a node that has it (not cache "no such user").
      emit(sessionChanged(id));
      return { id };
    });
  } catch (e) {
    if (isDuplicate(e, "users_email_uq")) throw fieldError("email", "이미 가입된 이메일입니다.", "email_taken");
    if (isDuplicate(e, "users_nickname_uq")) throw fieldError("nickname", "이미 쓰이는 닉네임입니다.", "nickname_taken");
    if (isDuplicate(e, "users_nickname_key_uq")) throw fieldError("nickname", "이미 쓰이는 닉네임과 똑같아 보이는 닉네임입니다.", "nickname_taken");
    throw e;
  }
}

/**
 * Changes the actor's password: the current one is checked on the primary inside the transaction, and
 * the session version goes up, so every other session of the account ends on its next request (the
 * caller re-signs the current client). The fence on the session view makes that immediate everywhere.
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput) {
  const newHash = await hashPassword(input.newPassword);
  return command(async (tx, emit) => {
    const [u] = await tx
      .select({ hash: users.passwordHash, status: users.status, email: users.email })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!u) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
    if (u.status !== "active") throw new AppError("forbidden", "account_suspended", "이용이 정지된 계정입니다.");
    if (!u.hash) throw new AppError("conflict", "no_password", "카카오로 가입한 계정에는 바꿀 비밀번호가 없습니다.");
    if (!(await verifyPassword(u.hash, input.currentPassword))) {
      throw new AppError("invalid", "wrong_password", "현재 비밀번호가 맞지 않습니다.", { fields: { currentPassword: ["현재 비밀번호가 맞지 않습니다."] } });
    }
    await tx.update(users).set({ passwordHash: newHash, sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, actor.id));
    emit(sessionChanged(actor.id));
    return { id: actor.id, email: u.email };
  });
}

/**
 * Admin: suspend an account. It takes effect at once, in one transaction: the user's open listings and
 * bids leave the books (codes back to them, held points released), their sessions stop working on their
 * next request (session_version), their commands are refused (lockActor/assertActive), and sales that
 * complete while they are suspended are not paid out until an admin reinstates them.
 */
export async function suspendUser(admin: Actor, userId: number, reason: string) {
  if (admin.id === userId) throw new AppError("conflict", "self_suspend", "자기 계정은 정지할 수 없습니다.");
  return command(async (tx, emit) => {
    await assertAdmin(tx, admin);
    const [u] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, userId)).for("update");
    if (!u) throw new AppError("not_found", "user_not_found", "회원을 찾을 수 없습니다.");
    if (u.status === "suspended") throw new AppError("conflict", "already_suspended", "이미 정지된 회원입니다.");
    await tx.update(users).set({ status: "suspended", sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
    const withdrawn = await withdrawFromBooks(tx, emit, userId);
    await audit(tx, admin, { action: "user.suspend", target: { type: "user", id: userId }, reason, detail: withdrawn });
    emit(sessionChanged(userId));
    return { id: userId, status: "suspended" as const, ...withdrawn };
  });
}

/** Admin: lift a suspension. Sales held meanwhile are paid out now; old sessions stay ended. */
export async function reinstateUser(admin: Actor, userId: number, reason?: string | null) {
  return command(async (tx, emit) => {
    await assertAdmin(tx, admin);
    const [u] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, userId)).for("update");
    if (!u) throw new AppError("not_found", "user_not_found", "회원을 찾을 수 없습니다.");
    if (u.status === "active") throw new AppError("conflict", "not_suspended", "정지된 회원이 아닙니다.");
    await tx.update(users).set({ status: "active", sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
    const held = await tx
      .select({ id: orders.id, price: orders.price })
      .from(orders)
      .where(and(eq(orders.sellerId, userId), eq(orders.payoutHeld, true)))
      .for("update");
    for (const o of held) {
      await tx.update(orders).set({ payoutHeld: false }).where(eq(orders.id, o.id));
      await moveBalance(tx, userId, "sale", { points: o.price }, { type: "order", id: o.id }, "판매 대금 (정지 해제 후 지급)");
    }
    await audit(tx, admin, { action: "user.reinstate", target: { type: "user", id: userId }, reason, detail: { payoutsReleased: held.map((o) => o.id) } });
    emit(sessionChanged(userId));
    return { id: userId, status: "active" as const, payoutsReleased: held.length };
  });
}

/** The user's live listings and active bids leave the books (as if they had cancelled them). */
async function withdrawFromBooks(tx: Tx, emit: Emit, userId: number) {
  const asks = await tx
    .select({ id: listings.id, productId: listings.productId, sellerId: listings.sellerId, gifticonId: listings.gifticonId })
    .from(listings)
    .where(and(eq(listings.sellerId, userId), eq(listings.status, "on_sale")))
    .for("update");
  const open = await tx
    .select({ id: bids.id, productId: bids.productId, price: bids.price })
    .from(bids)
    .where(and(eq(bids.buyerId, userId), eq(bids.status, "active")))
    .for("update");
  const categories = await categoriesByProduct(tx, [...asks, ...open].map((x) => x.productId));
  // One statement for the listings, one for their codes and one for the bids; each bid's hold goes back with
  // a ledger row of its own.
  if (asks.length) await tx.update(listings).set({ status: "cancelled" }).where(inArray(listings.id, asks.map((l) => l.id)));
  await releaseCodes(tx, asks.map((l) => l.gifticonId));
  for (const l of asks) emit(askRemoved(l, categories.get(l.productId)!));
  if (open.length) await tx.update(bids).set({ status: "cancelled" }).where(inArray(bids.id, open.map((b) => b.id)));
  for (const b of open) {
    await moveBalance(tx, userId, "release", { points: b.price, held: -b.price }, { type: "bid", id: b.id }, "구매 입찰 취소 (이용 정지)");
    emit(bidRemoved(b, categories.get(b.productId)!));
  }
  return { listingsCancelled: asks.length, bidsCancelled: open.length };
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

/**
 * A user changes their nickname (a Kakao account starts with Kakao's or a generated one), under the same
 * rules as at sign-up (the schema checked them; the unique indexes decide races). The seller page and the
 * books that show the name next to the user's live listings are refreshed.
 */
export async function changeNickname(actor: Actor, nickname: string) {
  try {
    return await command(async (tx, emit) => {
      await assertActive(tx, actor);
      await tx.update(users).set({ nickname, nicknameKey: nicknameKey(nickname) }).where(eq(users.id, actor.id));
      const live = await tx.selectDistinct({ productId: listings.productId }).from(listings).where(and(eq(listings.sellerId, actor.id), eq(listings.status, "on_sale")));
      emit([{ view: keys.seller(actor.id), fence: true as const }, ...live.map((l) => ({ view: keys.book(l.productId), fence: true as const }))]);
      return { id: actor.id, nickname };
    });
  } catch (e) {
    if (isDuplicate(e, "users_nickname_uq") || isDuplicate(e, "users_nickname_key_uq")) throw fieldError("nickname", "이미 쓰이는 닉네임이거나 그와 똑같아 보이는 닉네임입니다.", "nickname_taken");
    throw e;
  }
}
