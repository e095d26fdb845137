"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/styles";
import { Barcode } from "./barcode";

/**
 * The voucher's code, hidden until asked for (someone may be looking at the screen), with a copy button
 * and, when the seller attached one, the photo (served only to this order's buyer and seller; a plain
 * <img>, never next/image, whose optimizer would keep a copy in a cache shared by everyone).
 */
export function CodeReveal({ code, last4, imageUrl }: { code: string; last4: string; imageUrl?: string }) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  const grouped = code.replace(/(.{4})(?=.)/g, "$1 ");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setShown(true); // no clipboard (insecure context): at least show it to copy by hand
    }
  };
  return (
    <div>
      <p
          className="break-all rounded-xl bg-slate-900 px-4 py-3 text-center font-mono text-lg tracking-wider text-white sm:text-xl"
          aria-live="polite"
          data-testid="gifticon-code"
          data-revealed={shown}
        >
          {shown ? grouped : `•••• •••• ${last4}`}
      </p>
      {shown ? (
        <div className="mt-3">
          <Barcode code={code} />
        </div>
      ) : null}
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={() => setShown((s) => !s)} aria-pressed={shown} className={buttonClass("secondary", "md", "flex-1")} data-testid="toggle-code">
          {shown ? "코드 숨기기" : "바코드·코드 보기"}
        </button>
        <button type="button" onClick={copy} className={buttonClass("secondary", "md", "flex-1")}>
          {copied ? "복사됨 ✓" : "번호 복사"}
        </button>
      </div>
      <p className="sr-only" aria-live="polite">
        {copied ? "코드를 복사했습니다." : ""}
      </p>
      {imageUrl && shown ? (
        <img src={imageUrl} alt="판매자가 올린 기프티콘 사진" className="mt-3 max-h-96 rounded-xl border border-slate-200" data-testid="gifticon-photo" />
      ) : imageUrl ? (
        <p className="mt-2 text-xs text-slate-500">판매자가 올린 사진이 있습니다. ‘바코드·코드 보기’를 누르면 함께 보입니다.</p>
      ) : null}
    </div>
  );
}
