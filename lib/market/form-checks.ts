import "server-only";
import { AppError } from "@/lib/errors";
import { checkExpiry, listingDeadline } from "./commands/trade";
import { deadlineSchema, expiresAtSchema } from "./schemas";

// The rules of createListing / fillBid that need no database, run on the raw form (lib/forms/action.ts
// fieldChecks), so that a seller sees "유효기간이 지났습니다" next to the date together with every other
// field's error, instead of one error per submit. The commands still check all of it themselves.

function collect(fields: Record<string, string[]>, run: () => void) {
  try {
    run();
  } catch (e) {
    if (!(e instanceof AppError) || !e.fields) throw e;
    for (const [k, v] of Object.entries(e.fields)) fields[k] = [...(fields[k] ?? []), ...v];
  }
}

export function voucherChecks(raw: Record<string, string | undefined>): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const expiry = expiresAtSchema.safeParse(raw.expiresAt);
  if (!expiry.success) return fields; // the schema already says what is wrong with the date
  const now = Date.now();
  collect(fields, () => checkExpiry(expiry.data, now));
  if (raw.deadline) {
    const deadline = deadlineSchema.safeParse(raw.deadline);
    if (deadline.success) collect(fields, () => listingDeadline(deadline.data, expiry.data, now));
  }
  return fields;
}
