"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dateTime, shortDate, won } from "@/lib/format";

export type ChartPoint = { at: string; price: number };

const compactWon = (v: number) => (v >= 10_000 ? `${(v / 10_000).toLocaleString("ko-KR", { maximumFractionDigits: 1 })}만` : v.toLocaleString("ko-KR"));

/** Trades over time (recharts): dates on the x axis (KST), won on the y axis, face value as a dashed line. */
export default function PriceChartImpl({ points, faceValue }: { points: ChartPoint[]; faceValue: number }) {
  const data = points.map((p) => ({ t: Date.parse(p.at), price: p.price }));
  const prices = points.map((p) => p.price);
  const lo = Math.min(...prices);
  const hi = Math.max(faceValue, ...prices);
  const pad = Math.max(100, Math.round((hi - lo) * 0.1));
  // Axis ends on round amounts (₩100 or ₩1,000 steps), so the ticks between them read as prices.
  const step = hi - lo > 5000 ? 1000 : 100;
  const bottom = Math.max(0, Math.floor((lo - pad) / step) * step);
  const top = Math.ceil((hi + pad) / step) * step;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 16, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          tickFormatter={(t: number) => shortDate(new Date(t))}
          tick={{ fontSize: 12, fill: "#475569" }}
          stroke="#94a3b8"
          minTickGap={24}
        />
        <YAxis
          domain={[bottom, top]}
          tickFormatter={compactWon}
          tick={{ fontSize: 12, fill: "#475569" }}
          stroke="#94a3b8"
          width={48}
          allowDecimals={false}
        />
        <ReferenceLine
          y={faceValue}
          stroke="#64748b"
          strokeDasharray="4 4"
          label={{ value: `정가 ${won(faceValue)}`, position: "insideTopRight", fontSize: 12, fill: "#334155" }}
        />
        <Tooltip
          labelFormatter={(t) => dateTime(new Date(Number(t)))}
          formatter={(v) => [won(Number(v)), "체결가"]}
          contentStyle={{ borderRadius: 12, borderColor: "#cbd5e1", fontSize: 13 }}
        />
        <Line type="monotone" dataKey="price" stroke="#047857" strokeWidth={2.5} dot={{ r: 2.5 }} activeDot={{ r: 5 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
