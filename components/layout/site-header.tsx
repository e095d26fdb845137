import { Suspense } from "react";
import { AccountNav, AccountNavSkeleton } from "./account-nav";
import { navLink } from "./nav-styles";
import { SearchBox } from "./search-box";
import { IntentLink } from "@/components/ui/intent-link";

// The same for everyone (it is part of every cached page): the account area loads in the browser.
export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-2.5 sm:gap-3 sm:px-6 sm:py-3">
        <IntentLink href="/" className="flex shrink-0 items-center gap-1 text-base font-extrabold tracking-tight text-brand-700 sm:gap-1.5 sm:text-lg">
          <span aria-hidden>🎁</span>
          <span>기프티 거래소</span>
        </IntentLink>
        <div className="hidden flex-1 md:block">
          <SearchBox id="site-search-wide" />
        </div>
        <nav aria-label="주요 메뉴" className="ml-auto flex items-center gap-0.5">
          <IntentLink href="/products" className={`${navLink} hidden sm:block`}>
            둘러보기
          </IntentLink>
          {/* useSearchParams() in a cached page: rendered in the browser only, behind this boundary. */}
          <Suspense fallback={<AccountNavSkeleton />}>
            <AccountNav />
          </Suspense>
        </nav>
      </div>
      <div className="px-4 pb-2.5 md:hidden">
        <SearchBox id="site-search-narrow" />
      </div>
    </header>
  );
}
