import "server-only";
import { ZodError, type z } from "zod";
import { AppError, describeError, type FieldErrors } from "@/lib/errors";

// The one mapping from errors to HTTP: {error: {code, message, fields?}} with the AppError's status.
// Anything unexpected is logged and answered with a generic 500 that reveals nothing.

export function zodFields(e: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of e.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) return new AppError("invalid", "invalid_input", "입력값을 확인해 주세요.", { fields: zodFields(e) });
  return null;
}

export function jsonError(e: unknown): Response {
  const err = toAppError(e);
  if (!err) {
    console.error("[api] unexpected error:", describeError(e));
    return Response.json({ error: { code: "internal_error", message: "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요." } }, { status: 500 });
  }
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (err.retryAfterSeconds) headers["Retry-After"] = String(err.retryAfterSeconds);
  return Response.json(
    { error: { ...err.details, code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } },
    { status: err.status, headers },
  );
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw toAppError(r.error)!;
  return r.data;
}
