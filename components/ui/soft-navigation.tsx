"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Client-side navigation for the app's plain links (`IntentLink`, `<a data-soft>`), with one set of listeners
 * on the document instead of a component per link. A click that a browser would handle itself — another
 * button, a modifier key (new tab, new window, download), a `target` or `download` attribute, another
 * origin, or a click some handler already took — is left to the browser. Prefetching follows intent: the
 * mouse (or a pen) over a link, or keyboard focus on it; each address once per page view. A touch does not
 * prefetch: on a phone a touch is usually the start of a scroll across the cards.
 */
export function SoftNavigation() {
  const router = useRouter();
  useEffect(() => {
    const prefetched = new Set<string>();
    const softLink = (e: Event): { href: string; prefetch: boolean } | null => {
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[data-soft]") : null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return null;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return null;
      return { href: url.pathname + url.search + url.hash, prefetch: a.dataset.soft !== "no-prefetch" };
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = softLink(e);
      if (!link) return;
      e.preventDefault();
      router.push(link.href);
    };
    const onIntent = (e: Event) => {
      if (e instanceof PointerEvent && e.pointerType === "touch") return;
      const link = softLink(e);
      if (!link?.prefetch) return;
      const page = link.href.split("#")[0];
      if (prefetched.has(page)) return;
      prefetched.add(page);
      router.prefetch(page);
    };
    // On window, after the document: handlers that React attached (and may have prevented the click) run first.
    window.addEventListener("click", onClick);
    document.addEventListener("pointerover", onIntent, { passive: true });
    document.addEventListener("focusin", onIntent);
    return () => {
      window.removeEventListener("click", onClick);
      document.removeEventListener("pointerover", onIntent);
      document.removeEventListener("focusin", onIntent);
    };
  }, [router]);
  return null;
}
