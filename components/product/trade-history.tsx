import { dateTime, shortDate, won } from "@/lib/format";
import type { TradeItem } from "@/lib/market/read-model";

/** Price history as a small SVG line chart (oldest → newest), with the face value as a reference line. */
export function PriceChart({ trades, faceValue }: { trades: TradeItem[]; faceValue: number }) {
  const points = [...trades].reverse();
  if (points.length < 2) return <p className="text-sm text-slate-500">체결 내역이 쌓이면 시세 그래프가 표시됩니다.</p>;
  const W = 900, H = 220, P = 8;
  const prices = points.map((t) => t.price);
  const lo = Math.min(...prices) * 0.97;
  const hi = Math.max(faceValue, ...prices) * 1.01;
  const x = (i: number) => P + (i / (points.length - 1)) * (W - 2 * P);
  const y = (v: number) => H - P - ((v - lo) / (hi - lo)) * (H - 2 * P);
  const d = points.map((t, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(t.price).toFixed(1)}`).join(" ");
  const last = points.at(-1)!;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`최근 ${points.length}건 체결가: 최저 ${won(Math.min(...prices))}, 최고 ${won(Math.max(...prices))}, 최근 ${won(last.price)}`}>
        <line x1={P} x2={W - P} y1={y(faceValue)} y2={y(faceValue)} stroke="#cbd5e1" strokeDasharray="4 4" />
        <path d={d} fill="none" stroke="#059669" strokeWidth="2.5" strokeLinejoin="round" />
        <circle cx={x(points.length - 1)} cy={y(last.price)} r="4" fill="#059669" />
      </svg>
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>{shortDate(points[0].at)}</span>
        <span>점선: 정가 {won(faceValue)}</span>
        <span>{shortDate(last.at)}</span>
      </figcaption>
    </figure>
  );
}

export function TradeList({ trades }: { trades: TradeItem[] }) {
  if (!trades.length) return <p className="text-sm text-slate-500">아직 체결된 거래가 없습니다.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="trade-list">
      {trades.slice(0, 10).map((t) => (
        <li key={t.orderId} className="flex justify-between py-2">
          <span className="font-semibold">{won(t.price)}</span>
          <time dateTime={t.at} className="text-slate-500">
            {dateTime(t.at)}
          </time>
        </li>
      ))}
    </ul>
  );
}
