import type { ComponentProps } from "react";

/**
 * A link inside the app: a plain `<a href>` that `SoftNavigation` (mounted once in the root layout) turns into
 * a client-side navigation on click and prefetches once someone shows they may open it (the mouse over it,
 * keyboard focus), not because it is on the screen (Next.js's default).
 *
 * Why not next/link: every `<Link>` is a client component that hydrates with hooks of its own, and the
 * catalog pages hold a hundred of them (cards, feed items, brand chips). On a phone that hydration was most
 * of the main thread's blocking time (Lighthouse). One listener for the whole document does the same job,
 * and this component works in server and client components alike. Without JavaScript it is an ordinary link.
 * `prefetch={false}` for a page that must be fetched when it is opened and not before (the notifications).
 */
export function IntentLink({ href, prefetch = true, ...props }: Omit<ComponentProps<"a">, "href"> & { href: string; prefetch?: boolean }) {
  return <a {...props} href={href} data-soft={prefetch ? "" : "no-prefetch"} />;
}
