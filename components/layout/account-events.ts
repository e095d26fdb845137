// The header's account area and the product page's viewer panels load in the browser (the pages around them
// are the same for everyone and served from the cache). A form that changed the user's points, bids,
// listings or likes calls refreshAccount() after it succeeds, and both load again.

export const ACCOUNT_CHANGED = "gx:account-changed";

export function refreshAccount() {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(ACCOUNT_CHANGED));
}

/**
 * Runs `load` when the account may have changed: refreshAccount() was called, or the tab became visible
 * again (the user may have traded in another tab). Returns the cleanup for useEffect.
 */
export function onAccountChange(load: () => void): () => void {
  const onVisible = () => {
    if (document.visibilityState === "visible") load();
  };
  window.addEventListener(ACCOUNT_CHANGED, load);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    window.removeEventListener(ACCOUNT_CHANGED, load);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
