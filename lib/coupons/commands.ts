import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import type { Tx } from "@/db/primary";
import { coupons, userCoupons, users } from "@/db/schema";
import { assertAdmin, assertActive } from "@/lib/accounts/commands";
import { audit } from "@/lib/admin/audit";
import { AppError, fieldError } from "@/lib/errors";
import { affected, command, type Actor } from "@/lib/write/command";
import { discountFor } from "./pricing";
import type { CreateCouponInput } from "./schemas";

// Coupons. An admin creates one, as either
// - public: anyone who knows its code claims it into their wallet, once per user, up to max_claims in
//   total (claims counted in the same transaction, never past the cap); or
// - issued: only the users an admin issues it to have it; its code claims nothing (the same answer as an
//   unknown code, so learning a code gets an attacker nothing).
// Each user can use a coupon once, at purchase (takeCoupon: only from their own wallet).

const invalidCode = () => fieldError("code", "사용할 수 없는 쿠폰 코드입니다.", "coupon_invalid");

export async function createCoupon(admin: Actor, input: CreateCouponInput) {
  try {
    return await command(async (tx) => {
      await assertAdmin(tx, admin);
      const [{ id }] = await tx.insert(coupons).values({ ...input, createdBy: admin.id }).$returningId();
      await audit(tx, admin, { action: "coupon.create", target: { type: "coupon", id }, detail: { code: input.code, audience: input.audience, kind: input.kind, value: input.value, maxClaims: input.maxClaims ?? null } });
      return { id };
    });
  } catch (e) {
    if (isDuplicate(e, "coupons_code_uq")) throw fieldError("code", "이미 있는 쿠폰 코드입니다.", "coupon_code_taken");
    throw e;
  }
}

export async function setCouponActive(admin: Actor, couponId: number, active: boolean) {
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const res = await tx.update(coupons).set({ active }).where(eq(coupons.id, couponId));
    if (affected(res) === 0) throw new AppError("not_found", "coupon_not_found", "쿠폰을 찾을 수 없습니다.");
    await audit(tx, admin, { action: active ? "coupon.activate" : "coupon.deactivate", target: { type: "coupon", id: couponId } });
    return { id: couponId, active };
  });
}

async function giveCoupon(tx: Tx, couponId: number, userId: number) {
  try {
    const [{ id }] = await tx.insert(userCoupons).values({ couponId, userId }).$returningId();
    return id;
  } catch (e) {
    if (isDuplicate(e, "user_coupons_uq")) throw new AppError("conflict", "coupon_already_owned", "이미 받은 쿠폰입니다.", { fields: { code: ["이미 받은 쿠폰입니다."] } });
    throw e;
  }
}

/** Admin: puts a coupon (public or issued) into one member's wallet, named by id or email. */
export async function issueCoupon(admin: Actor, input: { couponId: number } & ({ email: string } | { userId: number })) {
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where("email" in input ? eq(users.email, input.email) : eq(users.id, input.userId));
    if (!u) throw fieldError("email" in input ? "email" : "userId", "그 회원을 찾을 수 없습니다.", "user_not_found");
    const [c] = await tx.select({ id: coupons.id }).from(coupons).where(eq(coupons.id, input.couponId));
    if (!c) throw fieldError("couponId", "쿠폰을 찾을 수 없습니다.", "coupon_not_found");
    const id = await giveCoupon(tx, c.id, u.id);
    await audit(tx, admin, { action: "coupon.issue", target: { type: "coupon", id: c.id }, detail: { userId: u.id } });
    return { id, userId: u.id };
  });
}

/** A user adds a public coupon to their wallet by its code: once per user, never past its total cap. */
export async function claimCoupon(actor: Actor, code: string) {
  return command(async (tx) => {
    await assertActive(tx, actor);
    const [c] = await tx
      .select()
      .from(coupons)
      .where(and(eq(coupons.code, code), eq(coupons.active, true), sql`${coupons.validUntil} > NOW(3)`))
      .for("update");
    if (!c || c.audience !== "public") throw invalidCode();
    const id = await giveCoupon(tx, c.id, actor.id);
    const res = await tx
      .update(coupons)
      .set({ claimedCount: sql`${coupons.claimedCount} + 1` })
      .where(and(eq(coupons.id, c.id), sql`(${coupons.maxClaims} IS NULL OR ${coupons.claimedCount} < ${coupons.maxClaims})`));
    if (affected(res) !== 1) throw new AppError("conflict", "coupon_sold_out", "선착순 발급이 끝난 쿠폰입니다.", { fields: { code: ["선착순 발급이 끝난 쿠폰입니다."] } });
    return { id, couponId: c.id, name: c.name };
  });
}

/**
 * At purchase: the buyer's unused coupon, locked, checked against the price. Returns the discount;
 * `markUsed` then records the order it paid for (once: used_order_id must still be empty).
 */
export async function takeCoupon(tx: Tx, userId: number, couponId: number, price: number) {
  const [row] = await tx
    .select({ ucId: userCoupons.id, usedOrderId: userCoupons.usedOrderId, c: coupons })
    .from(userCoupons)
    .innerJoin(coupons, eq(coupons.id, userCoupons.couponId))
    .where(and(eq(userCoupons.couponId, couponId), eq(userCoupons.userId, userId)))
    .for("update");
  const bad = (msg: string, code: string) => new AppError("conflict", code, msg, { fields: { couponId: [msg] } });
  if (!row) throw bad("가지고 있지 않은 쿠폰입니다.", "coupon_not_owned");
  if (row.usedOrderId) throw bad("이미 사용한 쿠폰입니다.", "coupon_used");
  if (!row.c.active || row.c.validUntil.getTime() <= Date.now()) throw bad("기간이 지났거나 중지된 쿠폰입니다.", "coupon_expired");
  if (price < row.c.minPrice) throw bad(`${row.c.minPrice.toLocaleString("ko-KR")}원 이상 구매할 때 쓸 수 있는 쿠폰입니다.`, "coupon_min_price");
  const discount = discountFor(row.c, price);
  return {
    userCouponId: row.ucId,
    discount,
    markUsed: async (orderId: number) => {
      const res = await tx
        .update(userCoupons)
        .set({ usedOrderId: orderId, usedAt: new Date() })
        .where(and(eq(userCoupons.id, row.ucId), isNull(userCoupons.usedOrderId)));
      if (affected(res) !== 1) throw bad("이미 사용한 쿠폰입니다.", "coupon_used");
    },
  };
}
