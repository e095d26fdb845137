"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { ChartPoint } from "./price-chart-impl";

// The chart library (recharts, the largest script of the product page) loads only when the chart's box comes
// near the screen: on a phone it is below the price, the buy button and the book, and someone who buys at
// once never pays for it. The box has its final size from the first paint, so nothing moves when it arrives.
const Impl = dynamic(() => import("./price-chart-impl"), { ssr: false, loading: () => null });

export function PriceChartClient({ points, faceValue, label }: { points: ChartPoint[]; faceValue: number; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof IntersectionObserver === "undefined") return setNear(true);
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setNear(true);
        seen.disconnect();
      }
    }, { rootMargin: "200px" });
    seen.observe(el);
    return () => seen.disconnect();
  }, []);
  return (
    <div ref={box} role="img" aria-label={label} className="h-56 w-full sm:h-64" data-testid="price-chart">
      {near ? <Impl points={points} faceValue={faceValue} /> : null}
    </div>
  );
}
