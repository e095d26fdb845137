import type { Metadata } from "next";
import { connection } from "next/server";
import { processWithdrawalAction } from "@/components/admin/actions";
import { ReasonForm } from "@/components/admin/reason-form";
import { ButtonForm } from "@/components/ui/button-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { pendingWithdrawals } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime, won } from "@/lib/format";

export const metadata: Metadata = { title: "출금 처리" };

export default async function WithdrawalsPage() {
  await connection();
  const admin = await adminOrNotFound();
  const rows = await pendingWithdrawals({ minSeq: admin.minSeq });
  return (
    <div>
      <PageTitle title="출금 처리" description="아래 계좌로 입금한 뒤 ‘입금 완료’를 누르세요. 반려하면 포인트가 회원에게 돌아갑니다. 계좌번호 전체는 이 화면에만 보입니다." />
      {rows.length ? (
        <ul className="space-y-3" data-testid="withdrawal-requests">
          {rows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-3 rounded-2xl border border-slate-200 bg-white p-4">
              <div className="min-w-0 flex-1">
                <p className="font-bold tabular-nums">{won(w.amount)}</p>
                <p className="text-sm text-slate-600">
                  {w.nickname} ({w.email})
                  {w.userStatus !== "active" ? <span className="ml-1.5 rounded-full bg-rose-50 px-2 py-0.5 text-xs text-rose-700">이용 정지 — 지급 보류</span> : null}
                </p>
                <p className="text-sm">
                  입금 계좌: {w.bankName}{" "}
                  <span className="font-mono font-semibold tabular-nums" data-testid="payout-account">
                    {w.accountNumber ?? w.accountMasked}
                  </span>
                </p>
                <p className="text-xs text-slate-500">신청 {dateTime(w.createdAt)}</p>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                {w.userId !== admin.id && w.userStatus === "active" ? (
                  <ButtonForm action={processWithdrawalAction} values={{ withdrawalId: w.id, outcome: "paid" }} variant="primary" pendingLabel="처리 중…" confirm={`${w.bankName} ${w.accountNumber ?? w.accountMasked} 계좌로 ${won(w.amount)}을 입금했나요? 입금 완료로 처리합니다.`}>
                    입금 완료
                  </ButtonForm>
                ) : null}
                {w.userId !== admin.id ? (
                  <ReasonForm action={processWithdrawalAction} values={{ withdrawalId: w.id, outcome: "rejected" }} label="반려 사유" submit="반려" pendingLabel="처리 중…" confirm={`출금 신청을 반려하고 ${won(w.amount)}을 포인트로 돌려줄까요?`} />
                ) : (
                  <p className="text-xs text-slate-500">본인의 신청은 다른 관리자가 처리합니다.</p>
                )}
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
