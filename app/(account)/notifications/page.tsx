import type { Metadata } from "next";
import { connection } from "next/server";
import { MarkRead } from "@/components/notifications/mark-read";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { IntentLink } from "@/components/ui/intent-link";
import { signedInOrLogin } from "@/lib/forms/guard";
import { dateTime } from "@/lib/format";
import { readerPosition } from "@/lib/session/position";
import { listNotifications } from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "알림", robots: { index: false } };

const ICON: Record<string, string> = { sold: "💰", bid_filled: "🤝", confirmed: "✅", dispute_resolved: "⚖️", listing_taken_down: "🚫", expiry_d7: "⏰", expiry_d1: "⏰" };

export default async function NotificationsPage() {
  await connection();
  const actor = await signedInOrLogin("/notifications");
  const { items, unread } = await listNotifications({ userId: actor.id, minSeq: await readerPosition(actor.id) });
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle title="알림" description="판매, 입찰 체결, 구매 확정, 분쟁 결과, 유효기간 임박(D-7, D-1)을 알려 드립니다." />
      <MarkRead unread={unread} />
      {items.length ? (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="notifications">
          {items.map((n) => {
            const body = (
              <>
                <span aria-hidden className="text-xl">
                  {ICON[n.kind] ?? "🔔"}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block font-semibold text-slate-900">
                    {!n.readAt ? <span className="mr-1 rounded bg-rose-600 px-1.5 py-0.5 text-xs font-bold text-white">새 알림</span> : null}
                    {n.title}
                  </span>
                  {n.body ? <span className="mt-0.5 block text-sm text-slate-700">{n.body}</span> : null}
                  <span className="mt-0.5 block text-xs text-slate-600">{dateTime(n.createdAt)}</span>
                </span>
              </>
            );
            return (
              <li key={n.id} data-testid="notification" data-kind={n.kind}>
                {n.href ? (
                  <IntentLink href={n.href} className="flex gap-3 p-4 hover:bg-slate-50" prefetch={false}>
                    {body}
                  </IntentLink>
                ) : (
                  <div className="flex gap-3 p-4">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <EmptyState icon="🔔" title="아직 알림이 없습니다" />
      )}
    </div>
  );
}
