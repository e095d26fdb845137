"use client";

import { usePathname } from "next/navigation";
import { IntentLink } from "@/components/ui/intent-link";

const LINKS = [
  { href: "/admin", label: "대시보드" },
  { href: "/admin/disputes", label: "분쟁" },
  { href: "/admin/withdrawals", label: "출금" },
  { href: "/admin/coupons", label: "쿠폰" },
  { href: "/admin/orders", label: "주문" },
  { href: "/admin/listings", label: "판매 글" },
  { href: "/admin/catalog", label: "카탈로그" },
  { href: "/admin/search", label: "검색 줄임말" },
  { href: "/admin/users", label: "회원" },
  { href: "/admin/audit", label: "감사 기록" },
  { href: "/admin/status", label: "시스템 상태" },
];

export function AdminNav() {
  const path = usePathname();
  return (
    <nav aria-label="관리자 메뉴" className="-mx-4 mb-5 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {LINKS.map((l) => {
          const on = l.href === "/admin" ? path === "/admin" : path.startsWith(l.href);
          return (
            <li key={l.href}>
              <IntentLink
                href={l.href}
                aria-current={on ? "page" : undefined}
                className={`-mb-px block whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium ${on ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {l.label}
              </IntentLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
