import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { adminOrNotFound } from "@/lib/forms/guard";

export const metadata: Metadata = { title: { default: "관리자", template: "%s · 관리자 · 기프티 거래소" }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await adminOrNotFound();
  return (
    <div>
      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-brand-700">관리자</p>
      <AdminNav />
      {children}
    </div>
  );
}
