import type { Metadata, Viewport } from "next";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { config } from "@/lib/config";
import { SoftNavigation } from "@/components/ui/soft-navigation";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

const DESCRIPTION = "쓰지 않는 기프티콘을 팔고, 필요한 기프티콘을 정가보다 싸게 사세요. 즉시 구매와 입찰로 거래하는 기프티콘 거래소.";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(config().SITE_URL),
    title: { default: "기프티 거래소 — 기프티콘을 싸게 사고 팔기", template: "%s · 기프티 거래소" },
    description: DESCRIPTION,
    applicationName: "기프티 거래소",
    manifest: "/manifest.webmanifest",
    icons: { icon: [{ url: "/favicon.ico", sizes: "any" }, { url: "/icon.svg", type: "image/svg+xml" }], apple: "/apple-touch-icon.png" },
    openGraph: { type: "website", locale: "ko_KR", siteName: "기프티 거래소", title: "기프티 거래소 — 기프티콘을 싸게 사고 팔기", description: DESCRIPTION, images: [{ url: "/og.png", width: 1200, height: 630 }] },
    twitter: { card: "summary_large_image" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#059669" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ko">
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          본문 바로가기
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl px-4 pb-16 pt-4 sm:px-6">
          {children}
        </main>
        <SiteFooter />
        <Toaster />
        <SoftNavigation />
      </body>
    </html>
  );
}
