import type { Metadata } from "next";
import { num } from "@/lib/format";
import { getSellerStats } from "@/lib/market/seller-stats";
import { notFound } from "next/navigation";
import { cache } from "react";
import { FeedList } from "@/components/market/feed-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { idSchema } from "@/lib/market/schemas";
import { getSellerListings } from "@/lib/market/queries";

// generateMetadata and the page render together: one read of the data for both.
const load = cache(getSellerListings);

// One page for everyone, from Next's cache (rendered on the first visit of each seller, then at most every
// five minutes or when the cache handler drops it): nothing here may read the request.
export const revalidate = 300;
export const dynamicParams = true;
export async function generateStaticParams(): Promise<{ id: string }[]> {
  return [];
}

type Props = { params: Promise<{ id: string }> };

async function sellerId(params: Props["params"]) {
  const id = idSchema("판매자").safeParse((await params).id);
  if (!id.success) notFound();
  return id.data;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = await sellerId(params);
  const items = await load(id);
  const title = items[0] ? `${items[0].sellerNickname}님의 판매 글` : "판매자";
  const description = items[0] ? `${items[0].sellerNickname}님이 팔고 있는 기프티콘 ${items.length}건과 거래 기록.` : "이 판매자의 판매 글과 거래 기록.";
  return { title, description, alternates: { canonical: `/sellers/${id}` }, openGraph: { title, description, url: `/sellers/${id}` } };
}

export default async function SellerPage({ params }: Props) {
  const id = await sellerId(params);
  const [items, stats] = await Promise.all([load(id), getSellerStats(id)]);
  const nickname = items[0]?.sellerNickname;
  return (
    <div>
      <PageTitle
        title={nickname ? `${nickname}님의 판매 글` : "판매자의 판매 글"}
        description={items.length ? `지금 판매 중인 기프티콘 ${items.length}건 (최신순)` : undefined}
      />
      <dl className="mb-5 grid grid-cols-3 gap-2 text-center" data-testid="seller-stats" aria-label="판매자 거래 기록">
        <div className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-xs text-slate-600">거래 완료</dt>
          <dd className="text-lg font-bold">{num(stats.completed)}건</dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-xs text-slate-600">분쟁률</dt>
          <dd className="text-lg font-bold">{stats.sales ? `${Math.round(stats.disputeRate * 100)}%` : "—"}</dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-xs text-slate-600">전체 판매</dt>
          <dd className="text-lg font-bold">{num(stats.sales)}건</dd>
        </div>
      </dl>
      {items.length ? (
        <FeedList items={items} layout="grid" />
      ) : (
        <EmptyState icon="🏷️" title="지금 판매 중인 기프티콘이 없습니다">
          판매가 끝났거나 아직 판매 글을 올리지 않은 판매자입니다.
        </EmptyState>
      )}
    </div>
  );
}
