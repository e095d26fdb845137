"use client";

import { useEffect, useRef, useState } from "react";

// The voucher's code as a Code 128 barcode (what shop scanners read from a phone screen), drawn in the
// browser by JsBarcode into an SVG: crisp at any size, no image URL that could leak the code, nothing cached.
// Loaded only when the buyer reveals the code.

export function Barcode({ code }: { code: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let gone = false;
    void import("jsbarcode")
      .then(({ default: JsBarcode }) => {
        if (gone || !ref.current) return;
        JsBarcode(ref.current, code, { format: "CODE128", width: 2, height: 96, margin: 12, displayValue: false, background: "#ffffff", lineColor: "#000000" });
        // Scale to the box's width instead of the fixed pixel width JsBarcode sets.
        const svg = ref.current;
        // JsBarcode writes "312px": a viewBox takes plain numbers.
        const w = parseFloat(svg.getAttribute("width") ?? "");
        const h = parseFloat(svg.getAttribute("height") ?? "");
        if (w > 0 && h > 0) {
          svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
          svg.removeAttribute("width");
          svg.removeAttribute("height");
        }
      })
      .catch(() => !gone && setFailed(true));
    return () => {
      gone = true;
    };
  }, [code]);
  if (failed) return null;
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-2" data-testid="barcode">
      <svg ref={ref} role="img" aria-label={`바코드 (Code 128): ${code.replace(/(.{4})(?=.)/g, "$1 ")}`} className="h-32 w-full sm:h-36" preserveAspectRatio="none" />
      <figcaption className="mt-1 text-center text-xs text-slate-600">
        <span aria-hidden>☀︎ </span>매장에서 스캔할 때는 화면 밝기를 최대로 올려 주세요.
      </figcaption>
    </figure>
  );
}
