import type { Metadata } from "next";
import { connection } from "next/server";
import { KakaoStatus, NicknameForm } from "@/components/account/profile-forms";
import { LedgerTable } from "@/components/account/ledger-table";
import { BidsSection, CouponsSection, LikesSection, ListingsSection, OrdersSection } from "@/components/account/my-sections";
import { IntentLink } from "@/components/ui/intent-link";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { LinkTabs } from "@/components/ui/tabs";
import { kakaoEnabled } from "@/lib/auth/auth";
import { getMe, myIdentities, myBids, myCoupons, myLedger, myLikes, myListings, myOrders } from "@/lib/accounts/queries";
import { signedInOrLogin } from "@/lib/forms/guard";
import { dateOnly, won } from "@/lib/format";
import { readerPosition } from "@/lib/session/position";

export const metadata: Metadata = { title: "마이페이지" };

const TABS = [
  { key: "listings", label: "판매" },
  { key: "bids", label: "구매 입찰" },
  { key: "orders", label: "주문" },
  { key: "points", label: "포인트" },
  { key: "coupons", label: "쿠폰" },
  { key: "likes", label: "찜" },
] as const;
type Tab = (typeof TABS)[number]["key"];

type Props = { searchParams: Promise<{ tab?: string; kakao?: string }> };

export default async function MyPage({ searchParams }: Props) {
  await connection();
  const { tab: asked, kakao } = await searchParams;
  const tab: Tab = TABS.some((t) => t.key === asked) ? (asked as Tab) : "listings";
  const actor = await signedInOrLogin(tab === "listings" ? "/me" : `/me?tab=${tab}`);
  // Read-your-writes: every read here sees this user's last write, from whichever node has it.
  const ctx = { userId: actor.id, minSeq: await readerPosition(actor.id) };
  const me = await getMe(ctx);
  if (!me) return null;
  const identities = await myIdentities(ctx);

  return (
    <div>
      <PageTitle title="마이페이지" description={`${me.nickname}님 · ${me.email ?? "이메일 없음 (카카오 계정)"} · ${dateOnly(me.createdAt)} 가입`} />
      <section className={`${cardClass} mb-5 flex flex-wrap items-start justify-between gap-4`} aria-label="회원 정보">
        <NicknameForm nickname={me.nickname} />
        {kakaoEnabled() || identities.includes("kakao") ? <KakaoStatus linked={identities.includes("kakao")} notice={kakao} /> : null}
      </section>
      <section className={`${cardClass} mb-5 flex flex-wrap items-center justify-between gap-4`} aria-label="포인트 요약">
        <dl className="flex gap-6">
          <div>
            <dt className="text-xs text-slate-500">보유 포인트</dt>
            <dd className="text-2xl font-extrabold tabular-nums" data-testid="my-points">
              {won(me.points)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">입찰 보류</dt>
            <dd className="text-2xl font-bold tabular-nums text-blue-700" data-testid="my-held">
              {won(me.heldPoints)}
            </dd>
          </div>
        </dl>
        <div className="flex gap-2">
          <IntentLink href="/points" className={buttonClass("primary", "sm")}>
            충전하기
          </IntentLink>
          <IntentLink href="/points#withdraw" className={buttonClass("secondary", "sm")}>
            출금하기
          </IntentLink>
        </div>
      </section>

      <LinkTabs label="마이페이지 메뉴" current={tab} tabs={TABS.map((t) => ({ ...t, href: t.key === "listings" ? "/me" : `/me?tab=${t.key}` }))} />

      <h2 className="sr-only">{TABS.find((t) => t.key === tab)!.label}</h2>
      <TabBody tab={tab} ctx={ctx} />
    </div>
  );
}

async function TabBody({ tab, ctx }: { tab: Tab; ctx: { userId: number; minSeq: number } }) {
  switch (tab) {
    case "listings":
      return <ListingsSection rows={await myListings(ctx)} />;
    case "bids":
      return <BidsSection rows={await myBids(ctx)} />;
    case "orders":
      return <OrdersSection rows={await myOrders(ctx)} />;
    case "coupons":
      return <CouponsSection rows={await myCoupons(ctx)} />;
    case "likes":
      return <LikesSection rows={await myLikes(ctx)} />;
    case "points":
      return (
        <div className={cardClass}>
          <div className="mb-2 flex items-baseline justify-between">
            <h3 className="font-semibold">최근 포인트 내역</h3>
            <IntentLink href="/points" className="text-sm text-brand-700 hover:underline">
              충전·출금 →
            </IntentLink>
          </div>
          <LedgerTable rows={await myLedger(ctx, 30)} />
        </div>
      );
  }
}
