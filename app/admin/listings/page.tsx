import type { Metadata } from "next";
import { connection } from "next/server";
import { takeDownListingAction } from "@/components/admin/actions";
import { ReasonForm } from "@/components/admin/reason-form";
import { ListSearch, listParams, toFirstPageIfPast } from "@/components/admin/list-search";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { Pager } from "@/components/ui/pager";
import { IntentLink } from "@/components/ui/intent-link";
import { ADMIN_PAGE_SIZE, listLiveListings } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime, won } from "@/lib/format";

export const metadata: Metadata = { title: "판매 글" };

type Props = { searchParams: Promise<{ q?: string; page?: string }> };

export default async function AdminListingsPage({ searchParams }: Props) {
  await connection();
  const admin = await adminOrNotFound();
  const { q, page } = await listParams(searchParams);
  const { rows, total } = await listLiveListings({ minSeq: admin.minSeq }, q || undefined, page);
  toFirstPageIfPast("/admin/listings", q, page, rows.length);
  return (
    <div>
      <PageTitle
        title="판매 글"
        description="판매 중인 글입니다. 가짜 코드 신고나 금지 상품이면 사유를 적고 내리세요. 판매자에게 사유가 알려지고 감사 기록에 남습니다."
      />
      <ListSearch path="/admin/listings" label="판매 글 검색" placeholder="#판매 글 번호, 판매자 이메일·닉네임, 상품" q={q} />
      {rows.length ? (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="admin-listings">
          {rows.map((l) => (
            <li key={l.id} className="space-y-2 p-4 text-sm" data-testid="admin-listing" data-listing-id={l.id}>
              <div className="flex flex-wrap items-center gap-3">
                <div className="min-w-0 flex-1">
                  <p className="text-xs text-slate-600">
                    판매 글 #{l.id} · 등록 {dateTime(l.createdAt)} · 마감 {dateTime(l.deadline)}
                  </p>
                  <p className="font-semibold">
                    <IntentLink href={`/products/${l.product.id}`} className="hover:underline">
                      {l.product.brandName} {l.product.name}
                    </IntentLink>
                  </p>
                  <p className="text-slate-600">
                    판매자 {l.sellerNickname} ({l.sellerEmail})
                  </p>
                </div>
                <p className="font-bold tabular-nums">{won(l.price)}</p>
              </div>
              <ReasonForm
                action={takeDownListingAction}
                values={{ listingId: l.id }}
                label="내리는 사유"
                submit="판매 글 내리기"
                pendingLabel="내리는 중…"
                confirm={`판매 글 #${l.id}을 내릴까요? 바로 판매가 멈추고 판매자에게 사유가 알려집니다. 되돌릴 수 없습니다.`}
                testId="take-down"
              />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="📦" title={q ? `‘${q}’에 맞는 판매 글이 없습니다` : "판매 중인 글이 없습니다"} />
      )}
      <Pager path="/admin/listings" page={page} pageSize={ADMIN_PAGE_SIZE} total={total} params={{ q }} />
    </div>
  );
}
