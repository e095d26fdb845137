import "server-only";
import { randomUUID } from "node:crypto";

// Where top-up money comes from. A real card processor plugs in behind this interface; the built-in
// provider is an explicit test mode, like a card processor's own test mode: no money moves, test card
// numbers decide the outcome, and the UI labels it as such.

export type ChargeRequest = { userId: number; amount: number; card: string };
export type ChargeResult = { ok: true; ref: string } | { ok: false; ref: string; reason: string };

export interface PaymentProvider {
  readonly name: string;
  readonly testMode: boolean;
  charge(req: ChargeRequest): Promise<ChargeResult>;
}

/** Test cards, as card processors document theirs. */
export const TEST_CARDS = {
  success: "4242424242424242",
  declined: "4000000000000002",
} as const;

export const testModeProvider: PaymentProvider = {
  name: "test",
  testMode: true,
  async charge({ card }) {
    const ref = `test_${randomUUID()}`;
    if (card === TEST_CARDS.declined) return { ok: false, ref, reason: "카드가 거절되었습니다 (테스트 카드: 거절)." };
    if (card !== TEST_CARDS.success) return { ok: false, ref, reason: "테스트 모드에서는 테스트 카드 번호만 쓸 수 있습니다." };
    return { ok: true, ref };
  },
};

export const paymentProvider = (): PaymentProvider => testModeProvider;
