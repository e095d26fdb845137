import "server-only";
import { AppError } from "@/lib/errors";
import { canonicalId } from "./canonical-id";

/**
 * A numeric id from a route segment (/api/orders/{id}). Anything that is not one names no resource, so it
 * gets the same 404 as an id that does not exist (no hint about which ids do).
 */
export function pathId(raw: string | undefined, notFound: () => AppError): number {
  const id = canonicalId(raw);
  if (id === null) throw notFound();
  return id;
}

/** A query string as an object for a zod schema; empty parameters (`?q=`) count as absent. */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (v.trim() !== "" && !(k in out)) out[k] = v;
  return out;
}
