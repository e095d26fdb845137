import { IntentLink } from "@/components/ui/intent-link";
import { dateOnly, dateTime, dday, discountText, sellerRecord, timeLeft, won } from "@/lib/format";
import type { AskItem, BidItem } from "@/lib/market/read-model";
import type { SellerStats } from "@/lib/market/seller-stats";
import { MyBidBadge } from "./viewer-panels";

// The two sides of a product's market. Asks: sellers' listings, cheapest first. Bids: buyers' standing
// offers, highest first. No codes, no buyers' names.

export function AskTable({ asks, faceValue, action, sellers }: { asks: AskItem[]; faceValue: number; action?: (ask: AskItem) => React.ReactNode; sellers?: Map<number, SellerStats> }) {
  if (!asks.length) return <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">지금 판매 중인 기프티콘이 없습니다.</p>;
  return (
    <table className="w-full text-sm" data-testid="ask-table">
      <caption className="sr-only">판매 입찰 (낮은 가격순)</caption>
      <thead className="text-xs text-slate-500">
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-2 text-left font-medium">판매가</th>
          <th scope="col" className="hidden py-2 text-left font-medium sm:table-cell">할인</th>
          <th scope="col" className="py-2 text-left font-medium">유효기간</th>
          <th scope="col" className="hidden py-2 text-left font-medium sm:table-cell">판매자</th>
          <th scope="col" className="py-2 text-left font-medium">판매 마감</th>
          {action ? <th scope="col" className="py-2"><span className="sr-only">구매</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {asks.map((a) => (
          <tr key={a.id} className="border-b border-slate-100 last:border-0" data-testid="ask-row" data-listing-id={a.id}>
            <td className="py-2.5">
              <span className="font-semibold text-ask">{won(a.price)}</span>
              <SellerLink ask={a} className="block max-w-28 truncate text-xs sm:hidden" />
              <SellerRecord stats={sellers?.get(a.sellerId)} className="sm:hidden" />
            </td>
            <td className="hidden py-2.5 text-slate-600 sm:table-cell">{discountText(a.price, faceValue)}</td>
            <td className="py-2.5" data-testid="ask-validity">
              {a.validUntil ? (
                <time dateTime={a.validUntil} title={`${dateOnly(a.validUntil)}까지 사용 가능`}>
                  <span className="font-semibold text-slate-800">{dday(a.validUntil)}</span>
                  <span className="block text-xs text-slate-600">~{dateOnly(a.validUntil)}</span>
                </time>
              ) : (
                "—"
              )}
            </td>
            <td className="hidden py-2.5 sm:table-cell">
              <SellerLink ask={a} />
              <SellerRecord stats={sellers?.get(a.sellerId)} />
            </td>
            <td className="py-2.5 text-slate-600">
              <time dateTime={a.deadline} title={dateTime(a.deadline)}>
                {timeLeft(a.deadline)}
              </time>
            </td>
            {action ? <td className="py-1.5 text-right">{action(a)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SellerLink({ ask, className = "" }: { ask: AskItem; className?: string }) {
  return (
    <IntentLink href={`/sellers/${ask.sellerId}`} className={`text-slate-600 underline-offset-2 hover:text-brand-700 hover:underline ${className}`}>
      {ask.sellerNickname}
    </IntentLink>
  );
}

/** The viewer's own bids get a "내 입찰" badge in the browser (the table itself is the same for everyone). */
export function BidTable({ bids, faceValue }: { bids: BidItem[]; faceValue: number }) {
  if (!bids.length) return <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">아직 구매 입찰이 없습니다.</p>;
  return (
    <table className="w-full text-sm" data-testid="bid-table">
      <caption className="sr-only">구매 입찰 (높은 가격순)</caption>
      <thead className="text-xs text-slate-500">
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-2 text-left font-medium">구매 희망가</th>
          <th scope="col" className="py-2 text-left font-medium">할인</th>
          <th scope="col" className="py-2 text-left font-medium">마감</th>
        </tr>
      </thead>
      <tbody>
        {bids.map((b) => (
          <tr key={b.id} className="border-b border-slate-100 last:border-0" data-testid="bid-row" data-bid-id={b.id}>
            <td className="py-2.5 font-semibold text-bid">
              {won(b.price)}
              <MyBidBadge bidId={b.id} />
            </td>
            <td className="py-2.5 text-slate-600">{discountText(b.price, faceValue)}</td>
            <td className="py-2.5 text-slate-600">
              <time dateTime={b.deadline} title={dateTime(b.deadline)}>
                {timeLeft(b.deadline)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SellerRecord({ stats, className = "" }: { stats?: SellerStats; className?: string }) {
  if (!stats) return null;
  return (
    <span className={`block text-xs text-slate-600 ${className}`} data-testid="seller-record">
      {sellerRecord(stats)}
    </span>
  );
}
