import type { Metadata } from "next";

// Signed-in pages (my page, orders, points, selling) are nobody else's business: never indexed.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return children;
}
