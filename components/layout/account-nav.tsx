"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { signOutAction } from "@/components/auth/actions";
import { IntentLink } from "@/components/ui/intent-link";
import { won } from "@/lib/format";
import { AccountMenu } from "./account-menu";
import { onAccountChange, refreshAccount } from "./account-events";
import { menuLink, navLink } from "./nav-styles";

// The header's account area. The header is part of every cached page, so who is looking is asked in the
// browser (GET /api/session, never cached): a skeleton of the same size until then, then the sign-in links or
// the account. It asks again after every navigation (sign-in, sign-up, a purchase all end on a new page),
// when a form calls refreshAccount(), and when the tab comes back into view.

type Account = { nickname: string; points: number; heldPoints: number; role: "user" | "admin"; unread: number };
type State = { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; account: Account };

function useAccount(): State {
  const [state, setState] = useState<State>({ status: "loading" });
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const latest = useRef(0);
  const load = useCallback(async () => {
    const n = ++latest.current;
    try {
      const res = await fetch("/api/session", { cache: "no-store", headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`GET /api/session ${res.status}`);
      const body = (await res.json()) as ({ signedIn: true } & Account) | { signedIn: false };
      if (n !== latest.current) return; // a newer request is on its way
      setState(body.signedIn ? { status: "signed-in", account: { nickname: body.nickname, points: body.points, heldPoints: body.heldPoints, role: body.role, unread: body.unread ?? 0 } } : { status: "signed-out" });
    } catch {
      // Offline or a server error: keep what is shown; on the first load, offer the sign-in links.
      if (n === latest.current) setState((s) => (s.status === "loading" ? { status: "signed-out" } : s));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, pathname, search]);
  useEffect(() => onAccountChange(() => void load()), [load]);
  return state;
}

export function AccountNav() {
  const state = useAccount();
  if (state.status === "loading") return <AccountNavSkeleton />;
  if (state.status === "signed-out") {
    return (
      <>
        <IntentLink href="/login" className={navLink}>
          로그인
        </IntentLink>
        <IntentLink href="/signup" className="ml-1 whitespace-nowrap rounded-lg bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          회원가입
        </IntentLink>
      </>
    );
  }
  const me = state.account;
  return (
    <>
      <IntentLink href="/sell" className={`${navLink} font-semibold text-brand-700`}>
        판매하기
      </IntentLink>
      <IntentLink
        href="/points"
        className="whitespace-nowrap rounded-full bg-slate-100 px-2 py-1.5 text-xs font-semibold tabular-nums text-slate-800 hover:bg-slate-200 sm:px-2.5 sm:text-sm"
        aria-label={`보유 포인트 ${won(me.points)}`}
        data-testid="header-points"
      >
        {won(me.points)}
      </IntentLink>
      <IntentLink
        href="/notifications"
        prefetch={false}
        className="relative rounded-full p-1.5 text-slate-700 hover:bg-slate-100"
        aria-label={me.unread ? `알림 ${me.unread}개 안 읽음` : "알림"}
        data-testid="header-notifications"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {me.unread ? (
          <span className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-rose-600 px-1 text-center text-[11px] font-bold leading-4 text-white" data-testid="unread-badge">
            {me.unread > 99 ? "99+" : me.unread}
          </span>
        ) : null}
      </IntentLink>
      <AccountMenu
        // "닉네임 님의 메뉴": the visible nickname (on wide screens) is a whole word of the name, and the avatar
        // and arrow are drawings with no text, so what one sees is part of what a screen reader says (axe).
        label={`${me.nickname} 님의 메뉴`}
        summary={
          <>
            <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-brand-700">
              <svg viewBox="0 0 24 24" className="h-4 w-4" fill="currentColor">
                <circle cx="12" cy="8" r="4" />
                <path d="M4 20a8 8 0 0 1 16 0z" />
              </svg>
            </span>
            <span className="hidden max-w-24 truncate lg:inline" data-testid="header-nickname">
              {me.nickname}
            </span>
            <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3 text-slate-500 transition group-open:rotate-180" fill="currentColor">
              <path d="M2 4h8L6 9z" />
            </svg>
          </>
        }
      >
        <p className="px-3 pb-1.5 pt-1 text-xs text-slate-500">
          <strong className="text-sm text-slate-800">{me.nickname}</strong>님
          {me.heldPoints > 0 ? <span className="block">입찰 보류 {won(me.heldPoints)}</span> : null}
        </p>
        <IntentLink href="/products" className={`${menuLink} sm:hidden`}>
          둘러보기
        </IntentLink>
        <IntentLink href="/me" className={menuLink}>
          마이페이지
        </IntentLink>
        <IntentLink href="/me?tab=orders" className={menuLink}>
          주문 내역
        </IntentLink>
        <IntentLink href="/notifications" className={menuLink}>
          알림{me.unread ? ` (${me.unread})` : ""}
        </IntentLink>
        <IntentLink href="/points" className={menuLink}>
          포인트 충전·출금
        </IntentLink>
        {me.role === "admin" ? (
          <IntentLink href="/admin" className={`${menuLink} font-semibold text-brand-700`}>
            관리자
          </IntentLink>
        ) : null}
        <div className="my-1 border-t border-slate-100" />
        <SignOut className={menuLink} />
      </AccountMenu>
    </>
  );
}

/** Holds the place of the account area (about the width of the signed-in one) until it is known. */
export function AccountNavSkeleton() {
  return (
    <span className="flex items-center gap-1.5 py-1" aria-hidden data-testid="account-nav-loading">
      <span className="h-7 w-14 animate-pulse rounded-lg bg-slate-100 sm:w-16" />
      <span className="h-7 w-16 animate-pulse rounded-full bg-slate-100 sm:w-20" />
      <span className="h-7 w-7 animate-pulse rounded-full bg-slate-100" />
      <span className="h-7 w-7 animate-pulse rounded-full bg-slate-100" />
    </span>
  );
}

/**
 * Signs out through the server action (it clears the session cookie and goes to "/"). When the page was
 * "/" already nothing navigates, so the account is asked for again either way.
 */
function SignOut({ className }: { className?: string }) {
  const signOut = async () => {
    try {
      await signOutAction();
    } finally {
      refreshAccount();
    }
  };
  return (
    <form action={signOut}>
      <button type="submit" className={className}>
        로그아웃
      </button>
    </form>
  );
}
