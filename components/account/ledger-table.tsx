import { dateTime, won } from "@/lib/format";

export const LEDGER_LABELS: Record<string, string> = {
  top_up: "충전",
  hold: "입찰 보류",
  release: "보류 해제",
  purchase: "구매",
  sale: "판매 대금",
  refund: "환불",
  withdrawal: "출금 신청",
  withdrawal_reverted: "출금 반려",
};

type Row = { id: number; kind: string; pointsDelta: number; heldDelta: number; pointsAfter: number; heldAfter: number; memo: string | null; createdAt: Date };

const signed = (n: number) => (n > 0 ? `+${won(n)}` : n < 0 ? `−${won(-n)}` : won(0));

/** Every change of the balance, newest first; on phones each row is a small card. */
export function LedgerTable({ rows }: { rows: Row[] }) {
  if (!rows.length) return <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">아직 포인트 내역이 없습니다.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="ledger">
      {rows.map((r) => (
        <li key={r.id} className="flex items-center justify-between gap-3 py-2.5" data-testid="ledger-row" data-kind={r.kind}>
          <div className="min-w-0">
            <p className="text-sm font-medium">
              {/* The memo often starts with the kind's own name ("판매 대금 (구매 확정)"): say it once. */}
              {r.memo?.startsWith(LEDGER_LABELS[r.kind] ?? r.kind) ? (
                r.memo
              ) : (
                <>
                  {LEDGER_LABELS[r.kind] ?? r.kind}
                  {r.memo ? <span className="ml-1.5 font-normal text-slate-500">{r.memo}</span> : null}
                </>
              )}
            </p>
            <p className="text-xs text-slate-500">
              <time dateTime={r.createdAt.toISOString()}>{dateTime(r.createdAt)}</time>
            </p>
          </div>
          <div className="shrink-0 text-right tabular-nums">
            {r.pointsDelta !== 0 ? (
              <p className={`text-sm font-semibold ${r.pointsDelta > 0 ? "text-brand-700" : "text-slate-800"}`}>{signed(r.pointsDelta)}</p>
            ) : null}
            {r.heldDelta !== 0 ? <p className="text-xs text-blue-700">보류 {signed(r.heldDelta)}</p> : null}
            <p className="text-xs text-slate-500">잔액 {won(r.pointsAfter)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
