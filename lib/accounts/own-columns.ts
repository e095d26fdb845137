import { users, withdrawals } from "@/db/schema";

// The columns of the single-table own views (lib/accounts/own-views.ts), shared with the write side, which
// reads back the rows a transaction wrote to publish them (lib/write/touches.ts): both must read the same.

/** The user's own account row (getMe). */
export const meColumns = {
  id: users.id,
  email: users.email,
  nickname: users.nickname,
  role: users.role,
  status: users.status,
  points: users.points,
  heldPoints: users.heldPoints,
  createdAt: users.createdAt,
};

/** A withdrawal as its owner sees it: the masked account only (the cipher stays in the database). */
export const myWithdrawalColumns = {
  id: withdrawals.id,
  userId: withdrawals.userId,
  amount: withdrawals.amount,
  bankName: withdrawals.bankName,
  accountMasked: withdrawals.accountMasked,
  status: withdrawals.status,
  processedAt: withdrawals.processedAt,
  createdAt: withdrawals.createdAt,
};
