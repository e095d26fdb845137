import { dateTime, shortDate, won } from "@/lib/format";
import type { TradeItem } from "@/lib/market/read-model";
import { PriceChartClient } from "./price-chart";

/** Price history (oldest → newest) with axes, the face value and tooltips; the list below has the same data as text. */
export function PriceChart({ trades, faceValue }: { trades: TradeItem[]; faceValue: number }) {
  const points = [...trades].reverse();
  if (points.length < 2) return <p className="text-sm text-slate-600">체결 내역이 쌓이면 시세 그래프가 표시됩니다.</p>;
  const prices = points.map((t) => t.price);
  const last = points.at(-1)!;
  const label = `${shortDate(points[0].at)}부터 ${shortDate(last.at)}까지 체결 ${points.length}건: 최저 ${won(Math.min(...prices))}, 최고 ${won(Math.max(...prices))}, 최근 ${won(last.price)}, 정가 ${won(faceValue)}`;
  return (
    <figure>
      <PriceChartClient points={points.map((t) => ({ at: t.at, price: t.price }))} faceValue={faceValue} label={label} />
      <figcaption className="mt-1 text-xs text-slate-600">{label}</figcaption>
    </figure>
  );
}

export function TradeList({ trades }: { trades: TradeItem[] }) {
  if (!trades.length) return <p className="text-sm text-slate-600">아직 체결된 거래가 없습니다.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="trade-list">
      {trades.slice(0, 10).map((t) => (
        <li key={t.orderId} className="flex justify-between py-2">
          <span className="font-semibold">{won(t.price)}</span>
          <time dateTime={t.at} className="text-slate-600">
            {dateTime(t.at)}
          </time>
        </li>
      ))}
    </ul>
  );
}
