import type { Metadata } from "next";
import { connection } from "next/server";
import { processWithdrawalAction } from "@/components/admin/actions";
import { ButtonForm } from "@/components/ui/button-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { pendingWithdrawals } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime, won } from "@/lib/format";

export const metadata: Metadata = { title: "출금 처리" };

export default async function WithdrawalsPage() {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const rows = await pendingWithdrawals({ minSeq });
  return (
    <div>
      <PageTitle title="출금 처리" description="계좌로 입금한 뒤 ‘입금 완료’를 누르세요. 반려하면 포인트가 회원에게 돌아갑니다." />
      {rows.length ? (
        <ul className="space-y-3" data-testid="withdrawal-requests">
          {rows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-3 rounded-2xl border border-slate-200 bg-white p-4">
              <div className="min-w-0 flex-1">
                <p className="font-bold tabular-nums">{won(w.amount)}</p>
                <p className="text-sm text-slate-600">
                  {w.nickname} ({w.email}) · {w.bankName} {w.accountMasked}
                </p>
                <p className="text-xs text-slate-500">신청 {dateTime(w.createdAt)}</p>
              </div>
              <div className="flex gap-2">
                <ButtonForm action={processWithdrawalAction} values={{ withdrawalId: w.id, outcome: "paid" }} variant="primary" pendingLabel="처리 중…" confirm={`${won(w.amount)}을 입금했나요? 입금 완료로 처리합니다.`}>
                  입금 완료
                </ButtonForm>
                <ButtonForm action={processWithdrawalAction} values={{ withdrawalId: w.id, outcome: "rejected" }} variant="danger" pendingLabel="처리 중…" confirm={`출금 신청을 반려하고 ${won(w.amount)}을 포인트로 돌려줄까요?`}>
                  반려
                </ButtonForm>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="🏦" title="대기 중인 출금 신청이 없습니다" />
      )}
    </div>
  );
}
