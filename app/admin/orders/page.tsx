import type { Metadata } from "next";
import { connection } from "next/server";
import { ListSearch, listParams, toFirstPageIfPast } from "@/components/admin/list-search";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { Pager } from "@/components/ui/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { IntentLink } from "@/components/ui/intent-link";
import { ADMIN_PAGE_SIZE, listOrders } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime, won } from "@/lib/format";

export const metadata: Metadata = { title: "주문" };

type Props = { searchParams: Promise<{ q?: string; page?: string }> };

export default async function AdminOrdersPage({ searchParams }: Props) {
  await connection();
  const admin = await adminOrNotFound();
  const { q, page } = await listParams(searchParams);
  const { rows, total } = await listOrders({ minSeq: admin.minSeq }, q || undefined, page);
  toFirstPageIfPast("/admin/orders", q, page, rows.length);
  return (
    <div>
      <PageTitle title="주문" description="모든 거래를 최근 순으로 봅니다. 주문 번호(#123), 구매자·판매자의 이메일이나 닉네임, 상품·브랜드 이름으로 찾을 수 있습니다." />
      <ListSearch path="/admin/orders" label="주문 검색" placeholder="#주문 번호, 이메일, 닉네임, 상품" q={q} />
      {rows.length ? (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="admin-orders">
          {rows.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-3 p-4 text-sm" data-testid="admin-order">
              <div className="min-w-0 flex-1">
                <p className="text-xs text-slate-600">
                  주문 #{o.id} · {dateTime(o.createdAt)}
                </p>
                <p className="font-semibold">
                  <IntentLink href={`/products/${o.product.id}`} className="hover:underline">
                    {o.product.brandName} {o.product.name}
                  </IntentLink>
                </p>
                <p className="text-slate-600">
                  구매자 {o.buyerNickname} ({o.buyerEmail}) · 판매자 {o.sellerNickname} ({o.sellerEmail})
                </p>
              </div>
              <p className="font-bold tabular-nums">{won(o.price)}</p>
              <StatusBadge status={o.status} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="🧾" title={q ? `‘${q}’에 맞는 주문이 없습니다` : "주문이 없습니다"} />
      )}
      <Pager path="/admin/orders" page={page} pageSize={ADMIN_PAGE_SIZE} total={total} params={{ q }} />
    </div>
  );
}
