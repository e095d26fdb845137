import Link from "next/link";
import { Suspense } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getMe } from "@/lib/accounts/queries";
import { currentActor } from "@/lib/auth/session";
import { won } from "@/lib/format";
import { readerPosition } from "@/lib/session/position";
import { AccountMenu } from "./account-menu";
import { SearchBox } from "./search-box";

const navLink = "whitespace-nowrap rounded-lg px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:px-2.5";
const menuLink = "block w-full rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-2.5 sm:gap-3 sm:px-6 sm:py-3">
        <Link href="/" className="flex shrink-0 items-center gap-1 text-base font-extrabold tracking-tight text-brand-700 sm:gap-1.5 sm:text-lg">
          <span aria-hidden>🎁</span>
          <span>기프티 거래소</span>
        </Link>
        <div className="hidden flex-1 md:block">
          <SearchBox id="site-search-wide" />
        </div>
        <nav aria-label="주요 메뉴" className="ml-auto flex items-center gap-0.5">
          <Link href="/products" className={`${navLink} hidden sm:block`}>
            둘러보기
          </Link>
          <Suspense fallback={<span className="h-9 w-24 animate-pulse rounded-lg bg-slate-100" aria-hidden />}>
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

async function AccountNav() {
  const actor = await currentActor();
  if (!actor) {
    return (
      <>
        <Link href="/login" className={navLink}>
          로그인
        </Link>
        <Link href="/signup" className="ml-1 rounded-lg bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          회원가입
        </Link>
      </>
    );
  }
  const me = await getMe({ userId: actor.id, minSeq: await readerPosition(actor.id) }).catch(() => null);
  const nickname = me?.nickname ?? actor.nickname;
  return (
    <>
      <Link href="/sell" className={`${navLink} font-semibold text-brand-700`}>
        판매하기
      </Link>
      {me ? (
        <Link
          href="/points"
          className="whitespace-nowrap rounded-full bg-slate-100 px-2 py-1.5 text-xs font-semibold tabular-nums text-slate-800 hover:bg-slate-200 sm:px-2.5 sm:text-sm"
          aria-label={`보유 포인트 ${won(me.points)}`}
          data-testid="header-points"
        >
          {won(me.points)}
        </Link>
      ) : null}
      <AccountMenu
        label={`${nickname}님의 메뉴`}
        summary={
          <>
            <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-sm font-bold text-brand-700">
              {nickname.slice(0, 1)}
            </span>
            <span className="hidden max-w-24 truncate lg:inline" data-testid="header-nickname">
              {nickname}
            </span>
            <span aria-hidden className="text-xs text-slate-400 transition group-open:rotate-180">
              ▾
            </span>
          </>
        }
      >
        <p className="px-3 pb-1.5 pt-1 text-xs text-slate-500">
          <strong className="text-sm text-slate-800">{nickname}</strong>님
          {me && me.heldPoints > 0 ? <span className="block">입찰 보류 {won(me.heldPoints)}</span> : null}
        </p>
        <Link href="/products" className={`${menuLink} sm:hidden`}>
          둘러보기
        </Link>
        <Link href="/me" className={menuLink}>
          마이페이지
        </Link>
        <Link href="/me?tab=orders" className={menuLink}>
          주문 내역
        </Link>
        <Link href="/points" className={menuLink}>
          포인트 충전·출금
        </Link>
        {actor.role === "admin" ? (
          <Link href="/admin" className={`${menuLink} font-semibold text-brand-700`}>
            관리자
          </Link>
        ) : null}
        <div className="my-1 border-t border-slate-100" />
        <SignOutButton className={menuLink} />
      </AccountMenu>
    </>
  );
}
