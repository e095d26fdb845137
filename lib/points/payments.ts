import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { primaryDb } from "@/db/primary";
import { testProviderCharges } from "@/db/schema";
import { TEST_CARDS } from "./test-cards";

// Where top-up money comes from. A real card processor plugs in behind this interface; the built-in
// provider is an explicit test mode, like a card processor's own test mode: no money moves, test card
// numbers decide the outcome, and the UI labels it as such.
//
// The contract every provider must keep (as real processors do with their idempotency keys): a charge is
// made at most once per key — calling `charge` again with the same key returns the first outcome — and
// `lookup` tells what became of a key, so a top-up whose process died after charging is reconciled
// instead of lost (lib/points/commands.ts).

export type ChargeRequest = { key: string; userId: number; amount: number; card: string };
export type ChargeResult = { ok: true; ref: string } | { ok: false; ref: string; reason: string };

export interface PaymentProvider {
  readonly name: string;
  readonly testMode: boolean;
  charge(req: ChargeRequest): Promise<ChargeResult>;
  /** The outcome of a key, or null when the provider never charged (or declined) anything with it. */
  lookup(key: string): Promise<ChargeResult | null>;
}

export { TEST_CARDS };

const DECLINED = "카드가 거절되었습니다 (테스트 카드: 거절).";
const NOT_A_TEST_CARD = "테스트 모드에서는 테스트 카드 번호만 쓸 수 있습니다.";

const asResult = (r: { ref: string; status: "succeeded" | "declined"; reason: string | null }): ChargeResult =>
  r.status === "succeeded" ? { ok: true, ref: r.ref } : { ok: false, ref: r.ref, reason: r.reason ?? DECLINED };

/**
 * Test mode. Its records play the processor's side: they are written on their own (autocommit, outside the
 * app's transaction), so a charge exists even if the app dies before recording it, and the first outcome
 * of a key is the only one.
 */
export const testModeProvider: PaymentProvider = {
  name: "test",
  testMode: true,
  async charge({ key, amount, card }) {
    const status = card === TEST_CARDS.success ? "succeeded" : "declined";
    const reason = status === "succeeded" ? null : card === TEST_CARDS.declined ? DECLINED : NOT_A_TEST_CARD;
    await primaryDb()
      .insert(testProviderCharges)
      .values({ idemKey: key, ref: `test_${randomUUID()}`, amount, cardLast4: card.slice(-4), status, reason })
      .onDuplicateKeyUpdate({ set: { idemKey: sql`${testProviderCharges.idemKey}` } });
    return (await this.lookup(key))!;
  },
  async lookup(key) {
    const [r] = await primaryDb().select().from(testProviderCharges).where(eq(testProviderCharges.idemKey, key));
    return r ? asResult(r) : null;
  },
};

export const paymentProvider = (): PaymentProvider => testModeProvider;
