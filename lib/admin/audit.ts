import "server-only";
import type { Tx } from "@/db/primary";
import { adminAudit } from "@/db/schema";
import type { Actor } from "@/lib/write/command";

// The audit log of admin decisions, written inside the decision's own transaction: a decision and its
// record commit together or not at all. /admin/audit and GET /api/admin/audit read it.

export type AuditAction =
  | "user.suspend"
  | "user.reinstate"
  | "order.resolve"
  | "withdrawal.pay"
  | "withdrawal.reject"
  | "coupon.create"
  | "coupon.issue"
  | "coupon.activate"
  | "coupon.deactivate"
  | "listing.take_down";

export async function audit(
  tx: Tx,
  admin: Actor,
  entry: { action: AuditAction; target: { type: "user" | "order" | "withdrawal" | "coupon" | "listing"; id: number }; reason?: string | null; detail?: unknown },
) {
  await tx.insert(adminAudit).values({
    adminId: admin.id,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    reason: entry.reason ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  });
}
