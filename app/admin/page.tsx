import type { Metadata } from "next";
import { connection } from "next/server";
import { IntentLink } from "@/components/ui/intent-link";
import { PageTitle } from "@/components/ui/page-title";
import { adminCounts } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { num } from "@/lib/format";

export const metadata: Metadata = { title: "대시보드" };

export default async function AdminHome() {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const counts = await adminCounts({ minSeq });
  const cards = [
    { href: "/admin/disputes", label: "처리할 분쟁", n: counts.disputes, tone: counts.disputes ? "text-rose-600" : "" },
    { href: "/admin/withdrawals", label: "출금 대기", n: counts.withdrawals, tone: counts.withdrawals ? "text-amber-600" : "" },
    { href: "/admin/users", label: "활동 중인 회원", n: counts.users, tone: "" },
  ];
  return (
    <div>
      <PageTitle title="대시보드" />
      <ul className="grid gap-3 sm:grid-cols-3" data-testid="admin-counts">
        {cards.map((c) => (
          <li key={c.href}>
            <IntentLink href={c.href} className="block rounded-2xl border border-slate-200 bg-white p-5 hover:border-brand-500">
              <p className="text-sm text-slate-600">{c.label}</p>
              <p className={`mt-1 text-3xl font-extrabold tabular-nums ${c.tone}`}>{num(c.n)}</p>
            </IntentLink>
          </li>
        ))}
      </ul>
      <div className="mt-6 grid gap-3 sm:grid-cols-3">
        <IntentLink href="/admin/coupons" className="rounded-2xl border border-slate-200 bg-white p-4 text-sm font-semibold hover:border-brand-500">
          🎟️ 쿠폰 만들기·발급
        </IntentLink>
        <IntentLink href="/admin/catalog" className="rounded-2xl border border-slate-200 bg-white p-4 text-sm font-semibold hover:border-brand-500">
          🗂️ 브랜드·상품 관리
        </IntentLink>
        <IntentLink href="/admin/status" className="rounded-2xl border border-slate-200 bg-white p-4 text-sm font-semibold hover:border-brand-500">
          🩺 데이터베이스·캐시 상태
        </IntentLink>
      </div>
    </div>
  );
}
