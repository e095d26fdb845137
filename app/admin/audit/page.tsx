import type { Metadata } from "next";
import { connection } from "next/server";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { PageTitle } from "@/components/ui/page-title";
import { auditLog } from "@/lib/admin/queries";
import { auditQuerySchema } from "@/lib/admin/schemas";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime } from "@/lib/format";

export const metadata: Metadata = { title: "감사 기록" };

const ACTIONS: Record<string, string> = {
  "user.suspend": "이용 정지",
  "user.reinstate": "정지 해제",
  "order.resolve": "분쟁 처리",
  "withdrawal.pay": "출금 지급",
  "withdrawal.reject": "출금 반려",
  "coupon.create": "쿠폰 생성",
  "coupon.issue": "쿠폰 발급",
  "coupon.activate": "쿠폰 재개",
  "coupon.deactivate": "쿠폰 중지",
  "listing.take_down": "판매 글 내림",
};
const TARGETS: Record<string, string> = { user: "회원", order: "주문", withdrawal: "출금 신청", coupon: "쿠폰", listing: "판매 글" };

type Props = { searchParams: Promise<{ cursor?: string }> };

export default async function AuditPage({ searchParams }: Props) {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const parsed = auditQuerySchema.safeParse({ cursor: (await searchParams).cursor });
  const page = await auditLog({ minSeq }, parsed.success ? parsed.data : { limit: 50 });
  return (
    <div>
      <PageTitle title="감사 기록" description="관리자가 내린 모든 결정: 누가, 무엇을, 언제, 왜. 결정과 같은 트랜잭션에 기록되어 빠지는 일이 없습니다." />
      {page.items.length ? (
        <ol className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="audit-log">
          {page.items.map((e) => (
            <li key={e.id} className="p-4 text-sm" data-testid="audit-entry">
              <p>
                <span className="font-semibold">{ACTIONS[e.action] ?? e.action}</span> · {TARGETS[e.target.type] ?? e.target.type} #{e.target.id}
              </p>
              {e.reason ? <p className="mt-1 text-slate-700">사유: {e.reason}</p> : null}
              <p className="mt-1 text-xs text-slate-600">
                {e.admin.nickname} (#{e.admin.id}) · <time dateTime={e.at.toISOString()}>{dateTime(e.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState icon="📜" title="아직 기록이 없습니다" />
      )}
      {page.nextCursor ? (
        <p className="mt-4 text-center">
          <IntentLink href={`/admin/audit?cursor=${page.nextCursor}`} className="text-sm font-semibold text-brand-700 underline">
            이전 기록 더 보기
          </IntentLink>
        </p>
      ) : null}
    </div>
  );
}
