import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { bookLocks } from "@/db/schema";
import { AppError } from "@/lib/errors";

// A book never stays crossed: after any command settles, the highest live bid is below the lowest live
// ask of every product. Without this lock an ask and a bid committed at the same moment could both rest
// (each one's crossing search skips or misses the other's uncommitted row), and a buyer who failed for
// lack of points left a window in which a new bid rested above an ask that another transaction held.
//
// So every command that can add to a product's book (place a bid, list an ask, change an ask's price)
// first takes this product's book lock, and its crossing search waits for rows other transactions hold
// instead of skipping them. Buying and filling only remove from the book and take no book lock, so
// buyers of one product still run in parallel. The lock is taken before any user row, so two placers of
// one product queue here instead of deadlocking on each other's accounts.

/** Takes (creating it if need be) the book lock of `productId` until the transaction ends. */
export async function lockBook(tx: Tx, productId: number) {
  // One statement: inserts the row, or, if it exists, takes its exclusive lock (a no-op update).
  await tx
    .insert(bookLocks)
    .values({ productId })
    .onDuplicateKeyUpdate({ set: { productId: sql`${bookLocks.productId}` } });
}

/** A new order would rest against the same user's own opposite order (it cannot trade with it). */
export const selfCross = (side: "bid" | "ask") =>
  new AppError(
    "conflict",
    "self_cross",
    side === "bid"
      ? "내 판매 글의 가격 이상으로는 구매 입찰할 수 없습니다. 판매 글을 먼저 취소하거나 가격을 낮춰 입찰해 주세요."
      : "내 구매 입찰의 가격 이하로는 판매할 수 없습니다. 구매 입찰을 먼저 취소하거나 가격을 높여 주세요.",
    { fields: { price: [side === "bid" ? "내 판매 글보다 낮은 가격으로 입찰해 주세요." : "내 구매 입찰보다 높은 가격으로 정해 주세요."] } },
  );
