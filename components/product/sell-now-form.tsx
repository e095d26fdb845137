"use client";

import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { won } from "@/lib/format";
import { fillBidAction } from "./actions";
import { OnSuccess } from "./on-success";
import { PriceChangedNotice, useAgreedPrice } from "./price-guard";

/** Sell now: the seller fills the highest bid with a gifticon (code, expiry, optional photo). */
export function SellNowForm({
  bidId,
  price,
  idem,
  minExpiry,
  onSuccess,
}: {
  bidId: number;
  price: number;
  idem: string;
  minExpiry: string;
  onSuccess?: () => void;
}) {
  return (
    <ActionForm action={fillBidAction} className="space-y-3" aria-label="즉시 판매">
      <OnSuccess run={onSuccess} />
      <Field name="code" label="기프티콘 코드" inputMode="numeric" autoComplete="off" spellCheck={false} placeholder="예: 1234 5678 9012" hint="공백과 - 는 빼고 저장됩니다. 구매자에게만 공개됩니다." required />
      <Field name="expiresAt" label="유효기간" type="date" min={minExpiry} hint="기프티콘에 적힌 날짜 (3일 이상 남아야 합니다)" required />
      <Field name="photo" label="기프티콘 사진 (선택)" type="file" accept="image/png,image/jpeg,image/webp" hint="PNG, JPEG, WebP · 2MB 이하. 구매자에게만 보입니다." />
      <SellNowButton bidId={bidId} shown={price} idem={idem} />
    </ActionForm>
  );
}

function SellNowButton({ bidId, shown, idem }: { bidId: number; shown: number; idem: string }) {
  const { price } = useAgreedPrice(shown);
  return (
    <>
      <Hidden values={{ bidId, expectedPrice: price, idem }} />
      <PriceChangedNotice shown={shown} />
      <SubmitButton
        variant="bid"
        className="w-full"
        pendingLabel="판매하는 중…"
        data-testid="sell-now"
        confirm={{
          title: `${won(price)}에 즉시 판매할까요?`,
          body: "가장 높은 구매 입찰에 바로 팔리고, 코드가 구매자에게 공개됩니다. 판매 후에는 취소할 수 없습니다.",
          confirmLabel: "판매",
          cancelLabel: "돌아가기",
          tone: "bid",
        }}
      >
        {won(price)}에 즉시 판매
      </SubmitButton>
    </>
  );
}
