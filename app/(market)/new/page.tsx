import type { Metadata } from "next";
import { FeedList } from "@/components/market/feed-list";
import { getFeed } from "@/lib/market/queries";

export const metadata: Metadata = {
  title: "새로 올라온 기프티콘",
  description: "방금 올라온 기프티콘 판매 글: 브랜드, 가격, 유효기간을 보고 바로 구매하세요.",
  alternates: { canonical: "/new" },
};

// The new-listings feed: the same page for everyone, served from the page cache and dropped from it the
// moment a listing appears or leaves (lib/cache/keys.ts: the feed view names this page).
export const revalidate = 60;

export default async function NewListingsPage() {
  const feed = await getFeed(24);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-bold">새로 올라온 기프티콘</h1>
        <p className="text-sm text-slate-500">방금 판매 등록된 기프티콘부터 보여 드려요.</p>
      </div>
      {feed.length ? (
        <FeedList items={feed} layout="grid" />
      ) : (
        <p className="rounded-2xl bg-white p-6 text-center text-sm text-slate-500">아직 판매 중인 기프티콘이 없습니다.</p>
      )}
    </div>
  );
}
