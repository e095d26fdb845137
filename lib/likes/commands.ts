import "server-only";
import { and, eq } from "drizzle-orm";
import { likes } from "@/db/schema";
import { assertActive } from "@/lib/accounts/commands";
import { likeChanged } from "@/lib/market/changes";
import { loadProduct } from "@/lib/market/commands/trade";
import { affected, command, type Actor } from "@/lib/write/command";

/** Saves (or un-saves) a product; idempotent both ways. */
export async function setLike(actor: Actor, productId: number, liked: boolean) {
  return command(async (tx, emit) => {
    await assertActive(tx, actor);
    await loadProduct(tx, productId);
    if (liked) {
      const res = await tx.insert(likes).ignore().values({ userId: actor.id, productId });
      if (affected(res) === 1) emit(likeChanged(productId, 1));
    } else {
      const res = await tx.delete(likes).where(and(eq(likes.userId, actor.id), eq(likes.productId, productId)));
      if (affected(res) === 1) emit(likeChanged(productId, -1));
    }
    return { productId, liked };
  });
}
