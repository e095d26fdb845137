"use client";

import dynamic from "next/dynamic";
import type { ChartPoint } from "./price-chart-impl";

// The chart library loads after the page (it is below the price and the buy button); its box has its final
// size from the first paint, so nothing moves when it arrives.
const Impl = dynamic(() => import("./price-chart-impl"), { ssr: false, loading: () => null });

export function PriceChartClient({ points, faceValue, label }: { points: ChartPoint[]; faceValue: number; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-56 w-full sm:h-64" data-testid="price-chart">
      <Impl points={points} faceValue={faceValue} />
    </div>
  );
}
