import type { Metadata } from "next";
import { connection } from "next/server";
import { setCouponActiveAction } from "@/components/admin/actions";
import { CreateCouponForm, IssueCouponForm } from "@/components/admin/admin-forms";
import { ButtonForm } from "@/components/ui/button-form";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { listCoupons } from "@/lib/admin/queries";
import { kstDateInput } from "@/lib/forms/dates";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateOnly, num } from "@/lib/format";

export const metadata: Metadata = { title: "쿠폰" };

export default async function CouponsPage() {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const coupons = await listCoupons({ minSeq });
  return (
    <div className="space-y-5">
      <PageTitle title="쿠폰" description="쿠폰을 만들고, 회원에게 발급하거나 코드로 나눠 주세요. 회원은 마이페이지에서 코드를 등록할 수 있습니다." />
      <div className="grid gap-5 lg:grid-cols-2">
        <section className={cardClass} aria-labelledby="new-coupon">
          <h2 id="new-coupon" className="mb-3 font-bold">
            새 쿠폰
          </h2>
          <CreateCouponForm defaultValidUntil={kstDateInput(Date.now() + 30 * 86_400_000)} />
        </section>
        <section className={cardClass} aria-labelledby="issue-coupon">
          <h2 id="issue-coupon" className="mb-3 font-bold">
            회원에게 발급
          </h2>
          <IssueCouponForm coupons={coupons.filter((c) => c.active).map((c) => ({ id: c.id, label: `${c.code} · ${c.name}` }))} />
        </section>
      </div>
      <section className={cardClass} aria-labelledby="coupon-list">
        <h2 id="coupon-list" className="mb-3 font-bold">
          쿠폰 목록
        </h2>
        <ul className="divide-y divide-slate-100" data-testid="admin-coupons">
          {coupons.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-semibold">
                  <span className="font-mono">{c.code}</span> · {c.name}
                  {!c.active ? <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">중지됨</span> : null}
                </p>
                <p className="text-sm text-slate-600">{c.description}</p>
                <p className="text-xs text-slate-500">
                  {dateOnly(c.validUntil)}까지 · 발급 {num(c.issued)} · 사용 {num(c.used)}
                </p>
              </div>
              <ButtonForm action={setCouponActiveAction} values={{ couponId: c.id, active: String(!c.active) }} variant={c.active ? "danger" : "secondary"}>
                {c.active ? "중지" : "다시 사용"}
              </ButtonForm>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
