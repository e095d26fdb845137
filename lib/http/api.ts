import "server-only";
import type { NextRequest } from "next/server";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readerPosition, rememberWrite } from "@/lib/session/position";
import type { Actor, Idempotency } from "@/lib/write/command";
import { jsonError } from "./respond";

// The JSON API's route handlers are thin: this wrapper does the HTTP part once (auth, CSRF, body parsing,
// Idempotency-Key, read-your-writes, error mapping) and the handler calls one command or query.

const MAX_BODY_BYTES = 64 * 1024;

type Ctx<P> = {
  req: NextRequest;
  params: P;
  actor: Actor | null;
  /** The position this user's reads must see (their last write); read from Redis only when asked for. */
  minSeq: () => Promise<number>;
  body: unknown;
  idempotency: (scope: string, request: unknown) => Idempotency | undefined;
};

type Result = { status?: number; body: unknown; seq?: number; headers?: Record<string, string> };

type Route<P> = (req: NextRequest, route: { params: Promise<P> }) => Promise<Response>;

/** A route for anyone (signed in or not). */
export function api<P = Record<string, string>>(opts: { write?: boolean }, handler: (ctx: Ctx<P>) => Promise<Result>): Route<P> {
  return wrap<P>({ ...opts, auth: "optional" }, handler);
}

/** A route for signed-in users only (401 otherwise). */
export function userApi<P = Record<string, string>>(
  opts: { write?: boolean },
  handler: (ctx: Ctx<P> & { actor: Actor }) => Promise<Result>,
): Route<P> {
  return wrap<P>({ ...opts, auth: "required" }, handler as (ctx: Ctx<P>) => Promise<Result>);
}

/**
 * A route for admins only (403 admin_only for everyone else). The session's role is a first filter; every
 * admin command re-checks on the primary that the actor is an active admin.
 */
export function adminApi<P = Record<string, string>>(
  opts: { write?: boolean },
  handler: (ctx: Ctx<P> & { actor: Actor }) => Promise<Result>,
): Route<P> {
  return wrap<P>({ ...opts, auth: "admin" }, handler as (ctx: Ctx<P>) => Promise<Result>);
}

function wrap<P>(opts: { auth: "required" | "optional" | "admin"; write?: boolean }, handler: (ctx: Ctx<P>) => Promise<Result>): Route<P> {
  return async (req: NextRequest, route: { params: Promise<P> }) => {
    try {
      if (opts.write) assertSameOrigin(req);
      const actor = await currentActor();
      if (opts.auth !== "optional" && !actor) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
      if (opts.auth === "admin" && actor?.role !== "admin") throw new AppError("forbidden", "admin_only", "관리자만 할 수 있습니다.");
      const body = opts.write ? await readJson(req) : undefined;
      const key = req.headers.get("idempotency-key");
      if (key !== null && !/^[\w.:-]{8,100}$/.test(key)) {
        throw new AppError("invalid", "invalid_idempotency_key", "Idempotency-Key는 8~100자의 영문, 숫자, _ . : - 로 만들어 주세요.", {
          fields: { "Idempotency-Key": ["8~100자의 영문, 숫자, _ . : - 로 만들어 주세요."] },
        });
      }
      let position: Promise<number> | undefined;
      const minSeq = () => (position ??= actor ? readerPosition(actor.id) : Promise.resolve(0));
      const res = await handler({
        req,
        params: await route.params,
        actor,
        minSeq,
        body,
        idempotency: (scope, request) => (key ? { key, scope, request } : undefined),
      });
      if (actor && res.seq) await rememberWrite(actor.id, res.seq);
      return Response.json(res.body, { status: res.status ?? 200, headers: { "Cache-Control": "no-store", ...res.headers } });
    } catch (e) {
      return jsonError(e);
    }
  };
}

async function readJson(req: NextRequest): Promise<unknown> {
  if (req.method === "DELETE" || req.method === "GET") return undefined;
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("invalid", "body_too_large", "요청 본문이 너무 큽니다 (최대 64KB).");
  if (!text.trim()) return {};
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("invalid", "unsupported_media_type", "요청 본문은 application/json 이어야 합니다.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid", "malformed_json", "JSON 형식이 올바르지 않습니다.");
  }
}

/**
 * CSRF: the session cookie is SameSite=Lax, and a state-changing request that a browser marks as coming
 * from another site (Origin or Sec-Fetch-Site) is refused. Non-browser clients send neither header.
 */
function assertSameOrigin(req: NextRequest) {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw csrf();
  const origin = req.headers.get("origin");
  if (origin === null) return;
  // "null", or anything that is not an origin at all ("x"), is not this site either.
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!URL.canParse(origin) || new URL(origin).host !== host) throw csrf();
}
const csrf = () => new AppError("forbidden", "cross_site_request", "다른 사이트에서 보낸 요청은 처리하지 않습니다.");
