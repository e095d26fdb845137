import { AppError } from "@/lib/errors";

// MySQL/MariaDB error numbers and driver codes the app reacts to.
export const ER_DUP_ENTRY = 1062;
export const ER_LOCK_DEADLOCK = 1213;
export const ER_LOCK_WAIT_TIMEOUT = 1205;
export const ER_CHECK_CONSTRAINT = 4025;
export const ER_OPTION_PREVENTS_STATEMENT = 1290; // read_only
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_SERVER_SHUTDOWN",
  "ER_CON_COUNT_ERROR",
  "ECONNABORTED",
  "EHOSTUNREACH",
  // mysql2: a statement sent on a connection that already failed or was closed (a server that went away).
  "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR",
  "PROTOCOL_ENQUEUE_AFTER_QUIT",
]);

type DbError = { errno?: number; code?: string; sqlMessage?: string; cause?: unknown };

function dbError(e: unknown): DbError | undefined {
  // Drizzle wraps driver errors ("Failed query: …") and keeps the driver's error as `cause`.
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const d = cur as DbError;
    if (typeof d.errno === "number" || (typeof d.code === "string" && d.code.length > 0)) return d;
    cur = d.cause;
  }
  return undefined;
}

export const errnoOf = (e: unknown) => dbError(e)?.errno;
export const isDuplicate = (e: unknown, key?: string) =>
  errnoOf(e) === ER_DUP_ENTRY && (!key || (dbError(e)?.sqlMessage ?? "").includes(key));
export const isRetryableLock = (e: unknown) => [ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT].includes(errnoOf(e) ?? 0);
// mysql2 raises this one without a code, for a statement on a connection that has already closed; Drizzle
// then wraps it ("Failed query: rollback" when its ROLLBACK after a failure finds the connection dead).
const CLOSED = /connection is in closed state/;
function anyMessage(e: unknown, re: RegExp): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    if (re.test(String((cur as Error).message ?? ""))) return true;
    cur = (cur as DbError).cause;
  }
  return false;
}
export const isUnreachable = (e: unknown) => {
  const d = dbError(e);
  if (d && (UNREACHABLE.has(d.code ?? "") || d.errno === 2013 || d.errno === 2006 || d.errno === 1927 || d.errno === 1053)) return true;
  return anyMessage(e, CLOSED);
};

/** The error a caller sees when the primary cannot be reached: nothing was written. */
export function primaryUnavailable(cause: unknown) {
  return new AppError(
    "unavailable",
    "primary_unavailable",
    "지금은 주문·등록을 처리할 수 없습니다. 잠시 후 다시 시도해 주세요. (데이터베이스 연결 끊김, 변경된 내용 없음)",
    { cause },
  );
}

/**
 * The primary went silent after COMMIT was sent: the command may or may not have been applied, and no one
 * can know until the primary answers again. Still a 503, with its own code so that a client retries with
 * its Idempotency-Key (which answers with the first result if it did commit) or checks before redoing it.
 */
export function commitUnknown(cause: unknown) {
  return new AppError(
    "unavailable",
    "commit_unknown",
    "데이터베이스가 응답하지 않아 처리 결과를 확인하지 못했습니다. 같은 Idempotency-Key로 다시 시도하거나 내역을 확인해 주세요.",
    { cause },
  );
}
