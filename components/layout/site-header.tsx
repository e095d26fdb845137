import Link from "next/link";
import { SearchBox } from "./search-box";

export function SiteHeader({ children }: { children?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-1.5 text-lg font-extrabold tracking-tight text-brand-700">
          <span aria-hidden>🎁</span>
          <span>기프티 거래소</span>
        </Link>
        <div className="hidden flex-1 sm:block">
          <SearchBox />
        </div>
        <nav aria-label="주요 메뉴" className="ml-auto flex items-center gap-1 text-sm">
          <Link href="/products" className="rounded-md px-2.5 py-2 font-medium text-slate-700 hover:bg-slate-100">
            둘러보기
          </Link>
          {children}
        </nav>
      </div>
      <div className="px-4 pb-3 sm:hidden">
        <SearchBox />
      </div>
    </header>
  );
}
