// One error type for the whole domain, with a stable code. It is mapped once to an HTTP status
// (lib/http/respond.ts) and once to form state (lib/forms/action.ts).

export type ErrorKind =
  | "invalid" // 400: the input breaks a rule; `fields` says which
  | "unauthenticated" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "conflict" // 409: sold, cancelled, not enough points, a rule of the market
  | "rate_limited" // 429
  | "unavailable"; // 503: a database or service is down; nothing was changed

export const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;
  /** Facts the client needs to act on the error (e.g. `currentPrice` of `price_changed`); sent with it. */
  readonly details?: Record<string, string | number | boolean | null>;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    extra: { fields?: FieldErrors; retryAfterSeconds?: number; details?: AppError["details"]; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.details = extra.details;
  }

  get status() {
    return STATUS_OF[this.kind];
  }
}

/** A rule broken by one field: a 400 whose message is also shown next to that field. */
export function fieldError(field: string, message: string, code = "invalid_input"): AppError {
  return new AppError("invalid", code, message, { fields: { [field]: [message] } });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * An unexpected error as one log line: its name and driver code, and the message without what follows
 * "params:" (Drizzle appends the query's parameters: emails, password hashes, encrypted codes).
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: { code?: string; errno?: number } }).cause;
  const code = (e as { code?: string }).code ?? cause?.code;
  return `${e.name}${code ? ` [${code}]` : ""}: ${e.message.split(/\s*params:/)[0]}`;
}
