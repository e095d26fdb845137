"use client";

import { useEffect } from "react";
import { refreshAccount } from "@/components/layout/account-events";

/** Opening the list reads what is in it: marks them read, then the header's badge loads again. */
export function MarkRead({ unread }: { unread: number }) {
  useEffect(() => {
    if (!unread) return;
    void fetch("/api/notifications/read", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then(() => refreshAccount());
  }, [unread]);
  return null;
}
