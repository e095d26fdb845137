import { keys, type OwnView } from "@/lib/cache/keys";
import type { Change } from "@/lib/cache/publish";
import type { OwnRows } from "./own-views";

// The deltas of a user's own pages (lib/accounts/own-views.ts). A command that emits one of these for a
// user's view states its whole effect on that view: a complete row as the view's loader would read it, or
// the fields it changed. Whatever else it wrote there is fenced for it (lib/write/touches.ts), so leaving
// one out costs a re-read, while a wrong or partial one would show a wrong row: build them from what the
// command wrote.

/** A row of a user's own page, complete (new, or replacing the cached one). */
export function ownRow<W extends OwnView>(userId: number, what: W, row: OwnRows[W]): Change {
  return { view: keys.own(userId, what), delta: { op: "upsert", kind: "row", id: row.id, item: row } };
}

/** Some fields of a row of a user's own page (never its id). */
export function ownPatch<W extends OwnView>(userId: number, what: W, id: number, fields: Partial<Omit<OwnRows[W], "id">>): Change {
  return { view: keys.own(userId, what), delta: { op: "upsert", kind: "patch", id, item: fields } };
}
