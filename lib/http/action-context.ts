import { AsyncLocalStorage } from "node:async_hooks";

// Whether a request's server action got to run. server.ts opens one context per form post; the action
// wrapper (lib/forms/action.ts) notes that it ran. Next.js answers 500 when it cannot decode an action's
// arguments (a hand-made body, a broken multipart), before any action code runs: that is the client's
// fault, so server.ts turns such a 500 into a 400. A 500 after the action ran stays a 500 (a bug).

type Ctx = { actionRan: boolean };
const KEY = Symbol.for("gx.action-context");

/** One store for server.ts and the app's bundles (they are separate module instances in one process). */
export function actionContext(): AsyncLocalStorage<Ctx> {
  const g = globalThis as Record<symbol, AsyncLocalStorage<Ctx> | undefined>;
  return (g[KEY] ??= new AsyncLocalStorage<Ctx>());
}

export function noteActionRan() {
  const s = actionContext().getStore();
  if (s) s.actionRan = true;
}
