import "server-only";
import { refresh } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { ZodError, type z } from "zod";
import { currentActor, requireActor, requireAdmin } from "@/lib/auth/session";
import { AppError, describeError } from "@/lib/errors";
import { toAppError } from "@/lib/http/respond";
import { noteActionRan } from "@/lib/http/action-context";
import { enforceRateLimit, type Bucket } from "@/lib/security/rate-limit";
import { rememberWrite } from "@/lib/session/position";
import type { Actor, Idempotency } from "@/lib/write/command";
import { formValues } from "./form-data";
import type { FormState } from "./state";

// Every form's server action goes through here (the way nextjs/saas-starter's validatedAction does):
// parse the FormData with the command's zod schema, load the actor once, call the command, remember its
// replication position for read-your-writes, and turn an AppError or ZodError into the form's state
// (a message plus messages per field). On success: redirect (outside the try, so Next's redirect is not
// caught as an error) or refresh the page and say what was done.

type Who = "user" | "admin" | "anyone";
type ActorOf<W extends Who> = W extends "anyone" ? Actor | null : Actor;

export type ActionCtx<W extends Who> = {
  actor: ActorOf<W>;
  formData: FormData;
  /** The form's Idempotency key (hidden field "idem"), so a double submit never trades twice. */
  idempotency: (scope: string, request: unknown) => Idempotency | undefined;
};

export type ActionOutcome = {
  /** The command's replication position (remembered for the actor). */
  seq?: number;
  redirectTo?: string;
  message?: string;
} | void;

export type ActionOptions<S extends z.ZodType, W extends Who> = {
  schema: S;
  /** Who may run it (default: a signed-in user). */
  who?: W;
  /** Counts the request against one of the actor's per-user limits (lib/security/rate-limit.ts). */
  limit?: Exclude<Bucket, "signIn" | "signUp">;
  /** Fields never echoed back into the form after an error. */
  secret?: string[];
  /**
   * Checks of the command's own rules that need no database (an expired date, a deadline after the expiry),
   * run on the raw form even when the schema fails, so every field's error arrives in one round trip.
   */
  fieldChecks?: (raw: Record<string, string | undefined>) => Record<string, string[]>;
};

const IDEM_KEY = /^[\w.:-]{8,100}$/;

export function formAction<S extends z.ZodType, W extends Who = "user">(
  opts: ActionOptions<S, W>,
  run: (input: z.output<S>, ctx: ActionCtx<W>) => Promise<ActionOutcome>,
) {
  return async function action(_prev: FormState, formData: FormData): Promise<FormState> {
    noteActionRan();
    // A hand-made request can call an action with anything for arguments; only a form's data is one.
    if (!(formData instanceof FormData)) return { ok: false, message: "잘못된 요청입니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.", at: Date.now() };
    const raw = formValues(formData);
    let outcome: ActionOutcome;
    try {
      const who = opts.who ?? "user";
      const actor = who === "admin" ? await requireAdmin() : who === "user" ? await requireActor() : await currentActor();
      if (opts.limit && actor) await enforceRateLimit(opts.limit, `user:${actor.id}`);
      const input = parseAll(opts.schema, raw, opts.fieldChecks);
      const key = raw.idem && IDEM_KEY.test(raw.idem) ? raw.idem : undefined;
      outcome = await run(input, {
        actor: actor as ActorOf<W>,
        formData,
        idempotency: (scope, request) => (key ? { key, scope, request } : undefined),
      });
      if (actor && outcome?.seq) await rememberWrite(actor.id, outcome.seq);
    } catch (e) {
      unstable_rethrow(e); // redirect()/notFound() from inside a handler are not errors
      return errorState(e, echo(raw, opts.secret));
    }
    if (outcome?.redirectTo) redirect(outcome.redirectTo);
    refresh();
    return { ok: true, message: outcome?.message, at: Date.now() };
  };
}

/** The schema's errors and the field checks' together: one round trip shows them all. */
function parseAll<S extends z.ZodType>(schema: S, raw: Record<string, string | undefined>, checks?: ActionOptions<S, Who>["fieldChecks"]): z.output<S> {
  const parsed = schema.safeParse(raw);
  const extra = checks?.(raw) ?? {};
  if (parsed.success && !Object.keys(extra).length) return parsed.data;
  const fields: Record<string, string[]> = { ...(parsed.success ? {} : (toAppError(parsed.error)?.fields ?? {})) };
  for (const [k, msgs] of Object.entries(extra)) fields[k] = [...new Set([...(fields[k] ?? []), ...msgs])];
  throw new AppError("invalid", "invalid_input", "입력값을 확인해 주세요.", { fields });
}

function echo(raw: Record<string, string | undefined>, secret: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || k === "idem" || /password/i.test(k) || secret.includes(k)) continue;
    out[k] = v.slice(0, 500);
  }
  return out;
}

/** The one mapping from errors to form state (the HTTP one is lib/http/respond.ts). */
export function errorState(e: unknown, values?: Record<string, string>): FormState {
  const err = e instanceof ZodError ? toAppError(e) : e instanceof AppError ? e : null;
  if (!err) {
    console.error("[form] unexpected error:", describeError(e));
    return { ok: false, message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.", values, at: Date.now() };
  }
  const fields = err.fields;
  // A validation error's own message is generic; the first field message says more.
  const first = fields ? Object.values(fields)[0]?.[0] : undefined;
  const count = fields ? Object.keys(fields).length : 0;
  const message =
    err.kind === "invalid" && err.code === "invalid_input" && first ? (count > 1 ? `입력값 ${count}곳을 확인해 주세요.` : `입력값을 확인해 주세요: ${first}`) : err.message;
  return { ok: false, message, fields, values, code: err.code, details: err.details, at: Date.now() };
}
