"use client";

import { createContext, use, useCallback, useEffect, useRef, useState } from "react";
import { onAccountChange } from "@/components/layout/account-events";
import type { CouponChoice } from "./buy-now-form";

// The product page is the same for everyone (served from the cache); what only the person looking may see
// (their points, coupons, like, and which asks and bids are theirs) is asked for in the browser, once per
// page, and shared by every part of the page that needs it through this context.

export type ViewerData =
  | { signedIn: false }
  | {
      signedIn: true;
      me: { id: number; nickname: string; points: number; heldPoints: number };
      coupons: CouponChoice[];
      liked: boolean;
      myBidIds: number[];
      myListingIds: number[];
    };

export type SignedInViewer = Extract<ViewerData, { signedIn: true }>;

export type ViewerState = { status: "loading" } | { status: "error" } | { status: "ready"; viewer: ViewerData };

type Ctx = {
  state: ViewerState;
  /** Asks again (after an action on the page succeeded). */
  reload: () => void;
  /** Shows an action's known outcome at once, before the reload answers. */
  patch: (fn: (v: SignedInViewer) => SignedInViewer) => void;
};

const ViewerCtx = createContext<Ctx>({ state: { status: "loading" }, reload: () => {}, patch: () => {} });

export const useViewer = () => use(ViewerCtx);

export function ViewerProvider({ productId, children }: { productId: number; children: React.ReactNode }) {
  const [state, setState] = useState<ViewerState>({ status: "loading" });
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const n = ++latest.current;
    try {
      const res = await fetch(`/api/products/${productId}/viewer`, { cache: "no-store", headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`viewer ${res.status}`);
      const viewer = (await res.json()) as ViewerData;
      if (n === latest.current) setState({ status: "ready", viewer });
    } catch {
      // Keep what is shown after a failed reload; only a first load that failed says so.
      if (n === latest.current) setState((s) => (s.status === "ready" ? s : { status: "error" }));
    }
  }, [productId]);
  useEffect(() => {
    setState({ status: "loading" });
    void reload();
  }, [reload]);
  useEffect(() => onAccountChange(() => void reload()), [reload]);
  const patch = useCallback((fn: (v: SignedInViewer) => SignedInViewer) => {
    latest.current++; // an answer already on its way is older than this
    setState((s) => (s.status === "ready" && s.viewer.signedIn ? { status: "ready", viewer: fn(s.viewer) } : s));
  }, []);
  return <ViewerCtx value={{ state, reload: () => void reload(), patch }}>{children}</ViewerCtx>;
}

/** The signed-in viewer, or null (signed out, or not known yet). */
export function signedIn(state: ViewerState): SignedInViewer | null {
  return state.status === "ready" && state.viewer.signedIn ? state.viewer : null;
}

/**
 * An idempotency key for one form, made in the browser (the page is cached, so the server cannot make one
 * per visit), and a new one after each success. crypto.randomUUID() exists only on secure origins; the
 * random bytes work everywhere.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(newKey);
  return [key, useCallback(() => setKey(newKey()), [])];
}

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `ui-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
