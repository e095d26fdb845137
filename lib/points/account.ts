// A withdrawal's bank account: stored sealed in full (lib/security/secret-box.ts, bound to this purpose) and
// shown masked everywhere but the admin's payout screen.
export const ACCOUNT_SEAL_PURPOSE = "withdrawal-account";

export const maskAccount = (n: string) => `${n.slice(0, 3)}${"*".repeat(Math.max(0, n.length - 6))}${n.slice(-3)}`;
