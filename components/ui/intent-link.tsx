"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A link that prefetches its page once someone shows they may open it — the pointer over it, a touch, keyboard
 * focus — rather than because it is on the screen (Next.js's default). The header, breadcrumbs and buttons
 * are on every page; prefetching all of them on every page view cost a phone's main thread more than the
 * page itself (Lighthouse's blocking time). The pattern of Next.js's prefetching guide ("Hover-triggered
 * prefetch"): `prefetch` goes from false to the default on the first sign of intent.
 */
export function IntentLink({ onMouseEnter, onTouchStart, onFocus, ...props }: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [intent, setIntent] = useState(false);
  return (
    <Link
      {...props}
      prefetch={intent ? null : false}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
    />
  );
}
