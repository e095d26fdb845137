"use client";

import { useEffect } from "react";
import { toast } from "./toaster";

/** A change that ended on a new page (구매 확정, a purchase…): the page's note is also said as a toast. */
export function FlashToast({ text }: { text?: string }) {
  useEffect(() => {
    if (text) toast(text);
  }, [text]);
  return null;
}
