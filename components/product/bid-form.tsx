"use client";

import { useState } from "react";
import { ActionForm, Field, FieldErrors, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { IntentLink } from "@/components/ui/intent-link";
import { discountText, won } from "@/lib/format";
import { placeBidAction } from "./actions";
import { parseMoney } from "./money";
import { OnSuccess } from "./on-success";

/** A standing offer: the price is held from the buyer's points until it trades, is cancelled or expires. */
export function BidForm({
  productId,
  faceValue,
  lowestAsk,
  points,
  idem,
  deadline,
  onSuccess,
}: {
  productId: number;
  faceValue: number;
  lowestAsk: number | null;
  points: number;
  idem: string;
  deadline: { value: string; min: string; max: string };
  /** After a bid that stayed on the page (one that traded at once goes to its order). */
  onSuccess?: () => void;
}) {
  const [price, setPrice] = useState("");
  const n = parseMoney(price);
  const valid = Number.isInteger(n) && n > 0;
  const crosses = valid && lowestAsk !== null && n >= lowestAsk;
  return (
    <ActionForm action={placeBidAction} className="space-y-3" aria-label="구매 입찰">
      <Hidden values={{ productId, idem }} />
      <OnSuccess run={onSuccess} />
      <Field
        name="price"
        label="구매 희망가 (원)"
        inputMode="numeric"
        autoComplete="off"
        placeholder={lowestAsk ? `예: ${Math.max(100, Math.round((lowestAsk * 0.95) / 10) * 10)}` : "예: 4000"}
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        hint={valid ? `정가 대비 ${discountText(n, faceValue)} · 정가 ${won(faceValue)} 이하` : `정가 ${won(faceValue)} 이하로 입력하세요.`}
        required
      />
      <Field name="deadline" label="입찰 마감" type="datetime-local" defaultValue={deadline.value} min={deadline.min} max={deadline.max} hint="기본 7일 후 (한국 시간)" />
      <p className="rounded-xl bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="bid-hold-note">
        입찰하면 {valid ? <strong>{won(n)}</strong> : "입력한 금액"}만큼 포인트가 보류되고, 체결되지 않으면 돌려받습니다. (보유 {won(points)})
      </p>
      {crosses ? (
        <p className="rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-800">판매가 {won(lowestAsk!)} 이상이라 입찰하는 즉시 {won(lowestAsk!)}에 체결됩니다.</p>
      ) : null}
      {valid && n > points ? (
        <p className="rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-800">
          포인트가 {won(n - points)} 부족합니다.{" "}
          <IntentLink href="/points" className="font-semibold underline">
            충전하기
          </IntentLink>
        </p>
      ) : null}
      <FieldErrors name="points" />
      <SubmitButton variant="bid" className="w-full" pendingLabel="입찰하는 중…" data-testid="place-bid">
        구매 입찰하기
      </SubmitButton>
    </ActionForm>
  );
}
