// The test-mode payment provider's cards, as card processors document theirs (lib/points/payments.ts).
// A module of its own so pages can show them without importing the provider.
export const TEST_CARDS = {
  success: "4242424242424242",
  declined: "4000000000000002",
} as const;
