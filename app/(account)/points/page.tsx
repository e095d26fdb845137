import type { Metadata } from "next";
import { connection } from "next/server";
import { LedgerTable } from "@/components/account/ledger-table";
import { TopUpForm, WithdrawForm } from "@/components/points/point-forms";
import { PageTitle } from "@/components/ui/page-title";
import { StatusBadge } from "@/components/ui/status-badge";
import { cardClass } from "@/components/ui/styles";
import { getMe, myLedger, myWithdrawals } from "@/lib/accounts/queries";
import { signedInOrLogin } from "@/lib/forms/guard";
import { dateTime, won } from "@/lib/format";
import { TEST_CARDS } from "@/lib/points/test-cards";
import { readerPosition } from "@/lib/session/position";

export const metadata: Metadata = { title: "포인트" };

export default async function PointsPage() {
  await connection();
  const actor = await signedInOrLogin("/points");
  const ctx = { userId: actor.id, minSeq: await readerPosition(actor.id) };
  const [me, ledger, withdrawals] = await Promise.all([getMe(ctx), myLedger(ctx, 100), myWithdrawals(ctx)]);
  if (!me) return null;
  return (
    <div className="space-y-5">
      <PageTitle title="포인트" description="포인트로 기프티콘을 사고, 판매 대금을 포인트로 받습니다." />

      <section className={`${cardClass} flex flex-wrap gap-6`} aria-label="잔액">
        <div>
          <p className="text-xs text-slate-500">보유 포인트</p>
          <p className="text-3xl font-extrabold tabular-nums" data-testid="points-balance">
            {won(me.points)}
          </p>
        </div>
        <div>
          <p className="text-xs text-slate-500">입찰 보류 중</p>
          <p className="text-3xl font-bold tabular-nums text-blue-700" data-testid="points-held">
            {won(me.heldPoints)}
          </p>
        </div>
      </section>

      <div className="grid gap-5 lg:grid-cols-2">
        <section className={cardClass} aria-labelledby="topup-heading">
          <h2 id="topup-heading" className="text-lg font-bold">
            충전
          </h2>
          <p role="note" className="mb-4 mt-2 rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900" data-testid="test-mode-banner">
            ⚠️ 테스트 모드 결제 — 실제 돈이 청구되지 않습니다. 아래 테스트 카드 번호만 쓸 수 있습니다.
          </p>
          <TopUpForm cards={{ ...TEST_CARDS }} />
        </section>

        <section className={cardClass} aria-labelledby="withdraw-heading" id="withdraw">
          <h2 id="withdraw-heading" className="text-lg font-bold">
            출금
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">신청하면 포인트가 바로 빠지고, 관리자가 확인 후 계좌로 보냅니다. 반려되면 포인트가 돌아옵니다.</p>
          <WithdrawForm points={me.points} />
          {withdrawals.length ? (
            <>
              <h3 className="mb-1 mt-5 text-sm font-semibold text-slate-700">출금 신청 내역</h3>
              <ul className="divide-y divide-slate-100 text-sm" data-testid="withdrawals">
                {withdrawals.map((w) => (
                  <li key={w.id} className="flex items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-semibold tabular-nums">{won(w.amount)}</span>
                      <span className="ml-1.5 text-xs text-slate-500">
                        {w.bankName} {w.accountMasked} · {dateTime(w.createdAt)}
                      </span>
                    </span>
                    <StatusBadge status={w.status} label={w.status === "paid" ? "입금 완료" : undefined} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <section className={cardClass} aria-labelledby="ledger-heading">
        <h2 id="ledger-heading" className="mb-2 text-lg font-bold">
          포인트 내역
        </h2>
        <LedgerTable rows={ledger} />
      </section>
    </div>
  );
}
