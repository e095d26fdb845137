// Statuses in Korean, with a colour per meaning (on sale / waiting / done / stopped).

const LABELS: Record<string, [string, string]> = {
  // listings
  on_sale: ["판매 중", "bg-rose-50 text-rose-700 ring-rose-200"],
  sold: ["판매 완료", "bg-slate-100 text-slate-700 ring-slate-200"],
  cancelled: ["취소됨", "bg-slate-50 text-slate-500 ring-slate-200"],
  expired: ["기간 만료", "bg-slate-50 text-slate-500 ring-slate-200"],
  // bids
  active: ["입찰 중", "bg-blue-50 text-blue-700 ring-blue-200"],
  filled: ["체결됨", "bg-slate-100 text-slate-700 ring-slate-200"],
  // orders
  paid: ["구매 확정 대기", "bg-amber-50 text-amber-800 ring-amber-200"],
  disputed: ["문제 신고됨", "bg-rose-50 text-rose-700 ring-rose-200"],
  completed: ["거래 완료", "bg-brand-50 text-brand-700 ring-brand-100"],
  refunded: ["환불됨", "bg-slate-100 text-slate-700 ring-slate-200"],
  // withdrawals and accounts
  requested: ["처리 대기", "bg-amber-50 text-amber-800 ring-amber-200"],
  rejected: ["반려됨", "bg-slate-100 text-slate-700 ring-slate-200"],
  suspended: ["정지됨", "bg-rose-50 text-rose-700 ring-rose-200"],
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const [text, tone] = LABELS[status] ?? [status, "bg-slate-100 text-slate-700 ring-slate-200"];
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`} data-status={status}>
      {label ?? text}
    </span>
  );
}

export const statusLabel = (status: string) => LABELS[status]?.[0] ?? status;
