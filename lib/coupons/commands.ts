import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import type { Tx } from "@/db/primary";
import { coupons, userCoupons, users } from "@/db/schema";
import { assertAdmin, assertActive } from "@/lib/accounts/commands";
import { AppError, fieldError } from "@/lib/errors";
import { affected, command, type Actor } from "@/lib/write/command";
import { discountFor } from "./pricing";
import type { CreateCouponInput } from "./schemas";

// Coupons: an admin creates one (with a code), then issues it to a user or users claim it by its code;
// each user can use a coupon once, at purchase.

export async function createCoupon(admin: Actor, input: CreateCouponInput) {
  try {
    return await command(async (tx) => {
      await assertAdmin(tx, admin);
      const [{ id }] = await tx.insert(coupons).values({ ...input, createdBy: admin.id }).$returningId();
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

export async function issueCoupon(admin: Actor, input: { couponId: number; email: string }) {
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (!u) throw fieldError("email", "그 이메일로 가입한 회원이 없습니다.", "user_not_found");
    const [c] = await tx.select({ id: coupons.id }).from(coupons).where(eq(coupons.id, input.couponId));
    if (!c) throw fieldError("couponId", "쿠폰을 찾을 수 없습니다.", "coupon_not_found");
    return { id: await giveCoupon(tx, c.id, u.id), userId: u.id };
  });
}

/** A user adds a coupon to their wallet by its code. */
export async function claimCoupon(actor: Actor, code: string) {
  return command(async (tx) => {
    await assertActive(tx, actor);
    const [c] = await tx
      .select()
      .from(coupons)
      .where(and(eq(coupons.code, code), eq(coupons.active, true), sql`${coupons.validUntil} > NOW(3)`));
    if (!c) throw fieldError("code", "사용할 수 없는 쿠폰 코드입니다.", "coupon_invalid");
    return { id: await giveCoupon(tx, c.id, actor.id), couponId: c.id, name: c.name };
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
