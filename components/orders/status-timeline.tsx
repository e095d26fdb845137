import { dateTime } from "@/lib/format";
import type { OrderDetail } from "@/lib/orders/queries";

type Step = { label: string; at?: Date | null; state: "done" | "current" | "todo"; note?: string };

/** Where the order is: paid → (disputed →) completed or refunded. */
export function StatusTimeline({ order }: { order: OrderDetail }) {
  const steps: Step[] = [{ label: "결제 완료", at: order.createdAt, state: "done" }];
  if (order.status === "paid") {
    steps.push({ label: "구매 확정 대기", state: "current", note: `${dateTime(order.confirmDueAt)}에 자동으로 확정됩니다.` });
    steps.push({ label: "판매 대금 지급", state: "todo" });
  } else if (order.status === "disputed") {
    steps.push({ label: "문제 신고됨", state: "current", note: "관리자가 확인 중입니다. 판매 대금 지급이 멈춰 있습니다." });
    steps.push({ label: "관리자 처리", state: "todo" });
  } else if (order.status === "completed") {
    if (order.disputeReason) steps.push({ label: "문제 신고됨", state: "done" });
    steps.push({ label: "구매 확정 · 판매 대금 지급", at: order.completedAt, state: "done" });
  } else {
    steps.push({ label: "문제 신고됨", state: "done" });
    steps.push({ label: "환불 완료", at: order.completedAt, state: "done" });
  }
  return (
    <ol className="space-y-3" aria-label="주문 진행 상황" data-testid="order-timeline">
      {steps.map((s, i) => (
        <li key={i} className="flex gap-3" aria-current={s.state === "current" ? "step" : undefined}>
          <span
            aria-hidden
            className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
              s.state === "done" ? "bg-brand-700 text-white" : s.state === "current" ? "bg-amber-700 text-white" : "bg-slate-200 text-slate-500"
            }`}
          >
            {s.state === "done" ? "✓" : i + 1}
          </span>
          <div>
            <p className={`text-sm font-medium ${s.state === "todo" ? "text-slate-500" : ""}`}>
              {s.label}
              <span className="sr-only">{s.state === "done" ? " (완료)" : s.state === "current" ? " (진행 중)" : " (예정)"}</span>
            </p>
            {s.at ? <p className="text-xs text-slate-500">{dateTime(s.at)}</p> : null}
            {s.note ? <p className="text-xs text-slate-500">{s.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
