"use client";

import { useState } from "react";
import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { parseMoney } from "@/components/product/money";
import { discountText, num, won } from "@/lib/format";
import { createListingAction } from "./actions";

type Props = {
  productId: number;
  faceValue: number;
  lowestAsk: number | null;
  highestBid: number | null;
  idem: string;
  /** Earliest expiry date allowed (YYYY-MM-DD, Korea). */
  minExpiry: string;
  deadline: { value: string; min: string; max: string };
};

export function SellForm({ productId, faceValue, lowestAsk, highestBid, idem, minExpiry, deadline }: Props) {
  const [price, setPrice] = useState("");
  const [deadlineValue, setDeadline] = useState(deadline.value);
  const [deadlineMax, setDeadlineMax] = useState(deadline.max);
  const n = parseMoney(price);
  const valid = Number.isInteger(n) && n > 0;

  const [expiryNote, setExpiryNote] = useState("");
  // The listing may not outlive the voucher: the deadline's upper bound follows the expiry date — but only
  // a date that can be sold. An expired (or too near) date must not silently become the deadline: the
  // deadline keeps its value and the date's own problem is said next to the date.
  const onExpiry = (v: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
    if (v < minExpiry) {
      setExpiryNote("유효기간이 지났거나 3일 안에 끝나는 기프티콘은 팔 수 없습니다.");
      setDeadlineMax(deadline.max);
      return;
    }
    setExpiryNote("");
    const endOfExpiry = `${v}T23:59`;
    const max = endOfExpiry < deadline.max ? endOfExpiry : deadline.max;
    setDeadlineMax(max);
    if (deadlineValue > max) setDeadline(max);
  };

  return (
    <ActionForm action={createListingAction} className="space-y-4" aria-label="판매 글 등록">
      <Hidden values={{ productId, idem }} />
      <Field
        name="code"
        label="기프티콘 코드 (바코드 번호)"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="예: 9123 4567 8901 2345"
        hint="공백과 - 는 빼고 암호화해 저장합니다. 거래가 끝나면 구매자에게만 공개됩니다."
        required
      />
      <Field
        name="expiresAt"
        label="유효기간"
        type="date"
        min={minExpiry}
        onChange={(e) => onExpiry(e.target.value)}
        hint="기프티콘에 적힌 마지막 날짜. 3일 이상 남아야 팔 수 있습니다."
        required
      />
      <p className="-mt-3 text-sm text-rose-600" aria-live="polite" data-testid="expiry-note">
        {expiryNote}
      </p>
      <div>
        <Field
          name="price"
          label="판매가 (원)"
          inputMode="numeric"
          autoComplete="off"
          placeholder={`정가 ${num(faceValue)}원 이하`}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          hint={`정가 ${won(faceValue)} 이하 · 100원 이상`}
          required
        />
        <p className="mt-1 text-sm" aria-live="polite" data-testid="sell-discount">
          {valid ? (
            n > faceValue ? (
              <span className="text-rose-600">정가보다 비싸게 팔 수 없습니다.</span>
            ) : (
              <>
                정가 대비 <strong className="text-ask">{discountText(n, faceValue)}</strong>
                {lowestAsk ? <span className="text-slate-500"> · 지금 최저 판매가 {won(lowestAsk)}</span> : null}
              </>
            )
          ) : null}
        </p>
        {valid && highestBid !== null && n <= highestBid ? (
          <p className="mt-1 rounded-xl bg-blue-50 px-3 py-2 text-sm text-blue-900">
            구매 입찰 {won(highestBid)} 이하라서, 등록하는 즉시 {won(highestBid)}에 판매됩니다.
          </p>
        ) : null}
      </div>
      <Field
        name="deadline"
        label="판매 마감"
        type="datetime-local"
        value={deadlineValue}
        onChange={(e) => setDeadline(e.target.value)}
        min={deadline.min}
        max={deadlineMax}
        hint="기본 7일 후 (한국 시간). 유효기간보다 늦을 수 없습니다."
      />
      <Field
        name="photo"
        label="기프티콘 사진 (선택)"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        hint="PNG, JPEG, WebP · 2MB 이하. 공개되지 않고, 거래 후 구매자에게만 보입니다."
      />
      <SubmitButton size="lg" className="w-full" pendingLabel="등록하는 중…" data-testid="submit-listing">
        판매 글 등록
      </SubmitButton>
    </ActionForm>
  );
}
